/**
 * The public copy of a decision (公开副本): what the portal shows, made by the redaction engine from the case, its
 * decision step and the decision document — never anything else. A natural person's name is masked (张某某) wherever it
 * appears, their ID number and address are left out; an organisation's name, credit code and address stay, as do the
 * document number, amounts and legal bases. Marked state or trade secrets block the copy (`RedactionBlocked`).
 */
import type { Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { CaseTable, PublicationTable, PublicRecordTable } from '../../db/schema.js';
import type { NameMaskStyle } from '../../kernel/vocabulary.js';
import {
  type ActionType,
  actionTypes,
  type NoPenaltyGround,
  noPenaltyGrounds,
  type PenaltyKind,
  penaltyKinds,
} from '../../kernel/vocabulary.js';
import type { PublicCopy } from './public-copy-types.js';
import { type ClassifiedMarking, type RecordFinding, redactRecord } from './redact.js';

export type PublicationRow = Selectable<PublicationTable>;
export type PublicRecordRow = Selectable<PublicRecordTable>;

export {
  type CorrectionSource,
  correctionSources,
  type PublicChange,
  type PublicCopy,
  type PublicNotice,
  type PublicRemedy,
  type PublicStatement,
  type RemedyKind,
  type RemedyOutcome,
  remedyKinds,
  remedyOutcomes,
  type WithdrawalGround,
  withdrawalGrounds,
} from './public-copy-types.js';

const yuan = (amount: number) => `${amount.toLocaleString('zh-CN', { maximumFractionDigits: 2 })}元`;

/** 警告，罚款8,000元 — the penalty as the decision states it. */
export function penaltyText(data: Record<string, unknown>): string {
  const kinds = (Array.isArray(data.penaltyKinds) ? data.penaltyKinds : []) as PenaltyKind[];
  return kinds
    .map((kind) => {
      if (kind === 'fine' && typeof data.fineAmount === 'number') return `罚款${yuan(data.fineAmount)}`;
      if (kind === 'confiscate_illegal_gains' && typeof data.confiscationAmount === 'number')
        return `没收违法所得${yuan(data.confiscationAmount)}`;
      return penaltyKinds[kind] ?? kind;
    })
    .join('，');
}

const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** What was decided, in one sentence, and the amount (fine and confiscation, levy or fee) when there is one. */
export function decisionOf(
  stepKey: string,
  data: Record<string, unknown>,
): { facts: string | null; decision: string; amount: number | null } {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);
  switch (stepKey) {
    case 'decide':
    case 'summary_decide': {
      const amount = num(data.fineAmount) + num(data.confiscationAmount);
      return { facts: text(data.facts), decision: `给予行政处罚：${penaltyText(data)}`, amount: amount > 0 ? amount : null };
    }
    case 'no_penalty':
      return {
        facts: text(data.reason),
        decision: `不予行政处罚（${noPenaltyGrounds[data.ground as NoPenaltyGround] ?? String(data.ground ?? '')}）`,
        amount: null,
      };
    case 'grant_licence':
      return { facts: null, decision: `准予行政许可：${text(data.scope) ?? ''}`, amount: null };
    case 'refuse_licence':
      return { facts: text(data.reason), decision: '不予行政许可', amount: null };
    case 'assess':
      return { facts: null, decision: `核定缴纳${yuan(num(data.amount))}`, amount: num(data.amount) || null };
    case 'seize':
      return { facts: null, decision: `实施查封、扣押：${text(data.items) ?? ''}`, amount: null };
    default:
      return { facts: null, decision: String(data.record ?? ''), amount: null };
  }
}

export interface CopySource {
  publication: PublicationRow;
  caseRow: Selectable<CaseTable>;
  decision: { key: string; data: Record<string, unknown> };
  agency: { id: string; name: string; government_id: string };
  document: { id: string; title: string; number: string } | null;
  stepLabel: string;
  legalBasis: string;
}

/** Reads what the copy is made from: the case, the decision step, its document, the agency. Staff-side only. */
export async function loadCopySource(
  db: Executor,
  publication: PublicationRow,
  legalBasisOf: (json: string) => string,
): Promise<CopySource> {
  const caseRow = await db.selectFrom('cases').selectAll().where('id', '=', publication.case_id).executeTakeFirstOrThrow();
  const step = await db
    .selectFrom('case_steps')
    .select(['step_key', 'data'])
    .where('id', '=', publication.decision_step_id)
    .executeTakeFirstOrThrow();
  const agency = await db
    .selectFrom('agencies')
    .select(['id', 'name', 'government_id'])
    .where('id', '=', publication.agency_id)
    .executeTakeFirstOrThrow();
  const document = await db
    .selectFrom('documents')
    .select(['id', 'title', 'number'])
    .where('case_id', '=', publication.case_id)
    .where('step_id', '=', publication.decision_step_id)
    .orderBy('created_at')
    .executeTakeFirst();
  return {
    publication,
    caseRow,
    decision: { key: step.step_key, data: JSON.parse(step.data) as Record<string, unknown> },
    agency,
    document: document ?? null,
    stepLabel: publication.rule_name,
    legalBasis: legalBasisOf(caseRow.legal_bases),
  };
}

/**
 * The copy, through the redaction engine: throws `RedactionBlocked` when a marked secret (or a secrecy mark in the
 * text) would be published. `findings` say what was masked, for the staff preview.
 */
export function buildPublicCopy(
  source: CopySource,
  options: { classified: readonly ClassifiedMarking[]; publishedOn: string | null; nameStyle: NameMaskStyle },
): { copy: PublicCopy; findings: RecordFinding[] } {
  const { caseRow, publication, decision } = source;
  const isPerson = caseRow.party_type === 'person';
  const what = decisionOf(decision.key, decision.data);
  const { record, findings } = redactRecord(
    {
      partyName: caseRow.party_name,
      // An organisation's registered address is public; a natural person's home address never is.
      partyAddress: isPerson ? null : caseRow.party_address,
      caseTitle: caseRow.title,
      facts: what.facts,
      decision: what.decision,
      agencyName: source.agency.name,
      documentNumber: source.document?.number ?? caseRow.number,
      title: source.document?.title ?? source.stepLabel,
      itemName: caseRow.item_name,
      legalBasis: source.legalBasis,
      creditCode: isPerson ? null : caseRow.party_credit_code,
    },
    {
      fields: {
        partyName: isPerson ? 'name' : 'keep',
        agencyName: 'keep',
        documentNumber: 'keep',
        title: 'keep',
        itemName: 'keep',
        legalBasis: 'keep',
        creditCode: 'keep',
      },
      options: { classified: options.classified, nameStyle: options.nameStyle },
    },
  );
  const s = (key: string) => record[key] as string;
  const copy: PublicCopy = {
    id: publication.id,
    agency: { id: source.agency.id, name: source.agency.name, governmentId: source.agency.government_id },
    region: { code: caseRow.division_code, name: caseRow.division_name },
    actionType: caseRow.action_type,
    actionTypeLabel: actionTypes[caseRow.action_type as ActionType] ?? caseRow.action_type,
    title: s('title'),
    documentNumber: s('documentNumber'),
    documentId: source.document?.id ?? null,
    caseTitle: s('caseTitle'),
    decidedOn: publication.decided_on,
    publishedOn: options.publishedOn,
    party: {
      type: caseRow.party_type,
      name: s('partyName'),
      creditCode: (record.creditCode as string | null) ?? null,
      address: (record.partyAddress as string | null) ?? null,
    },
    item: { code: caseRow.item_code, name: s('itemName') },
    legalBasis: s('legalBasis'),
    facts: (record.facts as string | null) ?? null,
    decision: s('decision'),
    amount: what.amount,
    rule: { code: publication.rule_code, name: publication.rule_name, basis: publication.rule_basis, periodText: publication.period_text },
    status: 'published',
    change: null,
    withdrawal: null,
    expiresOn: null,
  };
  return { copy, findings };
}

/** The text the portal's search matches. */
export function searchTextOf(copy: PublicCopy): string {
  return [
    copy.caseTitle,
    copy.party.name,
    copy.party.creditCode ?? '',
    copy.agency.name,
    copy.documentNumber,
    copy.title,
    copy.item.name,
    copy.legalBasis,
    copy.facts ?? '',
    copy.decision,
    copy.change?.currentDecision ?? '',
    copy.region.name,
  ]
    .filter(Boolean)
    .join(' ');
}

/** The public copy a `public_records` row holds (what the exchange pushes and the public API answers). */
export function copyOfRow(row: PublicRecordRow): PublicCopy {
  return JSON.parse(row.body) as PublicCopy;
}
