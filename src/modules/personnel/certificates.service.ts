/**
 * Enforcement certificates (行政执法证) and their lifecycle — issue, renew, annual review, suspend, reinstate,
 * cancel, expiry — and the check the case module calls before anyone enforces.
 */
import type { Selectable } from 'kysely';
import { type Executor, isUniqueViolation } from '../../db/database.js';
import type { CertificateTable } from '../../db/schema.js';
import type { Actor } from '../../kernel/actor.js';
import { nowIso, todayInChina } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { divisionCovers } from '../../kernel/division-code.js';
import { DomainError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { type AgencyKind, agencyKinds, type CertificateStatus, certificateStatuses } from '../../kernel/vocabulary.js';
import { appendEvent } from '../../ledger/index.js';
import { loadOfficer, requireRosterKeeper, visibleAgency } from './officers.service.js';

export type CertificateRow = Selectable<CertificateTable>;

export function certificateState(row: CertificateRow) {
  return {
    id: row.id,
    officerId: row.officer_id,
    agencyId: row.agency_id,
    number: row.number,
    categories: JSON.parse(row.categories) as AgencyKind[],
    regionCode: row.region_code,
    regionName: row.region_name,
    issuedOn: row.issued_on,
    expiresOn: row.expires_on,
    nextReviewOn: row.next_review_on,
    lastReviewedOn: row.last_reviewed_on,
    status: row.status,
    statusReason: row.status_reason,
    statusChangedOn: row.status_changed_on,
    version: Number(row.version),
  };
}

/** What a certificate is worth on a given day: the recorded status, expiry and an overdue annual review. */
export function effectiveStatus(
  row: Pick<CertificateRow, 'status' | 'issued_on' | 'expires_on' | 'next_review_on'>,
  on: string,
): CertificateStatus {
  if (row.status === 'cancelled' || row.status === 'suspended') return row.status;
  if (on > row.expires_on) return 'expired';
  if (row.next_review_on !== null && on > row.next_review_on) return 'review_overdue';
  return 'valid';
}

export function presentCertificate(row: CertificateRow, on = todayInChina()) {
  const status = effectiveStatus(row, on);
  const state = certificateState(row);
  return {
    ...state,
    categoryLabels: state.categories.map((c) => agencyKinds[c] ?? c),
    effectiveStatus: status,
    effectiveStatusLabel: certificateStatuses[status],
    isValid: status === 'valid' && on >= row.issued_on,
  };
}

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
function checkDate(value: string, pointer: string, label: string): void {
  const date = new Date(`${value}T00:00:00Z`);
  if (!datePattern.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new DomainError('personnel.invalid', `${label}不是有效日期`, {
      errors: [{ pointer, detail: `${label}应为 YYYY-MM-DD 格式的有效日期` }],
    });
  }
}

async function regionName(db: Executor, code: string): Promise<string> {
  const government = await db.selectFrom('governments').select('name').where('division_code', '=', code).executeTakeFirst();
  if (!government) {
    throw new DomainError('personnel.invalid', `行政区划 ${code} 不在本平台的区划之内`, {
      errors: [{ pointer: '/regionCode', detail: `行政区划 ${code} 不在本平台的区划之内` }],
    });
  }
  return government.name.replace(/人民政府$/, '');
}

export interface IssueInput {
  number: string;
  categories: AgencyKind[];
  regionCode: string;
  issuedOn: string;
  expiresOn: string;
  nextReviewOn?: string | undefined;
}

function numberTaken(number: string): DomainError {
  return new DomainError('personnel.certificate_taken', `执法证号 ${number} 已被使用`, {
    errors: [{ pointer: '/number', detail: `执法证号 ${number} 已被使用` }],
  });
}

async function loadCertificate(ctx: AppContext, actor: Actor, id: string): Promise<CertificateRow> {
  const row = await ctx.db.selectFrom('certificates').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('personnel.not_found', '未找到该执法证，或您无权查看');
  try {
    await visibleAgency(ctx, actor, row.agency_id);
  } catch {
    throw new DomainError('personnel.not_found', '未找到该执法证，或您无权查看');
  }
  return row;
}

async function record(trx: Executor, actor: Actor, row: CertificateRow, action: string, extra: Record<string, unknown> = {}) {
  await appendEvent(trx, {
    actor,
    agencyId: row.agency_id,
    subjectType: 'certificate',
    subjectId: row.id,
    action,
    state: { certificate: certificateState(row), ...extra },
  });
}

export async function issueCertificate(ctx: AppContext, actor: Actor, officerId: string, input: IssueInput) {
  const officer = await loadOfficer(ctx, actor, officerId);
  requireRosterKeeper(actor, officer.agency_id);
  if (officer.is_auxiliary === 1) {
    throw new DomainError('personnel.invalid', '辅助人员不能申领行政执法证，只能协助持证执法人员开展工作');
  }
  if (officer.is_active === 0) throw new DomainError('personnel.invalid', '该人员已不在执法岗位，不能申领执法证');
  checkDate(input.issuedOn, '/issuedOn', '发证日期');
  checkDate(input.expiresOn, '/expiresOn', '有效期至');
  if (input.nextReviewOn) checkDate(input.nextReviewOn, '/nextReviewOn', '下次年审日期');
  if (input.expiresOn <= input.issuedOn) {
    throw new DomainError('personnel.invalid', '有效期须晚于发证日期', {
      errors: [{ pointer: '/expiresOn', detail: '有效期须晚于发证日期' }],
    });
  }
  const number = input.number.trim().toUpperCase();
  const region = await regionName(ctx.db, input.regionCode);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      if (await trx.selectFrom('certificates').select('id').where('number', '=', number).executeTakeFirst()) throw numberTaken(number);
      const held = await trx
        .selectFrom('certificates')
        .select('number')
        .where('officer_id', '=', officerId)
        .where('status', 'in', ['valid', 'suspended'])
        .executeTakeFirst();
      if (held) throw new DomainError('personnel.certificate_state_invalid', `该人员已持有执法证 ${held.number}，请换发或先注销`);
      const at = nowIso();
      const id = newId();
      await trx
        .insertInto('certificates')
        .values({
          id,
          officer_id: officerId,
          agency_id: officer.agency_id,
          number,
          categories: JSON.stringify([...new Set(input.categories)]),
          region_code: input.regionCode,
          region_name: region,
          issued_on: input.issuedOn,
          expires_on: input.expiresOn,
          next_review_on: input.nextReviewOn ?? null,
          last_reviewed_on: null,
          status: 'valid',
          status_reason: null,
          status_changed_on: input.issuedOn,
          version: 1,
          created_at: at,
          updated_at: at,
        })
        .execute();
      const row = (await trx.selectFrom('certificates').selectAll().where('id', '=', id).executeTakeFirst()) as CertificateRow;
      await record(trx, actor, row, 'certificate.issued');
      return presentCertificate(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw numberTaken(number);
    throw error;
  }
}

export type LifecycleAction =
  | { action: 'renew'; expiresOn: string; nextReviewOn?: string | undefined; reason: string }
  | { action: 'review'; reviewedOn: string; isPassed: boolean; nextReviewOn?: string | undefined; reason: string }
  | { action: 'suspend'; reason: string }
  | { action: 'reinstate'; reason: string }
  | { action: 'cancel'; reason: string };

const allowedFrom: Record<LifecycleAction['action'], string[]> = {
  renew: ['valid'],
  review: ['valid'],
  suspend: ['valid'],
  reinstate: ['suspended'],
  cancel: ['valid', 'suspended'],
};

const actionLabel: Record<LifecycleAction['action'], string> = {
  renew: '换发（延续有效期）',
  review: '年审',
  suspend: '暂扣',
  reinstate: '恢复',
  cancel: '注销',
};

/** One step of a certificate's life, with its date and reason, recorded in the ledger. */
export async function changeCertificate(ctx: AppContext, actor: Actor, id: string, input: LifecycleAction & { version: number }) {
  const current = await loadCertificate(ctx, actor, id);
  requireRosterKeeper(actor, current.agency_id);
  const reason = input.reason.trim();
  if (reason.length < 2)
    throw new DomainError('personnel.invalid', '请写明原因', { errors: [{ pointer: '/reason', detail: '请写明原因' }] });
  if (!allowedFrom[input.action].includes(current.status)) {
    const label = certificateStatuses[current.status as CertificateStatus] ?? current.status;
    throw new DomainError('personnel.certificate_state_invalid', `执法证当前为“${label}”，不能${actionLabel[input.action]}`);
  }
  const today = todayInChina();
  const changes: Partial<CertificateRow> = { status_reason: reason, status_changed_on: today };
  switch (input.action) {
    case 'renew':
      checkDate(input.expiresOn, '/expiresOn', '有效期至');
      if (input.expiresOn <= current.expires_on) {
        throw new DomainError('personnel.invalid', '换发后的有效期须晚于原有效期', {
          errors: [{ pointer: '/expiresOn', detail: `须晚于原有效期 ${current.expires_on}` }],
        });
      }
      changes.expires_on = input.expiresOn;
      if (input.nextReviewOn) {
        checkDate(input.nextReviewOn, '/nextReviewOn', '下次年审日期');
        changes.next_review_on = input.nextReviewOn;
      }
      break;
    case 'review':
      checkDate(input.reviewedOn, '/reviewedOn', '年审日期');
      if (input.reviewedOn > today)
        throw new DomainError('personnel.invalid', '年审日期不能晚于今天', {
          errors: [{ pointer: '/reviewedOn', detail: '年审日期不能晚于今天' }],
        });
      changes.last_reviewed_on = input.reviewedOn;
      if (input.nextReviewOn) checkDate(input.nextReviewOn, '/nextReviewOn', '下次年审日期');
      changes.next_review_on = input.isPassed ? (input.nextReviewOn ?? null) : current.next_review_on;
      if (!input.isPassed) changes.status = 'suspended';
      break;
    case 'suspend':
      changes.status = 'suspended';
      break;
    case 'reinstate':
      changes.status = 'valid';
      break;
    case 'cancel':
      changes.status = 'cancelled';
      break;
  }
  return ctx.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('certificates')
      .set({ ...changes, version: Number(current.version) + 1, updated_at: nowIso() })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1)
      throw new DomainError('org.version_conflict', `该记录当前版本为 ${current.version}，您提交的是 ${input.version}`);
    const row = (await trx.selectFrom('certificates').selectAll().where('id', '=', id).executeTakeFirst()) as CertificateRow;
    const action =
      input.action === 'review'
        ? input.isPassed
          ? 'certificate.review_passed'
          : 'certificate.review_failed'
        : `certificate.${input.action === 'renew' ? 'renewed' : input.action === 'suspend' ? 'suspended' : input.action === 'reinstate' ? 'reinstated' : 'cancelled'}`;
    await record(trx, actor, row, action, { reason });
    return presentCertificate(row);
  });
}

/** Cancels every certificate an officer holds (valid or suspended), each with its ledger event, in the caller's transaction. */
export async function cancelHeldCertificates(trx: Executor, actor: Actor, officerId: string, reason: string): Promise<void> {
  const held = await trx
    .selectFrom('certificates')
    .selectAll()
    .where('officer_id', '=', officerId)
    .where('status', 'in', ['valid', 'suspended'])
    .execute();
  for (const certificate of held) {
    await trx
      .updateTable('certificates')
      .set({
        status: 'cancelled',
        status_reason: reason,
        status_changed_on: todayInChina(),
        version: Number(certificate.version) + 1,
        updated_at: nowIso(),
      })
      .where('id', '=', certificate.id)
      .execute();
    const row = (await trx.selectFrom('certificates').selectAll().where('id', '=', certificate.id).executeTakeFirst()) as CertificateRow;
    await record(trx, actor, row, 'certificate.cancelled', { reason });
  }
}

export async function listOfficerCertificates(ctx: AppContext, actor: Actor, officerId: string) {
  await loadOfficer(ctx, actor, officerId);
  const rows = await ctx.db
    .selectFrom('certificates')
    .selectAll()
    .where('officer_id', '=', officerId)
    .orderBy('issued_on', 'desc')
    .execute();
  return { items: rows.map((row) => presentCertificate(row)) };
}

// ---- The assignment check ----

export interface EligibilityQuery {
  officerIds: string[];
  /** The enforcement category (执法门类) of the item being enforced. */
  category: AgencyKind;
  /** Where: the division code of the place of enforcement. */
  divisionCode: string;
  /** On which day; default today in China. */
  on?: string | undefined;
}

export interface EligibilityProblem {
  officerId: string;
  name: string | null;
  reason: string;
}

export interface Eligibility {
  isEligible: boolean;
  /** Officers who count toward the two: certified for the category and region on that day. */
  certifiedOfficerIds: string[];
  problems: EligibilityProblem[];
}

/**
 * May these people enforce this category in this place on that day? At least two must hold a certificate valid that
 * day for the category and covering the place (Administrative Penalty Law Art. 42); auxiliary staff may accompany them
 * but never count, so they can never act alone. Cases call this before every step that needs officers.
 */
export async function checkEligibility(db: Executor, query: EligibilityQuery): Promise<Eligibility> {
  const on = query.on ?? todayInChina();
  const ids = [...new Set(query.officerIds)];
  const officers = ids.length ? await db.selectFrom('officers').selectAll().where('id', 'in', ids).execute() : [];
  const certificates = ids.length ? await db.selectFrom('certificates').selectAll().where('officer_id', 'in', ids).execute() : [];
  const problems: EligibilityProblem[] = [];
  const certified: string[] = [];
  for (const id of ids) {
    const officer = officers.find((o) => o.id === id);
    if (!officer) {
      problems.push({ officerId: id, name: null, reason: '不在执法人员名册中' });
      continue;
    }
    if (officer.is_active === 0) {
      problems.push({ officerId: id, name: officer.name, reason: `${officer.name}已不在执法岗位` });
      continue;
    }
    if (officer.is_auxiliary === 1) {
      problems.push({ officerId: id, name: officer.name, reason: `${officer.name}是辅助人员，只能协助持证执法人员，不计入执法人员人数` });
      continue;
    }
    const own = certificates.filter((c) => c.officer_id === id);
    if (own.length === 0) {
      problems.push({ officerId: id, name: officer.name, reason: `${officer.name}没有行政执法证` });
      continue;
    }
    const fit = own.find(
      (c) =>
        effectiveStatus(c, on) === 'valid' &&
        on >= c.issued_on &&
        (JSON.parse(c.categories) as string[]).includes(query.category) &&
        divisionCovers(c.region_code, query.divisionCode),
    );
    if (fit) {
      certified.push(id);
      continue;
    }
    const latest = [...own].sort((a, b) => b.issued_on.localeCompare(a.issued_on))[0] as CertificateRow;
    const status = effectiveStatus(latest, on);
    const reason =
      status !== 'valid'
        ? `执法证 ${latest.number} ${certificateStatuses[status]}`
        : !(JSON.parse(latest.categories) as string[]).includes(query.category)
          ? `执法证 ${latest.number} 的执法门类不含“${agencyKinds[query.category]}”`
          : !divisionCovers(latest.region_code, query.divisionCode)
            ? `执法证 ${latest.number} 的执法区域（${latest.region_name}）不含该地`
            : `执法证 ${latest.number} 在 ${on} 尚未生效`;
    problems.push({ officerId: id, name: officer.name, reason: `${officer.name}：${reason}` });
  }
  if (certified.length < 2) {
    problems.push({ officerId: '', name: null, reason: `执法人员不得少于两人，持有有效执法证的只有 ${certified.length} 人` });
  }
  return { isEligible: certified.length >= 2, certifiedOfficerIds: certified, problems };
}

/** As `checkEligibility`, but throws `personnel.not_eligible` listing every reason. */
export async function assertEligible(db: Executor, query: EligibilityQuery): Promise<string[]> {
  const result = await checkEligibility(db, query);
  if (!result.isEligible) {
    throw new DomainError('personnel.not_eligible', result.problems.map((p) => p.reason).join('；'), {
      errors: result.problems.map((p) => ({
        pointer: p.officerId ? `/officerIds/${query.officerIds.indexOf(p.officerId)}` : '/officerIds',
        detail: p.reason,
      })),
    });
  }
  return result.certifiedOfficerIds;
}
