import type { StateCheck } from '../../ledger/index.js';
import * as repo from './catalog.repo.js';
import { versionState } from './catalog.service.js';

/**
 * A version's row and its entries against the latest event: the entries are compared through their digest, so an
 * entry edited, added or removed behind the application's back is found.
 */
export const catalogStateChecks: StateCheck[] = [
  {
    subjectType: 'catalog_version',
    label: '清单版本',
    async load(db, id) {
      const row = await repo.findVersion(db, id);
      if (!row) return undefined;
      const entries = await repo.readEntries(db, id);
      return { ...versionState(row), entryCount: entries.length, entriesSha256: repo.digestEntries(entries) };
    },
    recorded: (state) => state.version,
  },
];
