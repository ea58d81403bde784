import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

describe('canonical JSON (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units at every depth and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: '中文' } })).toBe('{"a":{"c":"中文","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('gives the same bytes whatever order the keys were written in', () => {
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it('serialises numbers in ECMAScript form (RFC 8785 §3.2.2.3 examples)', () => {
    expect(canonicalJson([1e21, 1e-7, 0.000001, -0, Number('333333333.33333329'), 4.5])).toBe(
      '[1e+21,1e-7,0.000001,0,333333333.3333333,4.5]',
    );
  });

  it('orders keys outside the BMP by code unit, as the RFC requires', () => {
    expect(canonicalJson({ '\u20ac': 1, '\ud83d\ude00': 2, '\r': 3, '1': 4 })).toBe('{"\\r":3,"1":4,"€":1,"😀":2}');
  });

  it('refuses values JSON cannot represent', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow();
    expect(() => canonicalJson({ a: () => 1 })).toThrow();
  });
});
