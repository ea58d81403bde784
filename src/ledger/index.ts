export type { AppendedEvent, EventInput, LedgerStatus, StoredEvent } from './events.js';
export { appendEvent, listSubjectEvents, readLedgerStatus } from './events.js';
