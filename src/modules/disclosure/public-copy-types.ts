/**
 * The shape of a decision's public copy (公开副本) and its labels: pure data with no server imports, so that the portal
 * (web/src/shared/disclosure.ts) reads the very type the server writes.
 */

export const withdrawalGrounds = {
  revoked: '被撤销',
  unlawful: '被确认违法',
  void: '被确认无效',
  changed: '被变更',
} as const;
export type WithdrawalGround = keyof typeof withdrawalGrounds;

export const correctionSources = {
  reconsideration: '行政复议',
  litigation: '行政诉讼',
  self_correction: '本机关自行纠正',
} as const;
export type CorrectionSource = keyof typeof correctionSources;

export interface PublicNotice {
  ground: WithdrawalGround;
  groundLabel: string;
  source: CorrectionSource;
  sourceLabel: string;
  reason: string;
  on: string;
}

export interface PublicChange extends PublicNotice {
  originalDecision: string;
  originalAmount: number | null;
  currentDecision: string;
  currentAmount: number | null;
}

/** 行政复议 or 行政诉讼 against the decision, and how it ended. */
export const remedyKinds = { reconsideration: '行政复议', litigation: '行政诉讼' } as const;
export type RemedyKind = keyof typeof remedyKinds;
export const remedyOutcomes = {
  upheld: '维持',
  changed: '变更',
  revoked: '撤销',
  unlawful: '确认违法',
  void: '确认无效',
} as const;
export type RemedyOutcome = keyof typeof remedyOutcomes;

/** The outcome of a reconsideration or lawsuit, on the decision's page (structured: no free text from the case). */
export interface PublicRemedy {
  kind: RemedyKind;
  kindLabel: string;
  /** The reconsideration body or the court, when the case recorded it. */
  body: string | null;
  outcome: RemedyOutcome;
  outcomeLabel: string;
  /** The day the reconsideration or lawsuit ended (the case's 复议或诉讼终结 step). */
  endedOn: string;
}

/** The party's statement (当事人陈述), as published after the redaction engine and the office's check. */
export interface PublicStatement {
  text: string;
  receivedOn: string;
  publishedOn: string;
  channel: 'written' | 'online';
  channelLabel: string;
}

/** One decision's public copy, as the portal, the public API and the exchange see it. */
export type PublicCopy = {
  id: string;
  agency: { id: string; name: string; governmentId: string };
  region: { code: string; name: string };
  actionType: string;
  actionTypeLabel: string;
  /** The decision document's title, e.g. 行政处罚决定书. */
  title: string;
  documentNumber: string;
  /** The decision document, verifiable at /verify/document/{id}; null when the decision issued none. */
  documentId: string | null;
  caseTitle: string;
  decidedOn: string;
  publishedOn: string | null;
  party: { type: string; name: string; creditCode: string | null; address: string | null };
  item: { code: string; name: string };
  legalBasis: string;
  facts: string | null;
  decision: string;
  amount: number | null;
  rule: { code: string | null; name: string; basis: string; periodText: string };
  status: 'published' | 'changed' | 'withdrawn';
  change: PublicChange | null;
  withdrawal: PublicNotice | null;
  expiresOn: string | null;
  /** Reconsideration or litigation that ended, with its outcome; absent when there was none. */
  remedy?: PublicRemedy | null;
  /** The party's statement beside the decision (right to reply); absent when it has made none. */
  statement?: PublicStatement | null;
  /** On a higher-level platform: the lower-level platform the copy came from (数据交换); absent on its own records. */
  origin?: { origin: string; name: string };
};
