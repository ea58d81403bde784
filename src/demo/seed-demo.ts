import { type Role, roleLabels, systemActor } from '../kernel/actor.js';
import type { AppContext } from '../kernel/context.js';
import { computeUsccCheckCharacter } from '../kernel/uscc.js';
import { type AgencyKind, bindSecondFactor, createAgency, createGovernment, createUser } from '../modules/org/index.js';
import divisions from './divisions.json' with { type: 'json' };
import { seedDemoCases } from './seed-cases.js';
import { type DemoAgencyPeople, seedDemoCatalog } from './seed-catalog.js';
import { seedDemoReports, seedLastYearCases } from './seed-reports.js';

/**
 * Demo data: a real county (宁夏回族自治区中卫市沙坡头区, GB/T 2260 code 640502, with its real towns)
 * and a typical set of county enforcement agencies. Agency credit codes, addresses and phone numbers
 * are made up for the demo (the credit codes carry valid GB 32100-2015 check characters); complaint
 * channels use the real national 12345 government service hotline.
 */
export const demoPassword = 'Demo@Lawtrail2026';
/** Base32 TOTP secret of every demo account that uses a second factor (README gives it too). */
export const demoTotpSecret = 'LAWTRAILDEMOSECRETKEYFORTOTPXYZA';

interface DemoAgency {
  key: string;
  kind: AgencyKind;
  name: string;
  shortName: string;
  officers: string[];
  reviewer: string;
  head: string;
  /** Auxiliary staff (执法辅助人员) on the roster: no account, no certificate. */
  auxiliaries: string[];
}

const agencies: DemoAgency[] = [
  {
    key: 'justice',
    kind: 'justice',
    name: '中卫市沙坡头区司法局',
    shortName: '区司法局',
    officers: [],
    reviewer: '马兰芳',
    head: '杨建国',
    auxiliaries: [],
  },
  {
    key: 'market',
    kind: 'market_regulation',
    name: '中卫市沙坡头区市场监督管理局',
    shortName: '区市场监管局',
    officers: ['张志强', '李海燕', '王立新'],
    reviewer: '赵雅琴',
    head: '刘福成',
    auxiliaries: ['马小龙'],
  },
  {
    key: 'ecology',
    kind: 'ecology_environment',
    name: '中卫市生态环境局沙坡头区分局',
    shortName: '沙坡头生态环境分局',
    officers: ['陈国庆', '周丽娟'],
    reviewer: '吴晓东',
    head: '孙振华',
    auxiliaries: ['田春生'],
  },
  {
    key: 'urban',
    kind: 'urban_management',
    name: '中卫市沙坡头区城市管理综合执法局',
    shortName: '区城管执法局',
    officers: ['郭宏伟', '何玉梅', '高建军'],
    reviewer: '林淑芬',
    head: '罗永红',
    auxiliaries: ['杜文华', '金海波'],
  },
  {
    key: 'transport',
    kind: 'transport',
    name: '中卫市沙坡头区交通运输局',
    shortName: '区交通运输局',
    officers: ['梁文斌', '宋春燕'],
    reviewer: '谢志刚',
    head: '韩德明',
    auxiliaries: ['石磊'],
  },
  {
    key: 'emergency',
    kind: 'emergency_management',
    name: '中卫市沙坡头区应急管理局',
    shortName: '区应急管理局',
    officers: ['唐明亮', '冯秀英'],
    reviewer: '董晓光',
    head: '于海涛',
    auxiliaries: ['任国栋'],
  },
  {
    key: 'health',
    kind: 'health',
    name: '中卫市沙坡头区卫生健康局',
    shortName: '区卫生健康局',
    officers: ['程丽华', '曹永刚'],
    reviewer: '袁静',
    head: '邓志明',
    auxiliaries: ['汪红'],
  },
  {
    key: 'culture',
    kind: 'culture_tourism',
    name: '中卫市沙坡头区文化旅游体育局',
    shortName: '区文旅体局',
    officers: ['许文杰', '傅小红'],
    reviewer: '沈佳',
    head: '彭立军',
    auxiliaries: ['方晓宇'],
  },
  {
    key: 'resources',
    kind: 'natural_resources',
    name: '中卫市自然资源局沙坡头分局',
    shortName: '沙坡头自然资源分局',
    officers: ['吕永平', '苏建华'],
    reviewer: '蒋丽萍',
    head: '蔡国强',
    auxiliaries: ['丁建平'],
  },
];

function demoUscc(index: number): string {
  // 1 机构编制 · 1 机关 · 640502 登记管理机关区划 · 9 位主体标识码（演示）· 校验码
  const first17 = `11640502MB${String(1000000 + index * 1371).slice(-7)}`;
  return first17 + computeUsccCheckCharacter(first17);
}

export interface DemoLogin {
  username: string;
  displayName: string;
  agency: string;
  roles: Role[];
  hasSecondFactor: boolean;
}

export async function seedDemo(ctx: AppContext): Promise<DemoLogin[]> {
  const actor = systemActor('演示数据');
  const province = await createGovernment(ctx, actor, {
    parentId: null,
    level: 'province',
    divisionCode: `${divisions.province.code}0000`,
    name: `${divisions.province.name}人民政府`,
  });
  const city = await createGovernment(ctx, actor, {
    parentId: province.id,
    level: 'city',
    divisionCode: `${divisions.city.code}00`,
    name: `${divisions.city.name}人民政府`,
  });
  const county = await createGovernment(ctx, actor, {
    parentId: city.id,
    level: 'county',
    divisionCode: divisions.county.code,
    name: `${divisions.county.name}人民政府`,
  });
  for (const township of divisions.townships) {
    await createGovernment(ctx, actor, {
      parentId: county.id,
      level: 'township',
      divisionCode: township.code,
      name: `${township.name}人民政府`,
    });
  }

  const logins: DemoLogin[] = [];
  const addUser = async (
    username: string,
    displayName: string,
    agency: { id: string; name: string } | null,
    roles: Role[],
    post: string,
  ) => {
    const user = await createUser(ctx, actor, { username, displayName, agencyId: agency?.id ?? null, roles, password: demoPassword, post });
    const hasSecondFactor = roles.some((role) => role === 'administrator' || role === 'reviewer');
    if (hasSecondFactor) await bindSecondFactor(ctx, actor, user.id, demoTotpSecret);
    logins.push({ username, displayName, agency: agency?.name ?? '—', roles, hasSecondFactor });
    return { id: user.id, username, displayName };
  };

  let market: DemoAgencyPeople | null = null;
  let justice: { agencyId: string; governmentId: string; supervisor: { id: string; username: string; displayName: string } } | null = null;
  for (const [index, spec] of agencies.entries()) {
    const phone = `0955-70${String(12000 + index * 111).slice(-5)}`;
    const agency = await createAgency(ctx, actor, {
      governmentId: county.id,
      name: spec.name,
      shortName: spec.shortName,
      uscc: demoUscc(index),
      kind: spec.kind,
      address: `宁夏回族自治区中卫市沙坡头区${['鼓楼东街', '应理南街', '平安西街', '中山北街', '长城东街', '文萃南路', '新墩西路', '迎宾大道', '黄河花园路'][index]}${18 + index * 7}号`,
      phone,
      supervisionPhone: `0955-70${String(13000 + index * 97).slice(-5)}`,
      complaintChannel: '12345政务服务便民热线；本机关法制机构信箱（演示）',
      website: null,
      officeHours: '周一至周五 上午8:30—12:00，下午14:30—18:00（法定节假日除外）',
    });
    const officers = [];
    for (const [n, name] of spec.officers.entries()) {
      officers.push(await addUser(`${spec.key}.officer${n + 1}`, name, agency, ['officer'], '执法人员'));
    }
    const reviewer = await addUser(`${spec.key}.reviewer`, spec.reviewer, agency, ['reviewer'], '法制审核人员');
    const head = await addUser(`${spec.key}.head`, spec.head, agency, ['agency_head'], '局长');
    const people = { id: agency.id, kind: spec.kind, name: agency.name, head, reviewer, officers, auxiliaries: spec.auxiliaries };
    await seedDemoCatalog(ctx, people, index, { address: agency.address ?? '', phone });
    if (spec.kind === 'market_regulation') {
      await seedDemoCases(ctx, people);
      await seedLastYearCases(ctx, people);
      market = people;
    }
    if (spec.kind === 'justice') {
      const supervisor = await addUser('justice.supervisor', '白雪梅', agency, ['supervisor'], '行政执法协调监督科科长');
      justice = { agencyId: agency.id, governmentId: county.id, supervisor };
      await addUser('justice.auditor', '钱学文', agency, ['auditor'], '审计人员');
      await addUser('admin', '系统管理员', agency, ['administrator'], '信息中心');
    }
  }
  // Last year's statistics reports, once every agency's record is in.
  if (market && justice) await seedDemoReports(ctx, market, justice);
  return logins;
}

export function formatDemoLogins(logins: DemoLogin[]): string {
  const lines = logins
    .filter((login) => !login.username.endsWith('officer2') && !login.username.endsWith('officer3'))
    .map(
      (login) =>
        `  ${login.username.padEnd(20)} ${login.roles
          .map((r) => roleLabels[r])
          .join('、')
          .padEnd(8)} ${login.displayName}（${login.agency}）${login.hasSecondFactor ? ' ※动态验证码' : ''}`,
    );
  return [
    `演示账号（密码均为 ${demoPassword}）：`,
    ...lines,
    `  ……共 ${logins.length} 个账号（每个执法机关另有 officer2、officer3 等执法人员）`,
    `※ 动态验证码密钥（TOTP）：${demoTotpSecret}，可添加到任意身份验证器，或运行 npx lawtrail demo-code 查看当前验证码`,
  ].join('\n');
}
