import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './app-config.js';

describe(loadConfig.name, () => {
  it('should default to the embedded database under ./data on port 3000 with migrations', () => {
    expect(loadConfig({}, [])).toMatchObject({ port: 3000, databaseUrl: undefined, dataDir: './data', migrate: true });
  });

  it('should take a server URL and turn migrations off by flag or variable', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/tracker' }, ['--no-migrate'])).toMatchObject({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/tracker',
      migrate: false,
    });
    expect(loadConfig({ MIGRATE: 'false' }, []).migrate).toBe(false);
  });

  it('should name the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' }, [])).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' }, [])).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ PROJECTIONS: 'audit;drop' }, [])).toThrow(/PROJECTIONS/);
    expect(() => loadConfig({ METRICS_HOST: 'metrics.internal' }, [])).toThrow(/METRICS_HOST: must be an IP address/);
    expect(() => loadConfig({ COMMAND_STATE_CACHE_MB: '-1' }, [])).toThrow(/COMMAND_STATE_CACHE_MB/);
    expect(() => loadConfig({ PROJECTION_GATHER_MS: 'soon' }, [])).toThrow(/PROJECTION_GATHER_MS/);
  });

  it('should read from the replicas listed, only beside a PostgreSQL primary', () => {
    const primary = 'postgres://postgres@10.0.0.1:5432/tracker';
    expect(loadConfig({}, [])).toMatchObject({
      readUrls: [],
      readReplicas: { maxLagMs: 5000, waitMs: 1000, queryTimeoutMs: 30_000 },
    });
    expect(
      loadConfig(
        {
          DATABASE_URL: primary,
          DATABASE_READ_URLS: ' postgres://reader@10.0.0.2:5432/tracker , postgresql://reader@10.0.0.3/tracker,',
          READ_REPLICA_MAX_LAG_MS: '2000',
        },
        [],
      ),
    ).toMatchObject({
      readUrls: ['postgres://reader@10.0.0.2:5432/tracker', 'postgresql://reader@10.0.0.3/tracker'],
      readReplicas: { maxLagMs: 2000, waitMs: 1000 },
    });
    expect(() => loadConfig({ DATABASE_READ_URLS: 'postgres://reader@10.0.0.2/tracker' }, [])).toThrow(
      /DATABASE_READ_URLS: read replicas need a PostgreSQL primary in DATABASE_URL/,
    );
    expect(() => loadConfig({ DATABASE_URL: primary, DATABASE_READ_URLS: 'replica-host:5432' }, [])).toThrow(
      /DATABASE_READ_URLS: must be postgres:\/\/ URLs/,
    );
    expect(() => loadConfig({ DATABASE_URL: primary, READ_REPLICA_WAIT_MS: '9000' }, [])).toThrow(
      /READ_REPLICA_WAIT_MS/,
    );
  });

  it('should run every projection, rebuilds in a process of their own, unless told otherwise', () => {
    expect(loadConfig({}, [])).toMatchObject({
      projectionsRun: [],
      projectionRebuildProcess: true,
      projectionRebuildBatchSize: 5000,
      rebuildProcessBatchSize: 2000,
    });
    expect(loadConfig({ PROJECTION_REBUILD_BATCH_SIZE: '8000' }, [])).toMatchObject({
      projectionRebuildBatchSize: 8000,
      rebuildProcessBatchSize: 8000,
    });
    expect(loadConfig({ PROJECTIONS: ' audit, report-facts ', PROJECTION_REBUILD_PROCESS: 'false' }, [])).toMatchObject(
      { projectionsRun: ['audit', 'report-facts'], projectionRebuildProcess: false },
    );
  });
});
