/**
 * What a decision decides, as the legal review sees it: the party, the item and its legal bases, the penalty (kinds,
 * fine, confiscation) and facts, or a licence's scope, or an assessed amount. The review records the SHA-256 of this
 * proposal; the decision must carry the same digest, so changing any of it after the review closes the gate again.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../kernel/canonical-json.js';
import { type PenaltyKind, penaltyKinds } from '../../kernel/vocabulary.js';
import type { LegalBasis } from '../catalog/index.js';

export interface ProposalSource {
  party_type: string;
  party_name: string;
  party_id_masked: string | null;
  party_credit_code: string | null;
  item_code: string;
  legal_bases: string;
}

export function proposalOf(caseRow: ProposalSource, data: Record<string, unknown>) {
  const kinds = Array.isArray(data.penaltyKinds) ? [...(data.penaltyKinds as string[])].sort() : [];
  return {
    party: { type: caseRow.party_type, name: caseRow.party_name, id: caseRow.party_id_masked ?? caseRow.party_credit_code },
    itemCode: caseRow.item_code,
    legalBases: JSON.parse(caseRow.legal_bases) as LegalBasis[],
    facts: typeof data.facts === 'string' ? data.facts : null,
    penaltyKinds: kinds,
    fineAmount: typeof data.fineAmount === 'number' ? data.fineAmount : null,
    confiscationAmount: typeof data.confiscationAmount === 'number' ? data.confiscationAmount : null,
    decisionText: typeof data.scope === 'string' ? data.scope : typeof data.reason === 'string' ? data.reason : null,
    amount: typeof data.amount === 'number' ? data.amount : null,
  };
}

export type Proposal = ReturnType<typeof proposalOf>;

export function proposalDigest(proposal: Proposal): string {
  return createHash('sha256').update(canonicalJson(proposal)).digest('hex');
}

/** 警告，罚款 10,000 元 — the proposal as a reviewer or officer reads it in a message. */
export function describeProposal(proposal: Proposal): string {
  const parts = proposal.penaltyKinds.map((kind) => {
    if (kind === 'fine' && proposal.fineAmount !== null) return `罚款 ${proposal.fineAmount.toLocaleString('zh-CN')} 元`;
    return penaltyKinds[kind as PenaltyKind] ?? kind;
  });
  if (proposal.confiscationAmount !== null) parts.push(`没收违法所得 ${proposal.confiscationAmount.toLocaleString('zh-CN')} 元`);
  if (proposal.amount !== null) parts.push(`核定 ${proposal.amount.toLocaleString('zh-CN')} 元`);
  if (proposal.decisionText) parts.push(proposal.decisionText.slice(0, 40));
  return parts.join('，') || '（无）';
}
