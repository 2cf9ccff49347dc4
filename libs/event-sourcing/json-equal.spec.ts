import { describe, expect, it } from '@jest/globals';
import { jsonEqual } from './json-equal.js';

describe(jsonEqual.name, () => {
  it('should find equal values equal whatever the order of their keys', () => {
    expect(jsonEqual({ a: 1, b: [{ c: 'x' }, null] }, { b: [{ c: 'x' }, null], a: 1 })).toBe(true);
    expect(jsonEqual([], [])).toBe(true);
    expect(jsonEqual(null, null)).toBe(true);
  });

  it('should treat a key whose value is undefined as absent, as JSON does', () => {
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1, b: null })).toBe(false);
  });

  it('should find values that differ anywhere different', () => {
    expect(jsonEqual({ a: { b: [1, 2] } }, { a: { b: [1, 3] } })).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEqual([1, 2], [1, 2, 3])).toBe(false);
    expect(jsonEqual([1], { 0: 1 })).toBe(false);
    expect(jsonEqual({}, null)).toBe(false);
    expect(jsonEqual(1, '1')).toBe(false);
  });

  it('should compare dates by their time', () => {
    expect(jsonEqual(new Date(5), new Date(5))).toBe(true);
    expect(jsonEqual(new Date(5), new Date(6))).toBe(false);
    expect(jsonEqual(new Date(5), {})).toBe(false);
  });
});
