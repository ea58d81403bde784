/**
 * Natural persons' names and home addresses.
 *
 * Names are masked only when the caller names them (the parties of type person, witnesses): the surname stays and the
 * given name becomes 某 (one character) or 某某 (two or more) — 张三 → 张某, 张三丰 → 张某某, 欧阳娜娜 → 欧阳某某 — or
 * as the deployment configures (`NameMaskStyle`).
 *
 * Addresses are masked only after a label that marks a person's home (住址, 家庭住址, 现住址, 户籍地址 …); an
 * organisation's 住所 or 经营场所 stays. The administrative divisions at the start of the address are kept down to the
 * township (省, 市, 县/区, 乡/镇/街道), and everything after them — road, house number, village, building, room — becomes
 * ****: 宁夏回族自治区中卫市沙坡头区文昌镇长城东街12号 → 宁夏回族自治区中卫市沙坡头区文昌镇****. An address with no
 * recognisable division becomes **** as a whole.
 */
import type { NameMaskStyle } from '../../kernel/vocabulary.js';
import { claimed, normalizeForMatching, type WorkingText } from './working-text.js';

const compoundSurnames = new Set(
  (
    '欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 司空 令狐 夏侯 端木 独孤 南宫 西门 百里 呼延 万俟 ' +
    '闻人 申屠 太史 钟离 赫连 濮阳 公冶 宗政 拓跋 轩辕 澹台 第五 东郭 乐正 左丘 子车 亓官 巫马 公西 漆雕 公良 ' +
    '谷梁 段干 梁丘 羊舌 微生 颛孙 南门 归海 东门 公羊'
  ).split(' '),
);

export const addressMask = '****';

/** 张三 → 张某, 张三丰 → 张某某, 欧阳娜娜 → 欧阳某某, 阿依古丽·买买提 → 阿某某; an already masked name is returned as it is. */
export function maskName(name: string, style: NameMaskStyle = 'given'): string {
  const trimmed = name.trim();
  if (/[·•・.]/.test(trimmed)) return `${trimmed.slice(0, 1)}${style === 'asterisk' ? '**' : '某某'}`;
  const surnameLength = trimmed.length >= 3 && compoundSurnames.has(trimmed.slice(0, 2)) ? 2 : 1;
  const given = trimmed.slice(surnameLength);
  if (given.length === 0 || /^[某*＊]+$/.test(given)) return trimmed;
  const surname = trimmed.slice(0, surnameLength);
  if (style === 'asterisk') return surname + '*'.repeat([...given].length);
  return surname + (style === 'given' && given.length === 1 ? '某' : '某某');
}

/** The names worth looking for: two characters or more, not already masked, longest first (张三丰 before 张三). */
export function namesToFind(names: readonly string[]): string[] {
  const found = new Set<string>();
  for (const name of names) {
    const trimmed = name.replace(/\s+/g, '');
    if (trimmed.length >= 2 && maskName(trimmed) !== trimmed) found.add(trimmed);
  }
  return [...found].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}

export function maskNames(work: WorkingText, names: readonly string[], style: NameMaskStyle = 'given'): void {
  for (const name of namesToFind(names)) {
    const text = work.text;
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
      work.claim(at, at + name.length, 'name', maskName(name, style));
    }
    work.commit();
  }
}

const divisionSuffix = '特别行政区|自治区|自治州|自治县|自治旗|民族乡|街道|地区|苏木|省|市|州|盟|县|区|旗|镇|乡';
const division = new RegExp(`^([\\u4e00-\\u9fff]{1,10}?)(${divisionSuffix})`);
/** A name with a road, village or building word is not a division (鼓楼区 and 道里区 lose out: masked, never leaked). */
const notAPlaceName = /[路街巷弄道村组号楼院室栋幢单元座层]/;
const notADistrict = /(?:小|社|园|校|景|街|厂|片|营|库)区$/;
const suffixCharacter = /^[市区县旗镇乡州盟]/;

/** The administrative divisions at the start of an address, down to the township: their length and how many. */
export function divisionPrefix(address: string): { length: number; count: number } {
  let at = 0;
  let count = 0;
  for (; count < 6; count++) {
    const match = division.exec(address.slice(at));
    if (!match) break;
    let token = match[0];
    while (suffixCharacter.test(address.slice(at + token.length)) && token.length < 12) token += address.charAt(at + token.length);
    if (notAPlaceName.test(match[1] as string) || notADistrict.test(token)) break;
    at += token.length;
  }
  return { length: at, count };
}

/** The address kept down to the township, the rest ****; an address already masked is returned as it is. */
export function maskAddress(address: string): string {
  const kept = divisionPrefix(normalizeForMatching(address)).length;
  const rest = address.slice(kept);
  return rest === '' || rest === addressMask ? address : address.slice(0, kept) + addressMask;
}

const homeLabel = /(?:家庭住址|家庭地址|现住址|现住地|现居住地址?|居住地址|户籍地址|户籍所在地|户籍地|住址)\s*(?::|为|是)?\s*/g;
/** 男，汉族，1990年3月7日出生，住宁夏中卫市沙坡头区…: 住 alone counts as a label when at least two divisions follow. */
const livesAt = /(?<=^|[,;。、\s])(?:现住|住)(?=[\u4e00-\u9fff])/g;
const valueEnd = new RegExp(
  `[,;。、\\n\\r)」】\\t ${claimed}]|电话|手机|联系|身份证|公民身份|证件|邮箱|电子邮|银行|账号|卡号|性别|民族|出生|职业|工作单位|姓名`,
);

/** Masks the value after each home-address label. */
export function maskAddresses(work: WorkingText): void {
  const text = work.text;
  const labels = [...text.matchAll(homeLabel)].map((m) => ({ end: m.index + m[0].length, divisionsNeeded: 0 }));
  for (const m of text.matchAll(livesAt)) labels.push({ end: m.index + m[0].length, divisionsNeeded: 2 });
  for (const { end: start, divisionsNeeded } of labels) {
    const tail = text.slice(start, start + 100);
    const end = start + (valueEnd.exec(tail)?.index ?? tail.length);
    const value = text.slice(start, end);
    const kept = divisionPrefix(value);
    const rest = value.slice(kept.length);
    if (rest !== '' && rest !== addressMask && kept.count >= divisionsNeeded) work.claim(start + kept.length, end, 'address', addressMask);
  }
  work.commit();
}
