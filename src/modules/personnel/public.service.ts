/**
 * What anyone may see of enforcement personnel (亮证执法): name, agency, certificate number, categories, region and
 * whether the certificate is valid today. Never a phone number, ID number or address — the roster holds none.
 */
import { containsText } from '../../db/text-search.js';
import { todayInChina } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { DomainError } from '../../kernel/errors.js';
import type { AgencyKind } from '../../kernel/vocabulary.js';
import { type CertificateRow, presentCertificate } from './certificates.service.js';

function publicCertificate(row: CertificateRow & { officer_name: string; agency_name: string; post: string | null }, today: string) {
  const certificate = presentCertificate(row, today);
  return {
    number: certificate.number,
    officerName: row.officer_name,
    post: row.post,
    agencyId: certificate.agencyId,
    agencyName: row.agency_name,
    categories: certificate.categories,
    categoryLabels: certificate.categoryLabels,
    regionName: certificate.regionName,
    issuedOn: certificate.issuedOn,
    expiresOn: certificate.expiresOn,
    status: certificate.effectiveStatus,
    statusLabel: certificate.effectiveStatusLabel,
    isValid: certificate.isValid,
  };
}

function publicQuery(ctx: AppContext) {
  return ctx.db
    .selectFrom('certificates as c')
    .innerJoin('officers as o', 'o.id', 'c.officer_id')
    .innerJoin('agencies as a', 'a.id', 'c.agency_id')
    .selectAll('c')
    .select(['o.name as officer_name', 'o.post', 'a.name as agency_name']);
}

/** The page a certificate's QR code opens: is this officer entitled to enforce, today? */
export async function verifyCertificate(ctx: AppContext, number: string) {
  const row = await publicQuery(ctx).where('c.number', '=', number.trim().toUpperCase()).executeTakeFirst();
  if (!row) throw new DomainError('personnel.not_found', `查无此执法证号：${number}。请向执法机关或 12345 热线核实。`);
  const today = todayInChina();
  return { ...publicCertificate(row, today), checkedOn: today };
}

export interface PublicOfficerFilter {
  agencyId?: string | undefined;
  q?: string | undefined;
  category?: AgencyKind | undefined;
  limit: number;
  offset: number;
}

/** The public officer list: every certificate of active agencies, newest first per officer. */
export async function listPublicOfficers(ctx: AppContext, filter: PublicOfficerFilter) {
  let query = publicQuery(ctx).where('a.is_active', '=', 1).where('o.is_active', '=', 1);
  if (filter.agencyId) query = query.where('c.agency_id', '=', filter.agencyId);
  if (filter.category) query = query.where((eb) => containsText(eb.ref('c.categories'), `"${filter.category}"`));
  if (filter.q) {
    const q = filter.q.trim();
    query = query.where((eb) => eb.or([containsText(eb.ref('o.name'), q), containsText(eb.ref('c.number'), q.toUpperCase())]));
  }
  const { total } = await query
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await query
    .orderBy('a.name')
    .orderBy('o.name')
    .orderBy('c.issued_on', 'desc')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  const today = todayInChina();
  return { items: rows.map((row) => publicCertificate(row, today)), total: Number(total) };
}
