/**
 * Test and bench fixtures: public records written straight into `public_records`, their copies made by the redaction
 * engine from text that may hold personal data — as the publication service does, without the case behind it.
 */
import type { Executor } from '../../../db/database.js';
import type { PublicCopy } from '../public-copy.js';
import { redactRecord } from '../redact.js';

export interface RawDecision {
  id: string;
  agencyId?: string;
  agencyName?: string;
  regionCode?: string;
  regionName?: string;
  partyType?: 'organization' | 'person';
  partyName: string;
  creditCode?: string | null;
  caseTitle: string;
  facts?: string | null;
  decision?: string;
  documentNumber?: string;
  amount?: number | null;
  decidedOn?: string;
  publishedOn?: string;
}

/** A public copy as the publication service would make it: every free text through `redactRecord`. */
export function copyFromRaw(raw: RawDecision): PublicCopy {
  const isPerson = raw.partyType === 'person';
  const { record } = redactRecord(
    {
      partyName: raw.partyName,
      caseTitle: raw.caseTitle,
      facts: raw.facts ?? null,
      decision: raw.decision ?? '给予行政处罚：警告，罚款8,000元',
      agencyName: raw.agencyName ?? '中卫市沙坡头区市场监督管理局',
      documentNumber: raw.documentNumber ?? '沙市监罚〔2026〕12号',
      creditCode: isPerson ? null : (raw.creditCode ?? null),
    },
    {
      fields: { partyName: isPerson ? 'name' : 'keep', agencyName: 'keep', documentNumber: 'keep', creditCode: 'keep' },
      options: { classified: [] },
    },
  );
  const s = (key: string) => record[key] as string;
  return {
    id: raw.id,
    agency: { id: raw.agencyId ?? 'agency-market', name: s('agencyName'), governmentId: 'gov-640502' },
    region: { code: raw.regionCode ?? '640502', name: raw.regionName ?? '沙坡头区' },
    actionType: 'penalty',
    actionTypeLabel: '行政处罚',
    title: '行政处罚决定书',
    documentNumber: s('documentNumber'),
    documentId: null,
    caseTitle: s('caseTitle'),
    decidedOn: raw.decidedOn ?? '2026-11-02',
    publishedOn: raw.publishedOn ?? '2026-11-06',
    party: {
      type: raw.partyType ?? 'organization',
      name: s('partyName'),
      creditCode: (record.creditCode as string | null) ?? null,
      address: null,
    },
    item: { code: 'EI-002', name: '对未按规定建立食品安全管理制度的处罚' },
    legalBasis: '《中华人民共和国食品安全法》第一百二十六条',
    facts: (record.facts as string | null) ?? null,
    decision: s('decision'),
    amount: raw.amount === undefined ? 8000 : raw.amount,
    rule: { code: null, name: '行政处罚决定', basis: '《中华人民共和国行政处罚法》第四十八条', periodText: '三年' },
    status: 'published',
    change: null,
    withdrawal: null,
    expiresOn: '2029-11-06',
  };
}

/** The `public_records` row of a copy (what the publication service writes). */
export function rowOf(copy: PublicCopy, options: { isVisible?: boolean; updatedOn?: string } = {}) {
  return {
    id: copy.id,
    agency_id: copy.agency.id,
    agency_name: copy.agency.name,
    government_id: copy.agency.governmentId,
    division_code: copy.region.code,
    division_name: copy.region.name,
    action_type: copy.actionType,
    title: copy.title,
    document_number: copy.documentNumber,
    decided_on: copy.decidedOn,
    published_on: copy.publishedOn ?? copy.decidedOn,
    party_type: copy.party.type,
    party_name: copy.party.name,
    party_credit_code: copy.party.creditCode,
    amount: copy.amount,
    status: copy.status,
    is_visible: options.isVisible === false ? 0 : 1,
    expires_on: copy.expiresOn,
    body: JSON.stringify(copy),
    search_text: `${copy.caseTitle} ${copy.party.name}`,
    updated_on: options.updatedOn ?? copy.publishedOn ?? copy.decidedOn,
  };
}

export async function putPublicRecord(db: Executor, copy: PublicCopy, options: { isVisible?: boolean; updatedOn?: string } = {}) {
  const row = rowOf(copy, options);
  const existing = await db.selectFrom('public_records').select('id').where('id', '=', copy.id).executeTakeFirst();
  if (existing) await db.updateTable('public_records').set(row).where('id', '=', copy.id).execute();
  else await db.insertInto('public_records').values(row).execute();
}

/** The copy withdrawn, as the publication service replaces it (Penalty Law Art. 48). */
export function withdrawn(copy: PublicCopy, reason: string, on = '2026-11-20'): PublicCopy {
  return {
    ...copy,
    status: 'withdrawn',
    withdrawal: { ground: 'revoked', groundLabel: '被撤销', source: 'reconsideration', sourceLabel: '行政复议', reason, on },
  };
}
