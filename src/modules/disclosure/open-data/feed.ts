/**
 * The Atom feed (RFC 4287) of public changes: one entry per journal entry — a publication, a change, a withdrawal
 * (已撤下, with the ground and reason the public copy states) or the end of a record's publicity (停止公示: only the
 * agency, the kind of document, the reason and the day) — newest first. Entry ids are tag URIs (RFC 4151) built
 * from the platform's origin, the year the change was noticed and its journal number, so they never change.
 */
import { nowIso } from '../../../kernel/clock.js';
import type { AppContext } from '../../../kernel/context.js';
import { type ChangeEntry, type ChangeFilter, changeEventLabels, listChanges } from './changes.js';

export const feedLimit = 50;

/** Escapes text for XML element content and attribute values; drops characters XML 1.0 does not allow. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** The tag URI authority: the origin's host part, reduced to the characters a DNS name may hold. */
export function tagAuthority(origin: string): string {
  const host = (origin.split('/')[0] ?? '').toLowerCase().replace(/[^a-z0-9.-]/g, '');
  return host || 'lawtrail.local';
}

const yuan = (amount: number) => `${amount.toLocaleString('zh-CN', { maximumFractionDigits: 2 })}元`;

function entryTitle(entry: ChangeEntry): string {
  if (entry.event === 'ended') return `【停止公示】${entry.summary.agencyName}${entry.summary.title}`;
  const s = entry.summary;
  if (entry.event === 'withdrawn') return `【已撤下】${s.caseTitle}`;
  if (entry.event === 'changed') return `【已变更】${s.caseTitle}`;
  return `【公开】${s.caseTitle}`;
}

function entrySummary(entry: ChangeEntry): string {
  if (entry.event === 'ended') {
    const s = entry.summary;
    return [
      `${s.agencyName}（${s.regionName}）${s.title}`,
      `该决定已于 ${s.endedOn} 停止公示${s.reasonLabel ? `（${s.reasonLabel}）` : ''}，不再在门户网站公开；其公开、变更和撤下的记录仍在记录账本中。`,
    ].join('\n');
  }
  const s = entry.summary;
  const lines = [
    `${s.agencyName} ${s.title} ${s.documentNumber}`,
    `当事人：${s.partyName}${s.partyCreditCode ? `（统一社会信用代码 ${s.partyCreditCode}）` : ''}`,
    `执法类别：${s.actionTypeLabel}；决定日期：${s.decidedOn}`,
  ];
  if (entry.event === 'withdrawn') {
    lines.push(
      s.notice ? `已撤下：该决定${s.notice.groundLabel}（${s.notice.sourceLabel}，${s.notice.on}）。理由：${s.notice.reason}` : '已撤下',
    );
  } else {
    lines.push(`决定内容：${s.decision}${s.amount !== null ? `（金额 ${yuan(s.amount)}）` : ''}`);
    if (entry.event === 'changed' && s.notice)
      lines.push(`变更：${s.notice.groundLabel}（${s.notice.sourceLabel}，${s.notice.on}）。理由：${s.notice.reason}`);
  }
  return lines.join('\n');
}

export interface FeedOptions {
  /** Absolute base address for links: the configured public address, or the request's. */
  baseUrl: string;
  /** This feed's own address (rel="self"). */
  selfUrl: string;
  title: string;
  /** Distinguishes feeds in their id: the filter's query string, or the subscription id. */
  key: string;
}

export function renderFeed(ctx: AppContext, entries: ChangeEntry[], options: FeedOptions): string {
  const authority = tagAuthority(ctx.config.origin);
  const updated = entries[0]?.noticedAt ?? nowIso();
  const entryXml = entries.map((entry) => {
    const year = entry.noticedAt.slice(0, 4);
    // A record no longer public has no page: its entry links to the list of decisions.
    const link =
      entry.event === 'ended' ? `${options.baseUrl}/ex-post` : `${options.baseUrl}/ex-post/decisions/${encodeURIComponent(entry.recordId)}`;
    return [
      '  <entry>',
      `    <id>tag:${authority},${year}:lawtrail/open-data/change/${entry.seq}</id>`,
      `    <title type="text">${xmlEscape(entryTitle(entry))}</title>`,
      `    <updated>${entry.noticedAt}</updated>`,
      `    <link rel="alternate" type="text/html" href="${xmlEscape(link)}"/>`,
      `    <category term="${entry.event}" label="${xmlEscape(changeEventLabels[entry.event])}"/>`,
      `    <author><name>${xmlEscape(entry.summary.agencyName)}</name></author>`,
      `    <summary type="text">${xmlEscape(entrySummary(entry))}</summary>`,
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `  <id>tag:${authority},2026:lawtrail/feeds/${xmlEscape(options.key)}</id>`,
    `  <title type="text">${xmlEscape(options.title)}</title>`,
    '  <subtitle type="text">行政执法决定的公开、变更、撤下和停止公示，最新的在前</subtitle>',
    `  <updated>${updated}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(options.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(`${options.baseUrl}/ex-post`)}"/>`,
    `  <author><name>${xmlEscape(ctx.config.origin)}</name></author>`,
    '  <generator>Lawtrail 阳光执法平台</generator>',
    ...entryXml,
    '</feed>',
    '',
  ].join('\n');
}

export async function buildFeed(ctx: AppContext, filter: ChangeFilter, options: FeedOptions): Promise<string> {
  const entries = await listChanges(ctx, filter, { limit: feedLimit });
  return renderFeed(ctx, entries, options);
}

/** The feed's title, naming its filter. */
export function feedTitle(filter: ChangeFilter, agencyName?: string): string {
  const parts = [
    filter.agencyId ? `执法机关 ${agencyName ?? filter.agencyId}` : null,
    filter.region ? `行政区划 ${filter.region}` : null,
    filter.party ? `当事人 ${filter.party.toUpperCase()}` : null,
  ].filter(Boolean);
  return `阳光执法平台 · 执法决定公开动态${parts.length > 0 ? `（${parts.join('，')}）` : ''}`;
}
