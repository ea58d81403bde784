import { describe, expect, it } from 'vitest';
import { checkDivisionCode } from './division-code.js';

describe('division codes', () => {
  it('accepts the real codes of 宁夏 / 中卫市 / 沙坡头区 / 滨河镇', () => {
    expect(checkDivisionCode('640000', 'province')).toBeNull();
    expect(checkDivisionCode('640500', 'city', '640000')).toBeNull();
    expect(checkDivisionCode('640502', 'county', '640500')).toBeNull();
    expect(checkDivisionCode('640502100', 'township', '640502')).toBeNull();
  });

  it('refuses codes of the wrong shape or outside the parent', () => {
    expect(checkDivisionCode('640500', 'county')).toContain('县级');
    expect(checkDivisionCode('6405', 'city')).toContain('市级');
    expect(checkDivisionCode('130281', 'county', '640500')).toBe('区划代码 130281 不属于上级区划 640500');
  });
});
