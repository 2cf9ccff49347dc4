import { describe, expect, it } from '@jest/globals';
import { diffStates } from './field-changes.js';

describe(diffStates.name, () => {
  it('should name each changed nested field with its old and new value', () => {
    expect(
      diffStates(
        { status: 'report_issued', points: { F4: 7, F1: 8 }, result: { level: 3, ruleTrace: [1] } },
        { status: 'report_issued', points: { F4: 1, F1: 8 }, result: { level: 2, ruleTrace: [2] } },
      ),
    ).toEqual([
      { field: 'points.F4', from: 7, to: 1 },
      { field: 'result.level', from: 3, to: 2 },
    ]);
  });

  it('should compare lists of identified items item by item', () => {
    const before = { milestones: [{ id: 'M1', completedOn: null }] };
    const after = {
      milestones: [
        { id: 'M1', completedOn: '2026-06-25' },
        { id: 'M2', completedOn: null },
      ],
    };
    expect(diffStates(before, after)).toEqual([
      { field: 'milestones[M1].completedOn', from: null, to: '2026-06-25' },
      { field: 'milestones[M2]', from: null, to: { id: 'M2', completedOn: null } },
    ]);
  });

  it('should list every field of a new object as set from nothing', () => {
    expect(diffStates({ status: 'none' }, { status: 'active', name: '某公司' })).toEqual([
      { field: 'status', from: 'none', to: 'active' },
      { field: 'name', from: null, to: '某公司' },
    ]);
  });

  it('should show only the new items of a list that grew', () => {
    const readings = [{ value: 1 }, { value: 2 }];
    expect(diffStates({ readings }, { readings: [...readings, { value: 3 }] })).toEqual([
      { field: 'readings[2]', from: null, to: { value: 3 } },
    ]);
  });

  it('should find nothing between equal states', () => {
    expect(diffStates({ a: [1, 2], b: { c: 'x' } }, { a: [1, 2], b: { c: 'x' } })).toEqual([]);
  });
});
