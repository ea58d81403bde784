import { type Role, systemActor } from '../../src/kernel/actor.js';
import { now } from '../../src/kernel/clock.js';
import type { AppContext } from '../../src/kernel/context.js';
import { totpCode, totpStep } from '../../src/kernel/totp.js';
import { computeUsccCheckCharacter } from '../../src/kernel/uscc.js';
import { bindSecondFactor, createAgency, createGovernment, createUser } from '../../src/modules/org/index.js';

export const password = 'Test-Password-2026';
export const totpSecret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

let counter = 0;
/** A check-valid unified social credit code, different each call. */
export function makeUscc(): string {
  counter += 1;
  const first17 = `12640502MB${String(3000000 + counter * 7919 + Math.floor(Math.random() * 1000)).slice(-7)}`;
  return first17 + computeUsccCheckCharacter(first17);
}

/** The current TOTP code, or the next one (a code may be used once). */
export function currentTotp(offsetSteps = 0): string {
  return totpCode(totpSecret, totpStep(now()) + offsetSteps);
}

export interface TestOrg {
  countyId: string;
  otherCountyId: string;
  justice: { id: string };
  agencyA: { id: string; version: number };
  agencyB: { id: string; version: number };
  otherCountyAgency: { id: string };
  users: Record<
    'officerA' | 'officerB' | 'reviewerA' | 'headA' | 'headB' | 'supervisor' | 'admin' | 'auditor' | 'otherSupervisor',
    { id: string; username: string }
  >;
}

/**
 * Two counties; in the first a justice bureau and agencies A and B, in the second one agency and its
 * own supervisor. Everyone shares `password`; reviewer and admin are enrolled with `totpSecret`.
 */
export async function createTestOrg(ctx: AppContext): Promise<TestOrg> {
  const actor = systemActor('测试');
  const province = await createGovernment(ctx, actor, {
    parentId: null,
    level: 'province',
    divisionCode: '640000',
    name: '宁夏回族自治区人民政府',
  });
  const city = await createGovernment(ctx, actor, { parentId: province.id, level: 'city', divisionCode: '640500', name: '中卫市人民政府' });
  const county = await createGovernment(ctx, actor, {
    parentId: city.id,
    level: 'county',
    divisionCode: '640502',
    name: '沙坡头区人民政府',
  });
  const town = await createGovernment(ctx, actor, {
    parentId: county.id,
    level: 'township',
    divisionCode: '640502100',
    name: '滨河镇人民政府',
  });
  const other = await createGovernment(ctx, actor, { parentId: city.id, level: 'county', divisionCode: '640521', name: '中宁县人民政府' });
  const agency = (governmentId: string, name: string, kind: 'justice' | 'market_regulation' | 'transport') =>
    createAgency(ctx, actor, { governmentId, name, uscc: makeUscc(), kind, supervisionPhone: '0955-7000000' });
  const justice = await agency(county.id, '沙坡头区司法局', 'justice');
  const agencyA = await agency(county.id, '沙坡头区市场监督管理局', 'market_regulation');
  const agencyB = await agency(town.id, '滨河镇综合执法队', 'transport');
  const otherJustice = await agency(other.id, '中宁县司法局', 'justice');
  const otherCountyAgency = await agency(other.id, '中宁县交通运输局', 'transport');
  const user = async (username: string, agencyId: string | null, roles: Role[]) => {
    const created = await createUser(ctx, actor, { username, displayName: `测试${username}`, agencyId, roles, password });
    if (roles.includes('reviewer') || roles.includes('administrator')) await bindSecondFactor(ctx, actor, created.id, totpSecret);
    return { id: created.id, username };
  };
  return {
    countyId: county.id,
    otherCountyId: other.id,
    justice,
    agencyA,
    agencyB,
    otherCountyAgency,
    users: {
      officerA: await user('officer.a', agencyA.id, ['officer']),
      officerB: await user('officer.b', agencyB.id, ['officer']),
      reviewerA: await user('reviewer.a', agencyA.id, ['reviewer']),
      headA: await user('head.a', agencyA.id, ['agency_head']),
      headB: await user('head.b', agencyB.id, ['agency_head']),
      supervisor: await user('supervisor', justice.id, ['supervisor']),
      admin: await user('admin', justice.id, ['administrator']),
      auditor: await user('auditor', justice.id, ['auditor']),
      otherSupervisor: await user('supervisor.other', otherJustice.id, ['supervisor']),
    },
  };
}
