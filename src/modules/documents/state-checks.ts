import type { StateCheck } from '../../ledger/index.js';
import { type DocumentRow, documentState } from './documents.service.js';

/**
 * Each issued document's row against the state its `document.issued` event recorded (downloads are events of the
 * same subject that carry no state), and each agency's number format against its last change. The files' bytes are
 * checked by the files module's check of `stored_files`.
 */
export const documentStateChecks: StateCheck[] = [
  {
    subjectType: 'document',
    label: '执法文书',
    actions: ['document.issued'],
    async load(db, id) {
      const row = await db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
      return row && documentState(row as DocumentRow);
    },
    recorded: (state) => state,
  },
  {
    subjectType: 'document_number_format',
    label: '文号格式',
    async load(db, id) {
      const row = await db
        .selectFrom('document_number_formats')
        .select(['agency_id', 'format'])
        .where('agency_id', '=', id)
        .executeTakeFirst();
      return row && { agencyId: row.agency_id, format: row.format };
    },
    recorded: (state) => state,
  },
];
