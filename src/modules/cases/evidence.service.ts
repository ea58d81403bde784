/**
 * Evidence and audio/video records of a case, the register of recording devices (执法记录仪), and the access log
 * (调阅): evidence is never deleted or overwritten — a correction is a new item that supersedes the old one with a
 * reason — and every view or download names its purpose and is recorded in the ledger before a byte is sent.
 */
import type { Selectable } from 'kysely';
import type { EvidenceItemTable, RecordingDeviceTable } from '../../db/schema.js';
import { type Actor, hasRole } from '../../kernel/actor.js';
import { nowIso } from '../../kernel/clock.js';
import type { AppContext } from '../../kernel/context.js';
import { DomainError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { type AccessPurpose, accessPurposes, type EvidenceKind, evidenceKinds } from '../../kernel/vocabulary.js';
import { appendEvent } from '../../ledger/index.js';
import { getFile, type StoredFileRow } from '../files/index.js';
import { loadCase, loadDefinition } from './cases.service.js';

export type EvidenceRow = Selectable<EvidenceItemTable>;
export type DeviceRow = Selectable<RecordingDeviceTable>;

export const deviceKinds = {
  body_camera: '执法记录仪',
  camera: '照相机、摄像机',
  recorder: '录音设备',
  mobile_terminal: '移动执法终端',
  other: '其他',
} as const;
export type DeviceKind = keyof typeof deviceKinds;

function invalid(pointer: string, detail: string): DomainError {
  return new DomainError('cases.invalid', detail, { errors: [{ pointer, detail }] });
}

function requireStaff(actor: Actor, agencyId: string, what: string): void {
  if (actor.kind === 'system') return;
  if (actor.agencyId === agencyId && hasRole(actor, 'officer', 'agency_head')) return;
  throw new DomainError('auth.forbidden', `只有本机关执法人员或负责人可以${what}`);
}

// ---- Recording devices ----

export function deviceState(row: DeviceRow) {
  return {
    id: row.id,
    agencyId: row.agency_id,
    serial: row.serial,
    model: row.model,
    kind: row.kind,
    officerId: row.officer_id,
    isActive: row.is_active === 1,
    version: Number(row.version),
  };
}

export async function registerDevice(
  ctx: AppContext,
  actor: Actor,
  input: { agencyId: string; serial: string; model: string; kind: DeviceKind; officerId?: string | null | undefined },
) {
  requireStaff(actor, input.agencyId, '登记执法记录设备');
  const serial = input.serial.trim();
  if (!/^[0-9A-Za-z-]{4,64}$/.test(serial)) throw invalid('/serial', '设备编号应为4至64位字母、数字或连字符');
  if (input.officerId) {
    const officer = await ctx.db
      .selectFrom('officers')
      .select('id')
      .where('id', '=', input.officerId)
      .where('agency_id', '=', input.agencyId)
      .executeTakeFirst();
    if (!officer) throw invalid('/officerId', '领用人须为本机关执法人员');
  }
  const taken = await ctx.db.selectFrom('recording_devices').select('id').where('serial', '=', serial).executeTakeFirst();
  if (taken) throw invalid('/serial', `设备编号 ${serial} 已登记`);
  const now = nowIso();
  const row: DeviceRow = {
    id: newId(),
    agency_id: input.agencyId,
    serial,
    model: input.model.trim(),
    kind: input.kind,
    officer_id: input.officerId ?? null,
    is_active: 1,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('recording_devices').values(row).execute();
    await appendEvent(trx, {
      actor,
      agencyId: row.agency_id,
      subjectType: 'recording_device',
      subjectId: row.id,
      action: 'recording_device.registered',
      state: deviceState(row),
    });
  });
  return { ...deviceState(row), kindLabel: deviceKinds[input.kind] };
}

export async function listDevices(ctx: AppContext, actor: Actor, agencyId: string) {
  if (actor.kind === 'user' && actor.agencyId !== agencyId && !hasRole(actor, 'administrator', 'supervisor', 'auditor')) {
    throw new DomainError('auth.forbidden', '只能查看本机关的执法记录设备');
  }
  const rows = await ctx.db
    .selectFrom('recording_devices as d')
    .leftJoin('officers as o', 'o.id', 'd.officer_id')
    .selectAll('d')
    .select('o.name as officer_name')
    .where('d.agency_id', '=', agencyId)
    .orderBy('d.serial')
    .execute();
  return {
    items: rows.map((r) => ({ ...deviceState(r), kindLabel: deviceKinds[r.kind as DeviceKind] ?? r.kind, officerName: r.officer_name })),
  };
}

// ---- Evidence ----

export function evidenceState(row: EvidenceRow) {
  return {
    id: row.id,
    caseId: row.case_id,
    agencyId: row.agency_id,
    fileId: row.file_id,
    kind: row.kind,
    title: row.title,
    description: row.description,
    capturedAt: row.captured_at,
    capturedPlace: row.captured_place,
    deviceId: row.device_id,
    officerIds: JSON.parse(row.officer_ids) as string[],
    supersedesId: row.supersedes_id,
    correctionReason: row.correction_reason,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

export interface EvidenceInput {
  fileId: string;
  kind: EvidenceKind;
  title: string;
  description?: string | undefined;
  capturedAt: string;
  capturedPlace: string;
  deviceId?: string | undefined;
  officerIds: string[];
  supersedesId?: string | undefined;
  correctionReason?: string | undefined;
}

const mediaFamilies: Partial<Record<EvidenceKind, string>> = { photo: 'image/', video: 'video/', audio: 'audio/' };

/** Registers an uploaded file as evidence of a case; with `supersedesId`, as the correction of an earlier item. */
export async function registerEvidence(ctx: AppContext, actor: Actor, caseId: string, input: EvidenceInput) {
  const caseRow = await loadCase(ctx, actor, caseId);
  requireStaff(actor, caseRow.agency_id, '登记证据');
  if (caseRow.closed_on) throw new DomainError('cases.step_not_allowed', '案件已结案归档，不能再登记证据');
  const file = await getFile(ctx, actor, input.fileId);
  if (file.agency_id !== caseRow.agency_id) throw invalid('/fileId', '文件不是本机关上传的');
  const family = mediaFamilies[input.kind];
  if (family && !file.media_type.startsWith(family)) {
    throw invalid('/kind', `文件类型为 ${file.media_type}，不是${evidenceKinds[input.kind]}`);
  }
  const captured = Date.parse(input.capturedAt);
  if (Number.isNaN(captured)) throw invalid('/capturedAt', '采集时间应为 ISO 8601 格式的时间');
  if (captured > Date.now() + 5 * 60_000) throw invalid('/capturedAt', '采集时间晚于当前时间');
  if (!input.title.trim()) throw invalid('/title', '请填写证据名称');
  if (!input.capturedPlace.trim()) throw invalid('/capturedPlace', '请填写采集地点');
  if (input.deviceId) {
    const device = await ctx.db
      .selectFrom('recording_devices')
      .select(['agency_id', 'is_active'])
      .where('id', '=', input.deviceId)
      .executeTakeFirst();
    if (!device || device.agency_id !== caseRow.agency_id) throw invalid('/deviceId', '采集设备须为本机关登记的执法记录设备');
  }
  if (input.officerIds.length > 0) {
    const officers = await ctx.db
      .selectFrom('officers')
      .select('id')
      .where('id', 'in', input.officerIds)
      .where('agency_id', '=', caseRow.agency_id)
      .execute();
    if (officers.length !== new Set(input.officerIds).size) throw invalid('/officerIds', '采集人员须为本机关执法人员');
  }
  if (input.supersedesId) {
    const old = await ctx.db.selectFrom('evidence_items').select(['id', 'case_id']).where('id', '=', input.supersedesId).executeTakeFirst();
    if (!old || old.case_id !== caseId) throw invalid('/supersedesId', '被更正的证据不属于本案');
    const already = await ctx.db
      .selectFrom('evidence_items')
      .select('id')
      .where('supersedes_id', '=', input.supersedesId)
      .executeTakeFirst();
    if (already) throw invalid('/supersedesId', '该证据已被更正过，请更正最新的一条');
    if ((input.correctionReason ?? '').trim().length < 5) throw invalid('/correctionReason', '更正证据须写明理由（不少于5字）');
  } else if (input.correctionReason) throw invalid('/correctionReason', '只有更正证据时填写更正理由');
  const row: EvidenceRow = {
    id: newId(),
    case_id: caseId,
    agency_id: caseRow.agency_id,
    file_id: file.id,
    kind: input.kind,
    title: input.title.trim(),
    description: input.description?.trim() || null,
    captured_at: new Date(captured).toISOString(),
    captured_place: input.capturedPlace.trim(),
    device_id: input.deviceId ?? null,
    officer_ids: JSON.stringify(input.officerIds),
    supersedes_id: input.supersedesId ?? null,
    correction_reason: input.correctionReason?.trim() || null,
    created_by: actor.kind === 'user' ? actor.userId : actor.label,
    created_at: nowIso(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('evidence_items').values(row).execute();
    await appendEvent(trx, {
      actor,
      agencyId: row.agency_id,
      subjectType: 'evidence',
      subjectId: row.id,
      action: row.supersedes_id ? 'evidence.corrected' : 'evidence.registered',
      state: { evidence: evidenceState(row), file: { algorithm: file.algorithm, digest: file.digest, size: Number(file.size) } },
    });
  });
  const registered = (await listEvidence(ctx, actor, caseId)).items.find((item) => item.id === row.id);
  if (!registered) throw new Error(`evidence ${row.id} was not stored`);
  return registered;
}

/** The digest the ledger recorded when the file was stored, to show beside the file's own. */
async function ledgerDigests(ctx: AppContext, fileIds: string[]) {
  if (fileIds.length === 0) return new Map<string, { seq: number; digest: string }>();
  const events = await ctx.db
    .selectFrom('ledger_events')
    .select(['seq', 'subject_id', 'payload'])
    .where('subject_type', '=', 'stored_file')
    .where('subject_id', 'in', fileIds)
    .orderBy('seq')
    .execute();
  const map = new Map<string, { seq: number; digest: string }>();
  for (const event of events) {
    if (map.has(event.subject_id)) continue;
    const state = (JSON.parse(event.payload) as { state: { digest?: string; file?: { digest?: string } } }).state;
    map.set(event.subject_id, { seq: Number(event.seq), digest: state.digest ?? state.file?.digest ?? '' });
  }
  return map;
}

export async function listEvidence(ctx: AppContext, actor: Actor, caseId: string) {
  const caseRow = await loadCase(ctx, actor, caseId);
  const definition = await loadDefinition(ctx.db, caseRow.procedure_key, Number(caseRow.procedure_version));
  const steps = await ctx.db
    .selectFrom('case_steps')
    .select(['id', 'step_key', 'occurred_on', 'recording_ids'])
    .where('case_id', '=', caseId)
    .execute();
  const rows = await ctx.db
    .selectFrom('evidence_items as e')
    .innerJoin('stored_files as f', 'f.id', 'e.file_id')
    .leftJoin('recording_devices as d', 'd.id', 'e.device_id')
    .selectAll('e')
    .select(['f.algorithm', 'f.digest', 'f.size', 'f.media_type', 'f.file_name', 'd.serial as device_serial'])
    .where('e.case_id', '=', caseId)
    .orderBy('e.created_at')
    .execute();
  const events = await ctx.db
    .selectFrom('ledger_events')
    .select(['seq', 'subject_id'])
    .where('subject_type', '=', 'evidence')
    .where('subject_id', 'in', rows.length ? rows.map((r) => r.id) : [''])
    .where('action', 'in', ['evidence.registered', 'evidence.corrected'])
    .execute();
  const recorded = await ledgerDigests(
    ctx,
    rows.map((r) => r.file_id),
  );
  return {
    items: rows.map((r) => {
      const fileEvent = recorded.get(r.file_id);
      return {
        ...evidenceState(r),
        kindLabel: evidenceKinds[r.kind as EvidenceKind] ?? r.kind,
        deviceSerial: r.device_serial,
        file: { algorithm: r.algorithm, digest: r.digest, size: Number(r.size), mediaType: r.media_type, fileName: r.file_name },
        supersededById: rows.find((other) => other.supersedes_id === r.id)?.id ?? null,
        ledgerSeq: Number(events.find((e) => e.subject_id === r.id)?.seq ?? -1),
        fileLedgerSeq: fileEvent?.seq ?? null,
        /** The digest of the stored file equals the one the ledger recorded when it arrived. */
        digestMatchesLedger: fileEvent?.digest === r.digest,
        /** The steps this item was attached to as their audio/video record. */
        usedInSteps: steps
          .filter((step) => (JSON.parse(step.recording_ids) as string[]).includes(r.id))
          .map((step) => ({
            id: step.id,
            label: definition.steps.find((d) => d.key === step.step_key)?.label ?? step.step_key,
            occurredOn: step.occurred_on,
          })),
      };
    }),
  };
}

async function loadEvidence(ctx: AppContext, actor: Actor, id: string): Promise<EvidenceRow> {
  const row = await ctx.db.selectFrom('evidence_items').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('cases.not_found', '未找到该证据，或您无权查看');
  await loadCase(ctx, actor, row.case_id);
  return row;
}

// ---- Access (调阅) ----

export type AccessAction = 'view' | 'download';
const grantLifetimeMs = 2 * 60 * 60_000;

interface Grant {
  e: string;
  u: string;
  a: AccessAction;
  x: number;
}

function actorKey(actor: Actor): string {
  return actor.kind === 'user' ? actor.userId : `system:${actor.label}`;
}

/**
 * Records that the actor views or downloads an item, and for what purpose, and returns a grant: a sealed token for the
 * content address, good for this person, item and action for two hours — so a video's many range requests are one
 * recorded access, and nobody reads evidence without one.
 */
export async function accessEvidence(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { action: AccessAction; purpose: AccessPurpose; note?: string | undefined },
) {
  const row = await loadEvidence(ctx, actor, id);
  if (!(input.purpose in accessPurposes)) throw invalid('/purpose', '请选择调阅目的');
  const note = input.note?.trim() || null;
  if (input.purpose === 'other' && (note ?? '').length < 2) throw invalid('/note', '调阅目的为“其他”的，须写明具体用途');
  const who = actor.kind === 'user' ? `${actor.displayName}（${actor.username}）` : actor.label;
  const at = nowIso();
  const accessId = newId();
  await ctx.db.transaction().execute(async (trx) => {
    const event = await appendEvent(trx, {
      actor,
      agencyId: row.agency_id,
      subjectType: 'evidence',
      subjectId: row.id,
      action: 'evidence.accessed',
      state: { access: { id: accessId, evidenceId: row.id, caseId: row.case_id, action: input.action, purpose: input.purpose, note, at } },
    });
    await trx
      .insertInto('evidence_access')
      .values({
        id: accessId,
        evidence_id: row.id,
        case_id: row.case_id,
        agency_id: row.agency_id,
        user_id: actor.kind === 'user' ? actor.userId : null,
        user_label: who,
        action: input.action,
        purpose: input.purpose,
        note,
        at,
        event_seq: event.seq,
      })
      .execute();
  });
  const expires = Date.now() + grantLifetimeMs;
  const grant = ctx.secrets.seal(JSON.stringify({ e: row.id, u: actorKey(actor), a: input.action, x: expires } satisfies Grant));
  return {
    accessId,
    url: `/api/evidence/${row.id}/content?grant=${encodeURIComponent(grant)}`,
    expiresAt: new Date(expires).toISOString(),
  };
}

/** The file a grant opens, if the grant is this actor's, for this item, and still good. */
export async function openGrant(
  ctx: AppContext,
  actor: Actor,
  id: string,
  token: string,
): Promise<{ file: StoredFileRow; action: AccessAction }> {
  let grant: Grant;
  try {
    grant = JSON.parse(ctx.secrets.open(token)) as Grant;
  } catch {
    throw new DomainError('auth.forbidden', '调阅凭证无效，请重新调阅并注明目的');
  }
  if (grant.e !== id || grant.u !== actorKey(actor)) throw new DomainError('auth.forbidden', '调阅凭证不属于您或不属于该证据');
  if (grant.x < Date.now()) throw new DomainError('auth.forbidden', '调阅凭证已过期，请重新调阅并注明目的');
  const row = await loadEvidence(ctx, actor, id);
  const file = await ctx.db.selectFrom('stored_files').selectAll().where('id', '=', row.file_id).executeTakeFirstOrThrow();
  return { file, action: grant.a };
}

/** Who looked at which evidence of the case, when and why — newest first. */
export async function listAccess(ctx: AppContext, actor: Actor, caseId: string) {
  await loadCase(ctx, actor, caseId);
  const rows = await ctx.db
    .selectFrom('evidence_access as a')
    .innerJoin('evidence_items as e', 'e.id', 'a.evidence_id')
    .select(['a.id', 'a.evidence_id', 'e.title', 'a.user_label', 'a.action', 'a.purpose', 'a.note', 'a.at', 'a.event_seq'])
    .where('a.case_id', '=', caseId)
    .orderBy('a.at', 'desc')
    .limit(500)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      evidenceId: r.evidence_id,
      evidenceTitle: r.title,
      who: r.user_label,
      action: r.action,
      actionLabel: r.action === 'download' ? '下载' : '查看',
      purpose: r.purpose,
      purposeLabel: accessPurposes[r.purpose as AccessPurpose] ?? r.purpose,
      note: r.note,
      at: r.at,
      ledgerSeq: Number(r.event_seq),
    })),
  };
}

/** Hashes the stored bytes again and compares them with the digest recorded in the ledger. */
export async function checkEvidenceFile(ctx: AppContext, actor: Actor, id: string) {
  const row = await loadEvidence(ctx, actor, id);
  const file = await ctx.db.selectFrom('stored_files').selectAll().where('id', '=', row.file_id).executeTakeFirstOrThrow();
  const recorded = (await ledgerDigests(ctx, [file.id])).get(file.id);
  const stored = await ctx.blobs.rehash(file.digest);
  const intact = stored !== null && stored.digest === file.digest && recorded?.digest === file.digest;
  return {
    algorithm: file.algorithm,
    recordedDigest: recorded?.digest ?? null,
    recordedLedgerSeq: recorded?.seq ?? null,
    storedDigest: stored?.digest ?? null,
    isIntact: intact,
    message: intact
      ? `文件完好：重新计算的摘要与账本第 ${recorded?.seq} 条记录的摘要一致`
      : stored === null
        ? '文件已丢失：存储中找不到该文件'
        : '文件已被改动：重新计算的摘要与账本记录的摘要不一致',
  };
}
