import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { DatabaseHandle } from './database.js';
import * as foundation from './migrations/0001-foundation.js';
import * as exAnte from './migrations/0002-ex-ante-disclosure.js';
import * as files from './migrations/0003-files.js';
import * as cases from './migrations/0004-cases.js';
import * as documents from './migrations/0005-documents.js';
import * as review from './migrations/0006-review.js';
import * as publications from './migrations/0007-publications.js';
import * as exchange from './migrations/0008-exchange.js';
import * as openData from './migrations/0009-open-data.js';
import * as reports from './migrations/0010-reports.js';
import * as replies from './migrations/0011-replies.js';
import * as portalIndexes from './migrations/0012-portal-indexes.js';
import * as searchVocabulary from './migrations/0013-search-vocabulary.js';
import * as searchKeys from './migrations/0014-search-keys.js';

/** One ordered set of migrations for both dialects; each receives the dialect for the few places they differ. */
function provider(handle: DatabaseHandle): MigrationProvider {
  const all = {
    '0001-foundation': foundation,
    '0002-ex-ante-disclosure': exAnte,
    '0003-files': files,
    '0004-cases': cases,
    '0005-documents': documents,
    '0006-review': review,
    '0007-publications': publications,
    '0008-exchange': exchange,
    '0009-open-data': openData,
    '0010-reports': reports,
    '0011-replies': replies,
    '0012-portal-indexes': portalIndexes,
    '0013-search-vocabulary': searchVocabulary,
    '0014-search-keys': searchKeys,
  };
  return {
    async getMigrations() {
      const migrations: Record<string, Migration> = {};
      for (const [name, module] of Object.entries(all)) {
        migrations[name] = { up: (db) => module.up(db, handle.dialect) };
      }
      return migrations;
    },
  };
}

export async function migrateToLatest(handle: DatabaseHandle): Promise<string[]> {
  const migrator = new Migrator({ db: handle.db, provider: provider(handle) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
