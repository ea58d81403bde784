import type { BlobStore } from '../blob/store.js';
import type { Config } from '../config.js';
import type { Db, Dialect } from '../db/database.js';
import type { Cosigner } from '../ledger/cosignature.js';
import type { LedgerKeys } from '../ledger/keys.js';
import type { SecretBox } from './secret-box.js';

/** What every service needs: the database, its dialect, the configuration, the secret box and the ledger's keys. */
export interface AppContext {
  db: Db;
  dialect: Dialect;
  config: Config;
  secrets: SecretBox;
  /** The log's signing and verifier keys (kept outside the database). */
  ledgerKeys: LedgerKeys;
  /** This Lawtrail's witness key, for cosigning other logs' checkpoints. */
  cosigner: Cosigner;
  /** Where file contents are kept, under their digest. */
  blobs: BlobStore;
}
