import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { withUsccCheckCharacter } from '#libs/enterprises';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const ADMIN_TOKEN_FOR_BENCH = 'bench-bootstrap-admin-token';

export function orgCode(n: number): string {
  let code = '';
  for (let i = 0; i < 9; i++, n = Math.floor(n / 31)) code = CHARSET[n % 31]! + code;
  return code;
}

export interface HttpCommandsResult {
  commandsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  total: number;
}

export interface RunningApi {
  base: string;
  token: string;
  stop(): Promise<void>;
}

/** Starts the built api on the bench database and makes an officer key for Gui'an's district. */
export async function startApi(
  databaseUrl: string,
  env: Record<string, string> = {},
  port = 3917,
): Promise<RunningApi> {
  const api = spawn(process.execPath, ['dist/apps/api/main.js'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      BOOTSTRAP_ADMIN_TOKEN: ADMIN_TOKEN_FOR_BENCH,
      RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'error',
      DATABASE_POOL_SIZE: '32',
      // Latency cases measure steady service: the first start's catch-up of missed reports (a burst of a
      // minute or more on the province log) would run during them.
      RUN_REPORT_SCHEDULER: 'false',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    api.kill('SIGTERM');
    await new Promise((resolve) => api.once('exit', resolve));
  };
  try {
    for (let i = 0; ; i++) {
      if (
        await fetch(`${base}/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (i > 300) throw new Error('the api did not start');
      await sleep(200);
    }
    const key = (await (
      await fetch(`${base}/v1/api-keys`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN_FOR_BENCH}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'bench officer',
          role: 'officer',
          scope: { districtCodes: ['520900', '520115'] },
        }),
      })
    ).json()) as { token: string };
    return { base, token: key.token, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Drives the api with autocannon: 32 connections, each registering an enterprise and taking it through
 * three lifecycle steps, over and over.
 */
export async function commandLoad(api: RunningApi, seconds: number): Promise<HttpCommandsResult> {
  let serial = Math.floor(Math.random() * 1e9);
  const headers = { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' };
  type Context = { uscc?: string };
  const result = await autocannon({
    url: api.base,
    connections: 32,
    duration: seconds,
    headers,
    requests: [
      {
        method: 'POST',
        path: '/v1/enterprises',
        setupRequest: (request, context: Context) => {
          context.uscc = withUsccCheckCharacter(`91520900${orgCode(serial++)}`);
          return {
            ...request,
            body: JSON.stringify({
              uscc: context.uscc,
              name: '贵州贵安压测企业有限公司',
              industryCode: 'C39',
              districtCode: '520900',
              parkId: 'gaxq-dz',
              aboveDesignatedSize: true,
            }),
          };
        },
      },
      {
        method: 'POST',
        setupRequest: (request, context: Context) => ({
          ...request,
          path: `/v1/enterprises/${context.uscc}/park`,
          body: JSON.stringify({ parkId: 'gaxq-zb' }),
        }),
      },
      {
        method: 'POST',
        setupRequest: (request, context: Context) => ({
          ...request,
          path: `/v1/enterprises/${context.uscc}/scale-status`,
          body: JSON.stringify({ aboveDesignatedSize: false, statYear: 2026 }),
        }),
      },
      {
        method: 'POST',
        setupRequest: (request, context: Context) => ({
          ...request,
          path: `/v1/enterprises/${context.uscc}/corrections`,
          body: JSON.stringify({ field: 'name', value: '贵州贵安压测企业股份有限公司', reason: '更名' }),
        }),
      },
    ] as autocannon.Request[],
  });
  return {
    commandsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    total: result.requests.total,
  };
}

/** The command-side case: the api started for it, driven for `seconds`. */
export async function benchHttpCommands(databaseUrl: string, seconds: number): Promise<HttpCommandsResult> {
  const api = await startApi(databaseUrl);
  try {
    return await commandLoad(api, seconds);
  } finally {
    await api.stop();
  }
}
