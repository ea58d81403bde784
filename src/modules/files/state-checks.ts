import type { BlobStore } from '../../blob/store.js';
import type { StateCheck } from '../../ledger/index.js';
import { fileState, type StoredFileRow } from './files.service.js';

/**
 * Each stored file: its row, and its bytes hashed again from the blob store, against the digest and size its ledger
 * event recorded. A file edited, truncated or removed behind the application is named.
 */
export function fileStateChecks(blobs: BlobStore): StateCheck[] {
  return [
    {
      subjectType: 'stored_file',
      label: '存储文件',
      async load(db, id) {
        const row = await db.selectFrom('stored_files').selectAll().where('id', '=', id).executeTakeFirst();
        if (!row) return undefined;
        const state = fileState(row as StoredFileRow);
        const stored = await blobs.rehash(state.digest);
        return { ...state, digest: stored ? stored.digest : '（文件已不存在）', size: stored ? stored.size : 0 };
      },
      recorded: (state) => state,
    },
  ];
}
