/**
 * What a case needs before it can be opened, for tests: the test org's agency A (market regulation, 沙坡头区) with
 * its published lists — real enforcement items from the demo's public facts, a recording list, a discretion benchmark
 * and major-decision rules of its own — and a roster with valid, expired and auxiliary officers.
 */

import { enforcementItemsFor } from '../../src/demo/catalog-samples.js';
import type { Actor, Role } from '../../src/kernel/actor.js';
import { todayInChina } from '../../src/kernel/clock.js';
import type { AppContext } from '../../src/kernel/context.js';
import type { CatalogKind } from '../../src/kernel/vocabulary.js';
import { createDraft, reviewVersion, submitVersion } from '../../src/modules/catalog/index.js';
import { createOfficer, issueCertificate, recordQualification } from '../../src/modules/personnel/index.js';
import type { TestOrg } from './factories.js';
import type { Client } from './http.js';

export function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function actorFor(org: TestOrg, who: 'headA' | 'reviewerA', role: Role): Actor {
  const user = org.users[who];
  return {
    kind: 'user',
    userId: user.id,
    username: user.username,
    displayName: `测试${user.username}`,
    agencyId: org.agencyA.id,
    governmentId: org.countyId,
    roles: [role],
    sessionId: 'test-setup',
  };
}

const pilotPlan = '国办发〔2017〕14号';

export const testLists: Partial<Record<CatalogKind, unknown[]>> = {
  enforcement_item: enforcementItemsFor('market_regulation'),
  av_recording: [
    {
      code: 'AV-01',
      name: '现场检查、勘验',
      step: 'on_site_inspection',
      actionTypes: ['penalty', 'inspection'],
      mode: 'key_steps',
      basis: pilotPlan,
    },
    { code: 'AV-05', name: '听证', step: 'hearing', actionTypes: ['penalty'], mode: 'key_steps', basis: pilotPlan },
    { code: 'AV-08', name: '许可现场核查', step: 'licensing_inspection', actionTypes: ['licensing'], mode: 'key_steps', basis: pilotPlan },
  ],
  discretion_benchmark: [
    {
      code: 'BM-126',
      name: '未按规定建立食品安全管理制度拒不改正',
      itemCode: 'EI-002',
      legalBases: [{ law: '中华人民共和国食品安全法', article: '第一百二十六条' }],
      statutoryRange: '责令改正，给予警告；拒不改正的，处五千元以上五万元以下罚款',
      grades: [
        { code: 'L', label: '较轻', circumstances: '首次发现，及时改正', penaltyKinds: ['warning'], penalty: '警告' },
        {
          code: 'M',
          label: '一般',
          circumstances: '拒不改正',
          penaltyKinds: ['warning', 'fine'],
          minAmount: 5000,
          maxAmount: 20000,
          penalty: '罚款5000元至2万元',
        },
        {
          code: 'H',
          label: '较重',
          circumstances: '拒不改正且造成后果',
          penaltyKinds: ['fine'],
          minAmount: 20000,
          maxAmount: 50000,
          penalty: '罚款2万元至5万元',
        },
      ],
      source: '测试机关自定基准',
    },
  ],
  major_decision_rule: [
    {
      code: 'ZD-01',
      name: '较大数额罚款',
      condition: 'amount_threshold',
      actionType: 'penalty',
      partyType: 'organization',
      amountThreshold: 20000,
      description: '对法人或其他组织罚没款合计2万元以上',
      basis: '行政执法三项制度任务清单第（30）项',
    },
    {
      code: 'ZD-03',
      name: '经过听证程序的决定',
      condition: 'hearing_held',
      description: '经过听证程序作出的决定',
      basis: '行政执法三项制度任务清单第（30）项',
    },
  ],
};

/** Publishes a new version of one of agency A's lists, through the same review as a real correction. */
export async function republish(ctx: AppContext, org: TestOrg, kind: CatalogKind, entries: unknown[]): Promise<void> {
  const head = actorFor(org, 'headA', 'agency_head');
  const reviewer = actorFor(org, 'reviewerA', 'reviewer');
  const draft = await createDraft(ctx, head, { agencyId: org.agencyA.id, kind, note: '纠错', entries });
  const submitted = await submitVersion(ctx, head, draft.id, { rowVersion: draft.rowVersion });
  await reviewVersion(ctx, reviewer, draft.id, { rowVersion: submitted.rowVersion, decision: 'approve', opinion: '同意公布' });
}

export interface EnforcementSetup {
  officers: { zhang: string; li: string; wang: string; zhao: string; qian: string };
}

export async function setUpEnforcement(ctx: AppContext, org: TestOrg): Promise<EnforcementSetup> {
  const head = actorFor(org, 'headA', 'agency_head');
  for (const [kind, entries] of Object.entries(testLists) as [CatalogKind, unknown[]][]) await republish(ctx, org, kind, entries);
  const today = todayInChina();
  // Agency A's reviewer holds the legal-profession qualification (Penalty Law Art. 58 ¶2).
  await recordQualification(ctx, head, {
    userId: org.users.reviewerA.id,
    kind: 'legal_profession',
    certificateNumber: 'A20186405020001',
    obtainedOn: shiftDate(today, -1500),
  });
  let serial = 0;
  const officer = async (name: string, certificate: 'valid' | 'expired' | 'none', isAuxiliary = false) => {
    const person = await createOfficer(ctx, head, { agencyId: org.agencyA.id, name, post: '执法队员', isAuxiliary });
    serial += 1;
    if (certificate !== 'none') {
      await issueCertificate(ctx, head, person.id, {
        number: `640502T${String(serial).padStart(5, '0')}${Math.floor(Math.random() * 1e6)}`,
        categories: ['market_regulation'],
        regionCode: '640502',
        issuedOn: shiftDate(today, -2000),
        expiresOn: certificate === 'valid' ? shiftDate(today, 1000) : shiftDate(today, -60),
      });
    }
    return person.id;
  };
  return {
    officers: {
      zhang: await officer('张三', 'valid'),
      li: await officer('李四', 'valid'),
      wang: await officer('王五', 'valid'),
      zhao: await officer('赵六', 'none', true),
      qian: await officer('钱七', 'expired'),
    },
  };
}

/** Uploads bytes through the tus endpoint in one piece; returns the stored file's id. */
export async function uploadFile(client: Client, bytes: Buffer, fileName: string, mediaType: string): Promise<string> {
  const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  const created = await client.request({
    method: 'POST',
    url: '/api/uploads',
    headers: {
      'tus-resumable': '1.0.0',
      'upload-length': String(bytes.length),
      'upload-metadata': `filename ${b64(fileName)},filetype ${b64(mediaType)}`,
    },
  });
  if (created.statusCode !== 201) throw new Error(`upload: ${created.statusCode} ${created.body}`);
  const done = await client.request({
    method: 'PATCH',
    url: String(created.headers.location),
    headers: { 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
    payload: bytes,
  });
  if (done.statusCode !== 204) throw new Error(`upload patch: ${done.statusCode} ${done.body}`);
  return String(done.headers['lawtrail-file-id']);
}
