/**
 * Demo cases of the market regulation bureau, run through the real service layer (every guard, clock, document and
 * ledger event as in production) so that the staff app opens on cases at every stage: a closed ordinary penalty case,
 * one awaiting the party's statement, one whose evidence preservation is overdue, a summary penalty, a licence being
 * examined and an inspection awaiting publication. Parties are fictional; their ID numbers are check-valid but made up.
 * Recordings are short generated WAV clips (a real deployment stores what body-worn cameras record).
 */
import type { Actor } from '../kernel/actor.js';
import { todayInChina } from '../kernel/clock.js';
import type { AppContext } from '../kernel/context.js';
import { residentIdCheckCharacter } from '../kernel/resident-id.js';
import { computeUsccCheckCharacter } from '../kernel/uscc.js';
import { openCase, performStep, recordOverdueClocks, registerDevice, registerEvidence } from '../modules/cases/index.js';
import { setNumberFormat } from '../modules/documents/index.js';
import { storeFileBytes } from '../modules/files/index.js';
import type { DemoAgencyPeople } from './seed-catalog.js';
import { userActor } from './seed-catalog.js';
import { seedDemoDisclosure } from './seed-disclosure.js';

const ago = (days: number) => new Date(Date.parse(`${todayInChina()}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/** A short mono 16-bit PCM WAV: a quiet tone, playable in any browser. */
export function demoRecording(seconds: number, frequency: number): Buffer {
  const rate = 8000;
  const samples = rate * seconds;
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write('WAVEfmt ', 8, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(rate, 24);
  wav.writeUInt32LE(rate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) wav.writeInt16LE(Math.round(3000 * Math.sin((2 * Math.PI * frequency * i) / rate)), 44 + i * 2);
  return wav;
}

function demoPersonId(division: string, birth: string, sequence: number): string {
  const first17 = `${division}${birth.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return first17 + residentIdCheckCharacter(first17);
}

function demoCreditCode(n: number): string {
  const first17 = `92640502MA${String(7_100_000 + n * 37).slice(-7)}`;
  return first17 + computeUsccCheckCharacter(first17);
}

export async function seedDemoCases(ctx: AppContext, agency: DemoAgencyPeople): Promise<void> {
  const roster = await ctx.db
    .selectFrom('officers')
    .select(['id', 'user_id'])
    .where('agency_id', '=', agency.id)
    .where('is_auxiliary', '=', 0)
    .execute();
  const officerOf = (userId: string) => roster.find((o) => o.user_id === userId)?.id as string;
  const [first, second, third] = agency.officers as [
    DemoAgencyPeople['officers'][number],
    DemoAgencyPeople['officers'][number],
    DemoAgencyPeople['officers'][number],
  ];
  const officerActor = userActor(first, agency.id, 'officer');
  const head = userActor(agency.head, agency.id, 'agency_head');
  const pair = [officerOf(first.id), officerOf(second.id)];
  // 中卫市沙坡头区市场监督管理局's numbers read 沙市监罚〔2026〕1号, as county bureaus number their instruments.
  await setNumberFormat(ctx, head, agency.id, '沙市监{series}〔{year}〕{n}号');
  const device = await registerDevice(ctx, head, {
    agencyId: agency.id,
    serial: 'DSJ-640502-0001',
    model: '执法记录仪 DSJ-V9（演示）',
    kind: 'body_camera',
    officerId: pair[0],
  });

  const recording = async (caseId: string, title: string, place: string, frequency: number) => {
    const file = await ctx.db.transaction().execute((trx) =>
      storeFileBytes(trx, ctx, officerActor, {
        agencyId: agency.id,
        fileName: `${title}.wav`,
        mediaType: 'audio/wav',
        bytes: demoRecording(2, frequency),
      }),
    );
    const item = await registerEvidence(ctx, officerActor, caseId, {
      fileId: file.id,
      kind: 'audio',
      title,
      capturedAt: new Date().toISOString(),
      capturedPlace: place,
      deviceId: device.id,
      officerIds: pair,
    });
    return item.id;
  };
  const step = async (
    actor: Actor,
    caseId: string,
    key: string,
    occurredOn: string,
    data: Record<string, unknown>,
    extra: { officerIds?: string[]; recordingIds?: string[] } = {},
  ) => {
    const current = await ctx.db.selectFrom('cases').select('version').where('id', '=', caseId).executeTakeFirstOrThrow();
    return performStep(ctx, actor, caseId, { step: key, version: Number(current.version), occurredOn, data, ...extra });
  };
  const party = (n: number, name: string) => ({
    type: 'organization' as const,
    name,
    creditCode: demoCreditCode(n),
    address: `宁夏回族自治区中卫市沙坡头区滨河镇迎宾大道${n * 11}号`,
  });
  const facts = '经营场所未建立食品安全自查制度，未按规定对从业人员进行食品安全培训考核，经责令改正逾期未改正';

  // 1. A closed ordinary-procedure penalty case.
  const closed = await openCase(ctx, officerActor, {
    agencyId: agency.id,
    procedure: 'penalty',
    itemCode: 'EI-002',
    divisionCode: '640502100',
    party: party(1, '中卫市沙坡头区鑫源餐饮店'),
    title: '中卫市沙坡头区鑫源餐饮店未按规定建立食品安全管理制度案',
    officerIds: pair,
    occurredOn: ago(70),
    data: { source: 'random_check', violationOn: ago(80), summary: '双随机抽查发现未建立食品安全管理制度，责令改正后复查仍未改正' },
  });
  const inspection = await recording(closed.id, '现场检查录音', '滨河镇迎宾大道11号后厨', 440);
  await step(
    officerActor,
    closed.id,
    'inspect',
    ago(68),
    { place: '经营场所后厨及仓库', record: '现场检查发现：未见食品安全自查记录，从业人员培训记录缺失。' },
    { officerIds: pair, recordingIds: [inspection] },
  );
  await step(
    officerActor,
    closed.id,
    'inquire',
    ago(66),
    { interviewee: '负责人马某', place: '本局询问室', record: '问：是否建立了食品安全自查制度？答：还没有建立。' },
    { officerIds: pair },
  );
  const proposal = { facts, penaltyKinds: ['warning', 'fine'], fineAmount: 8000 };
  await step(officerActor, closed.id, 'examine', ago(55), { ...proposal, record: '事实清楚，证据确凿，建议给予警告并处罚款8000元。' });
  await step(officerActor, closed.id, 'prior_notice', ago(50), { ...proposal, hearingRight: false });
  await step(officerActor, closed.id, 'statement', ago(48), {
    record: '当事人表示已认识到错误，正在整改，请求从轻处罚。',
    adopted: false,
    waivesHearing: true,
  });
  await step(head, closed.id, 'decide', ago(44), { ...proposal, collectiveDiscussion: false });
  const service = await recording(closed.id, '直接送达录音', '滨河镇迎宾大道11号', 523);
  await step(
    officerActor,
    closed.id,
    'serve',
    ago(43),
    { method: 'direct', document: '行政处罚决定书', recipient: '负责人马某' },
    { recordingIds: [service] },
  );
  await step(officerActor, closed.id, 'pay', ago(35), { amountPaid: 8000, receipt: 'NX2026-0045871' });
  await step(head, closed.id, 'close', ago(34), { record: '罚款已缴纳，整改到位，同意结案归档。' });

  // 2. Told of the proposed penalty two days ago: the party's five working days are running.
  const notified = await openCase(ctx, officerActor, {
    agencyId: agency.id,
    procedure: 'penalty',
    itemCode: 'EI-002',
    divisionCode: '640502',
    party: party(2, '中卫市沙坡头区兴隆副食超市'),
    title: '中卫市沙坡头区兴隆副食超市未建立进货查验记录制度案',
    officerIds: pair,
    occurredOn: ago(25),
    data: { source: 'complaint', violationOn: ago(30), summary: '12345热线转来投诉，反映超市未查验进货票据' },
  });
  const check = await recording(notified.id, '现场检查录音', '沙坡头区文萃南路兴隆副食超市', 392);
  await step(
    officerActor,
    notified.id,
    'inspect',
    ago(24),
    { place: '超市仓库', record: '未能提供部分预包装食品的进货查验记录。' },
    { officerIds: pair, recordingIds: [check] },
  );
  const proposal2 = { facts: '未按规定建立并遵守进货查验记录制度', penaltyKinds: ['warning'] };
  await step(officerActor, notified.id, 'examine', ago(10), { ...proposal2, record: '初次违法，危害后果轻微，建议给予警告。' });
  await step(officerActor, notified.id, 'prior_notice', ago(2), { ...proposal2, hearingRight: false });

  // 3. Evidence registered and held eight days ago, no decision on it yet: overdue, flagged for supervision.
  const held = await openCase(ctx, officerActor, {
    agencyId: agency.id,
    procedure: 'penalty',
    itemCode: 'EI-003',
    divisionCode: '640502100',
    party: party(3, '中卫市沙坡头区福满园食品加工坊'),
    title: '中卫市沙坡头区福满园食品加工坊生产超范围使用食品添加剂的食品案',
    officerIds: [pair[0] as string, officerOf(third.id)],
    occurredOn: ago(15),
    data: { source: 'monitoring', violationOn: ago(16), summary: '抽检不合格：馒头中检出超范围使用的食品添加剂' },
  });
  const holding = await recording(held.id, '先行登记保存录音', '福满园食品加工坊成品库', 466);
  await step(
    officerActor,
    held.id,
    'preserve_evidence',
    ago(12),
    { place: '加工坊成品库', items: '馒头成品12箱、添加剂2袋', reason: '证据可能灭失' },
    { officerIds: [pair[0] as string, officerOf(third.id)], recordingIds: [holding] },
  );

  // 4. A summary penalty decided on the spot.
  const spot = await openCase(ctx, officerActor, {
    agencyId: agency.id,
    procedure: 'penalty_summary',
    itemCode: 'EI-002',
    divisionCode: '640502',
    party: { type: 'person', name: '杨某某', idNumber: demoPersonId('640502', '1986-04-12', 31), address: '沙坡头区农贸市场12号摊位' },
    officerIds: pair,
    occurredOn: ago(6),
    data: { place: '沙坡头区农贸市场', violationOn: ago(6), summary: '熟食摊位从业人员未持有效健康证明' },
  });
  await step(
    officerActor,
    spot.id,
    'summary_decide',
    ago(6),
    { facts: '安排未取得健康证明的人员从事接触直接入口食品的工作', penaltyKinds: ['warning'], record: '当事人无异议，当场签收' },
    { officerIds: pair },
  );
  await step(officerActor, spot.id, 'serve', ago(6), { method: 'direct', document: '当场行政处罚决定书', recipient: '杨某某' });
  await step(officerActor, spot.id, 'executed_in_kind', ago(6), { record: '已当场给予警告，当事人已安排持证人员上岗' });

  // 5. A licence application accepted last week: 20 working days are running.
  const licence = await openCase(ctx, officerActor, {
    agencyId: agency.id,
    procedure: 'licensing',
    itemCode: 'EI-004',
    divisionCode: '640502',
    party: party(5, '中卫市沙坡头区黄河人家餐饮有限公司'),
    officerIds: [],
    occurredOn: ago(9),
    data: {
      materials: '食品经营许可申请书、营业执照、经营场所平面布局图、食品安全管理制度',
      summary: '申请食品经营许可（餐饮服务经营者）',
    },
  });
  await step(officerActor, licence.id, 'accept', ago(8), { record: '申请材料齐全，符合法定形式，予以受理。' });

  // 6. A random check concluded, its result to be published within 20 working days.
  const check2 = await openCase(ctx, officerActor, {
    agencyId: agency.id,
    procedure: 'inspection',
    itemCode: 'EI-005',
    divisionCode: '640502100',
    party: party(6, '中卫市沙坡头区明珠小吃店'),
    officerIds: [],
    occurredOn: ago(5),
    data: { summary: '2026年第四季度食品经营者双随机抽查' },
  });
  const onSite = await recording(check2.id, '抽查现场录音', '滨河镇明珠小吃店', 349);
  await step(
    officerActor,
    check2.id,
    'inspect',
    ago(4),
    { place: '明珠小吃店', record: '经营许可证在有效期内，从业人员健康证明齐全，未发现问题。' },
    { officerIds: pair, recordingIds: [onSite] },
  );
  await step(officerActor, check2.id, 'conclude', ago(4), { result: 'compliant', record: '未发现问题' });

  // 7. Ex-post disclosure: the served decisions published on the portal, one withdrawn, one changed, one still due.
  await seedDemoDisclosure(ctx, agency.id, { officer: officerActor, head }, pair);

  await recordOverdueClocks(ctx);
}
