export type { StoredCheckpoint } from './checkpoint.js';
export { findCheckpoint, integrate, isSignedBy, latestCheckpoint, parseCheckpointBody } from './checkpoint.js';
export type { AppendedEvent, EventInput, LedgerStatus, StoredEvent } from './events.js';
export { appendEvent, appendEvents, listSubjectEvents, readLedgerStatus } from './events.js';
export { startIntegrator } from './integrator.js';
export { createLedgerKey, type LedgerKeyKind, type LedgerKeys, loadLedgerKeys, parseLedgerVerifierKey } from './keys.js';
export { type LedgerAudit, type RowCheck, type StateCheck, type VerifyReport, verifyLedger } from './verify.js';
