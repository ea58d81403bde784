import { describe, expect, it } from 'vitest';
import { checkNumberFormat, deriveAbbreviation, formatDocumentNumber } from './numbering.js';

describe('document numbers', () => {
  it('abbreviates an agency by its place and kind when it has no short name', () => {
    expect(deriveAbbreviation('沙坡头区市场监督管理局')).toBe('沙市监');
    expect(deriveAbbreviation('中宁县交通运输局')).toBe('中交');
    expect(deriveAbbreviation('滨河镇综合执法队')).toBe('滨综执');
    expect(deriveAbbreviation('中卫市生态环境局沙坡头区分局')).toBe('中卫');
    expect(deriveAbbreviation('某某委员会')).toBe('某某');
  });

  it('formats a number by the agency rule, padding {n:3}', () => {
    const parts = { abbr: '沙市监', series: '罚', year: 2026, n: 7 };
    expect(formatDocumentNumber('{abbr}{series}〔{year}〕{n}号', parts)).toBe('沙市监罚〔2026〕7号');
    expect(formatDocumentNumber('{abbr}{series}字〔{year}〕第{n:3}号', parts)).toBe('沙市监罚字〔2026〕第007号');
    expect(() => checkNumberFormat('{abbr}〔{year}〕号')).toThrow(/序号/);
    expect(() => checkNumberFormat('{abbr}{month}{n}号')).toThrow(/只能使用/);
  });
});
