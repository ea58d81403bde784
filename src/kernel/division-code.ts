/**
 * Division codes: GB/T 2260 six-digit codes for province, city and county;
 * nine-digit statistical codes (统计用区划代码) for townships, which GB/T 2260 does not cover.
 */
import type { GovernmentLevel } from './vocabulary.js';

export { type GovernmentLevel, governmentLevels } from './vocabulary.js';

export function checkDivisionCode(code: string, level: GovernmentLevel, parentCode?: string): string | null {
  const patterns: Record<GovernmentLevel, [RegExp, string]> = {
    province: [/^[1-9][0-9]0000$/, '省级行政区划代码应为6位数字且以0000结尾（如 640000）'],
    city: [/^[1-9][0-9](?!00)[0-9]{2}00$/, '市级行政区划代码应为6位数字且以00结尾（如 640500）'],
    county: [/^[1-9][0-9]{3}(?!00)[0-9]{2}$/, '县级行政区划代码应为6位数字且不以00结尾（如 640502）'],
    township: [/^[1-9][0-9]{5}[0-9]{3}$/, '乡级区划代码应为9位数字（如 640502100）'],
  };
  const [pattern, message] = patterns[level];
  if (!pattern.test(code)) return message;
  if (parentCode) {
    const prefix = { province: '', city: parentCode.slice(0, 2), county: parentCode.slice(0, 4), township: parentCode.slice(0, 6) }[level];
    if (!code.startsWith(prefix)) return `区划代码 ${code} 不属于上级区划 ${parentCode}`;
  }
  return null;
}

/**
 * Does a region (a certificate's area of enforcement) cover a division? A province code covers every division whose
 * code starts with its two digits, a city its four, a county its six; a township code covers only itself.
 */
export function divisionCovers(regionCode: string, divisionCode: string): boolean {
  const prefix =
    regionCode.length === 9
      ? regionCode
      : regionCode.endsWith('0000')
        ? regionCode.slice(0, 2)
        : regionCode.endsWith('00')
          ? regionCode.slice(0, 4)
          : regionCode;
  return divisionCode.startsWith(prefix);
}
