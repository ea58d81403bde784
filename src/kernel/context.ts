import type { Config } from '../config.js';
import type { Db, Dialect } from '../db/database.js';
import type { SecretBox } from './secret-box.js';

/** What every service needs: the database, its dialect, the configuration and the secret box. */
export interface AppContext {
  db: Db;
  dialect: Dialect;
  config: Config;
  secrets: SecretBox;
}
