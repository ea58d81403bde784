import { createHash } from 'node:crypto';
import { canonicalJson } from '../../kernel/canonical-json.js';
import type { StateCheck } from '../../ledger/index.js';
import type { PublicationRow, PublicRecordRow } from './public-copy.js';
import { publicationState, publicRecordState } from './publications.service.js';
import { type ReplyRow, replyState } from './replies.service.js';

/**
 * Each publication and its public copy against the latest event that recorded them: a public copy edited, removed or
 * slipped in behind the application (a record made to vanish from the portal, a fine changed) is named by `verify`.
 */
export const disclosureStateChecks: StateCheck[] = [
  {
    subjectType: 'publication',
    label: '事后公开信息',
    async load(db, id) {
      const row = await db.selectFrom('publications').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      const pub = await db.selectFrom('public_records').selectAll().where('id', '=', id).executeTakeFirst();
      return {
        publication: publicationState(row as PublicationRow),
        publicRecord: pub ? publicRecordState(pub as PublicRecordRow) : null,
      };
    },
    recorded: (state) => ({ publication: state.publication, publicRecord: state.publicRecord ?? null }),
  },
  {
    subjectType: 'publication_reply',
    label: '当事人陈述',
    async load(db, id) {
      const row = await db.selectFrom('publication_replies').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? replyState(row as ReplyRow) : undefined;
    },
    recorded: (state) => state,
  },
  {
    audit: '公示平台的公开副本',
    async run(db) {
      // A public copy with no publication behind it was inserted behind the application — unless it was received
      // from a lower-level platform (its receipt and exchange.received event say so).
      const orphans = await db
        .selectFrom('public_records as r')
        .leftJoin('publications as p', 'p.id', 'r.id')
        .select('r.id')
        .where('p.id', 'is', null)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('exchange_receipts as x').select('x.key').whereRef('x.key', '=', 'r.id'))))
        .execute();
      return orphans.map((o) => `公开副本 ${o.id} 没有对应的公开记录和账本事件：数据被绕过系统插入`);
    },
  },
  {
    audit: '下级平台推送的公开副本',
    async run(db) {
      // A copy received from a lower-level platform against the digest its receipt recorded in this ledger
      // (exchange.received: SHA-256 of the canonical { copy, isVisible } as received, before the origin tag).
      const rows = await db
        .selectFrom('public_records as r')
        .leftJoin('publications as p', 'p.id', 'r.id')
        .select(['r.id', 'r.body', 'r.is_visible'])
        .where('p.id', 'is', null)
        .execute();
      const findings: string[] = [];
      for (const row of rows) {
        const receipt = await db
          .selectFrom('exchange_receipts')
          .select('ledger_seq')
          .where('key', '=', row.id)
          .orderBy('ledger_seq', 'desc')
          .limit(1)
          .executeTakeFirst();
        if (!receipt) continue; // the audit above names it
        const event = await db.selectFrom('ledger_events').select('payload').where('seq', '=', receipt.ledger_seq).executeTakeFirst();
        const recorded = event
          ? (JSON.parse(event.payload).state?.item as { key?: string; payloadSha256?: string } | undefined)
          : undefined;
        const { origin: _origin, ...copy } = JSON.parse(row.body) as Record<string, unknown>;
        const digest = createHash('sha256')
          .update(canonicalJson({ copy, isVisible: Number(row.is_visible) === 1 }), 'utf8')
          .digest('hex');
        if (recorded?.key !== row.id || recorded.payloadSha256 !== digest) {
          findings.push(`公开副本 ${row.id}（下级平台推送）与本平台接收时记入账本的摘要不符：数据被绕过系统改动`);
        }
      }
      return findings;
    },
  },
];
