import type { StateCheck } from '../../ledger/index.js';
import { findOrigin, presentOrigin } from './intake.js';

/**
 * A registered lower-level platform's row (keys and last sequence applied) against its latest event: registration,
 * key update, or the receipt of an item (which records the sequence it moved to).
 */
export const exchangeStateChecks: StateCheck[] = [
  {
    subjectType: 'exchange_origin',
    label: '下级平台',
    async load(db, id) {
      const row = await findOrigin(db, id);
      return row && presentOrigin(row);
    },
    recorded: (state) => {
      const { origin, name, verifierKeys, lastSeq } = state;
      return { origin, name, verifierKeys, lastSeq };
    },
  },
];
