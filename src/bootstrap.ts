import path from 'node:path';
import { createS3BlobStore } from './blob/s3.js';
import { type BlobStore, createLocalBlobStore } from './blob/store.js';
import { type Config, ensureDataDir } from './config.js';
import { type DatabaseHandle, openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import type { AppContext } from './kernel/context.js';
import { createSecretBox, loadSecretKey } from './kernel/secret-box.js';
import { loadCosigner } from './ledger/cosignature.js';
import { loadLedgerKeys } from './ledger/keys.js';

export interface Opened {
  ctx: AppContext;
  handle: DatabaseHandle;
  applied: string[];
}

/** Opens the configured database, brings its schema up to date and assembles the service context. */
export async function openSystem(config: Config): Promise<Opened> {
  ensureDataDir(config);
  const handle = openDatabase(config.database);
  try {
    const applied = await migrateToLatest(handle);
    const secrets = createSecretBox(loadSecretKey(config.dataDir));
    const ledgerKeys = loadLedgerKeys(config.dataDir, config.origin, { isSm2: config.isSm2 });
    const cosigner = loadCosigner(config.dataDir, config.origin);
    const blobs = openBlobStore(config);
    return { ctx: { db: handle.db, dialect: handle.dialect, config, secrets, ledgerKeys, cosigner, blobs }, handle, applied };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** The local folder `$LAWTRAIL_DATA/blobs`, or an S3 bucket with uploads staged in that folder. */
function openBlobStore(config: Config): BlobStore {
  const folder = path.join(config.dataDir, 'blobs');
  const store = config.blobStore;
  return store.kind === 's3' ? createS3BlobStore(store, config.fileHash, folder) : createLocalBlobStore(folder, config.fileHash);
}

export async function isDatabaseEmpty(ctx: AppContext): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count) === 0;
}
