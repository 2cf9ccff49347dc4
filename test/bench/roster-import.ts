import ExcelJS from 'exceljs';
import { withUsccCheckCharacter } from '#libs/enterprises';
import { orgCode, startApi, type RunningApi } from './http-commands.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PARKS = ['gaxq-dz', 'gaxq-zb', 'gaxq-bs', 'gaxq-mc'];
const INDUSTRIES = ['C39', 'C3911', 'C34', 'C3511', 'C26', 'C15'];
/** The connections the baseline's writes share, as `http_command_c32`'s raw baseline has 8 writers. */
const CONNECTIONS = 8;

export interface RosterImportResult {
  rows: number;
  importMs: number;
  registered: number;
  refused: number;
  apiWritesMs: number;
  apiWritesFailed: number;
}

/** Enterprise `n` of a series (its own USCC), as both the roster and the JSON writes register it. */
function enterprise(series: number, n: number) {
  return {
    uscc: withUsccCheckCharacter(`9152090${series}${orgCode(n)}`),
    name: `贵州贵安名录企业${series}-${n}有限公司`,
    industryCode: INDUSTRIES[n % INDUSTRIES.length]!,
    districtCode: '520900',
    parkId: PARKS[n % PARKS.length]!,
    aboveDesignatedSize: n % 5 !== 0,
  };
}

async function rosterOf(series: number, rows: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名录');
  sheet.addRow(['统一社会信用代码', '企业名称', '行业代码', '所属区县', '所属园区', '是否规上']);
  for (let n = 0; n < rows; n++) {
    const e = enterprise(series, n);
    sheet.addRow([e.uscc, e.name, e.industryCode, '贵安新区', e.parkId, e.aboveDesignatedSize ? '是' : '否']);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function importRoster(api: RunningApi, file: Buffer, fileName: string) {
  const response = await fetch(`${api.base}/v1/imports/enterprises?fileName=${encodeURIComponent(fileName)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${api.token}`, 'content-type': XLSX },
    body: file,
  });
  if (response.status !== 200) throw new Error(`The import answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { register: unknown[]; refused: unknown[] };
}

/** The same registrations one by one as JSON, over `CONNECTIONS` connections; the failures counted. */
async function registerOneByOne(api: RunningApi, series: number, rows: number): Promise<number> {
  let next = 0;
  let failed = 0;
  const headers = { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' };
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < rows) {
        const body = JSON.stringify(enterprise(series, next++));
        const response = await fetch(`${api.base}/v1/enterprises`, { method: 'POST', headers, body });
        await response.arrayBuffer();
        if (response.status !== 201) failed++;
      }
    }),
  );
  return failed;
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
}

/**
 * `import_roster_5000`: a 5,000-row xlsx roster of new enterprises POSTed to the api (applied, not a dry run),
 * against the same 5,000 registrations sent one by one as JSON over 8 connections, on the same api and database.
 * Each side registers its own enterprises (other USCCs, the same fields); both are warmed up first.
 */
export async function benchRosterImport(databaseUrl: string, rows = 5000): Promise<RosterImportResult> {
  const api = await startApi(databaseUrl);
  try {
    await registerOneByOne(api, 1, 200);
    await importRoster(api, await rosterOf(2, 200), 'warm-up.xlsx');
    const roster = await rosterOf(3, rows);
    const imported = await timed(() => importRoster(api, roster, '规上工业企业名录.xlsx'));
    const writes = await timed(() => registerOneByOne(api, 4, rows));
    return {
      rows,
      importMs: imported.ms,
      registered: imported.value.register.length,
      refused: imported.value.refused.length,
      apiWritesMs: writes.ms,
      apiWritesFailed: writes.value,
    };
  } finally {
    await api.stop();
  }
}
