import { describe, expect, it } from '@jest/globals';
import { DuplicateUpcasterError, Upcasters } from './upcasters.js';

describe(Upcasters.name, () => {
  const renameValue = {
    type: 'KpiMeasured',
    fromSchemaVersion: 1,
    upcast: ({ value, ...rest }: Record<string, unknown>) => ({ ...rest, measured: value }),
  };
  const addSource = {
    type: 'KpiMeasured',
    fromSchemaVersion: 2,
    upcast: (data: Record<string, unknown>) => ({ source: 'manual', ...data }),
  };

  describe('apply', () => {
    it('should chain upcasters from the stored schema version to the newest', () => {
      const sut = new Upcasters([addSource, renameValue]);

      expect(sut.apply('KpiMeasured', 1, { value: 3 })).toEqual({
        schemaVersion: 3,
        data: { source: 'manual', measured: 3 },
      });
      expect(sut.apply('KpiMeasured', 2, { measured: 4 })).toEqual({
        schemaVersion: 3,
        data: { source: 'manual', measured: 4 },
      });
    });

    it('should leave other types and current shapes alone', () => {
      const sut = new Upcasters([renameValue]);

      expect(sut.apply('BaselineRecorded', 1, { value: 3 })).toEqual({ schemaVersion: 1, data: { value: 3 } });
      expect(sut.apply('KpiMeasured', 2, { measured: 3 })).toEqual({ schemaVersion: 2, data: { measured: 3 } });
    });
  });

  describe('register', () => {
    it('should refuse two upcasters for one type and version', () => {
      expect(() => new Upcasters([renameValue, { ...renameValue }])).toThrow(DuplicateUpcasterError);
    });
  });
});
