import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DIAGNOSTIC_STREAM, diagnosticStreamId } from '#libs/diagnostics/domain';
import { ENTERPRISE_STREAM, enterpriseStreamId } from '#libs/enterprises/domain';
import { PROJECT_STREAM, projectStreamId } from '#libs/projects/domain';
import { ProjectionSpecification } from '#libs/testing';
import { districtMovesProjection, possibleMoves } from './district-moves.projection.js';
import { DistrictMovesRepository } from './district-moves.repository.js';

const ENTERPRISE = '91520900MA6G000010';
const DIAGNOSTIC = '0b7c6f0e-8d0f-4c57-9a56-1f3c7c2b9a01';
const PROJECT = '5d1f0c2e-7a3b-4e6f-8c9d-0a1b2c3d4e5f';
const scheduled = (districtCode: string) => ({
  type: 'DiagnosticScheduled',
  data: { diagnosticId: DIAGNOSTIC, enterpriseId: ENTERPRISE, districtCode, campaignId: '2026', kind: 'periodic' },
});

describe('district-moves projection', () => {
  let spec: ProjectionSpecification;
  let repository: DistrictMovesRepository;
  let rings = 0;
  const ring = () => {
    rings++;
  };
  beforeAll(async () => {
    spec = await ProjectionSpecification.for(districtMovesProjection);
    repository = new DistrictMovesRepository(spec.database);
    possibleMoves.add(ring);
  });
  afterAll(async () => {
    possibleMoves.delete(ring);
    await spec?.close();
  });

  it('should owe a move for each follower of an enterprise that changed district, until the follower records it', async () => {
    await spec.given(enterpriseStreamId(ENTERPRISE), ENTERPRISE_STREAM, [
      { type: 'EnterpriseRegistered', data: { uscc: ENTERPRISE, name: '某企业', districtCode: '520900' } },
    ]);
    await spec.given(projectStreamId(PROJECT), PROJECT_STREAM, [
      { type: 'ProjectProposed', data: { projectId: PROJECT, enterpriseId: ENTERPRISE, districtCode: '520900' } },
    ]);
    expect(await repository.pending(10)).toEqual([]);
    expect(rings).toBe(0);

    await spec.given(enterpriseStreamId(ENTERPRISE), ENTERPRISE_STREAM, [
      { type: 'EnterpriseDetailsCorrected', data: { field: 'districtCode', old: '520900', new: '520115' } },
    ]);
    expect(rings).toBe(1);
    // Scheduled while the move was being written: its district is already stale when it lands.
    await spec.given(diagnosticStreamId(DIAGNOSTIC), DIAGNOSTIC_STREAM, [scheduled('520900')]);
    expect(rings).toBe(2);
    const pending = await repository.pending(10);
    expect(pending.map(({ kind, aggregateId, from, to }) => ({ kind, aggregateId, from, to }))).toEqual([
      { kind: 'diagnostic', aggregateId: DIAGNOSTIC, from: '520900', to: '520115' },
      { kind: 'project', aggregateId: PROJECT, from: '520900', to: '520115' },
    ]);

    await spec.given(diagnosticStreamId(DIAGNOSTIC), DIAGNOSTIC_STREAM, [
      { type: 'DiagnosticDistrictChanged', data: { from: '520900', to: '520115' } },
    ]);
    await spec.given(projectStreamId(PROJECT), PROJECT_STREAM, [
      { type: 'ProjectDistrictChanged', data: { from: '520900', to: '520115' } },
    ]);
    expect(await repository.pending(10)).toEqual([]);
    // Each recorded move makes the reactor look again: the enterprise may have moved meanwhile.
    expect(rings).toBe(4);
  });
});
