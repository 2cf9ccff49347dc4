import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CLOCK, type Clock } from '#libs/clock';
import { loadConfig } from '#libs/config';
import { DemoDataLoader } from '#libs/demo-data';
import { EventStore, readLogFile, writeLogFile } from '#libs/event-store';
import { ProjectionAdmin } from '#libs/projections';
import {
  REPORT_KINDS,
  type ReportKind,
  type ReportMeta,
  renderCsv,
  renderHtml,
  renderPdf,
  renderXlsx,
  ReportService,
} from '#libs/reporting';
import { type Refusal, RosterImportService } from '#libs/roster-import';
import { AppModule } from './app.module.js';

const USAGE = `Usage:
  npm run cli -- demo-data [--enterprises N]
  npm run cli -- export-log --out FILE[.gz]      the whole event log as NDJSON (gzip for .gz), with a checksum
  npm run cli -- import-log FILE[.gz]            into an EMPTY database, then the read models are built
  npm run cli -- import enterprises FILE [--dry-run]
      the enterprise roster (.xlsx or .csv, docs/architecture.md), as an admin; --dry-run shows the plan only
  npm run cli -- report <weekly|monthly|quarterly> <period> [--district CODE] [--format pdf|xlsx|html|csv|json] [--out FILE]
      period: 2026-W48, 2026-11 or 2026-Q4; without --district, the whole deployment.
(On PGlite, stop the api first: the embedded database has one user at a time.)`;

const option = (args: string[], name: string): string | undefined =>
  args.includes(name) ? args[args.indexOf(name) + 1] : undefined;

/** A one-line progress bar on the terminal (plain lines when the output is not a terminal). */
function progressBar(unit: string): (done: number, total: number, label?: string) => void {
  const started = Date.now();
  return (done, total, label = '') => {
    const width = 30;
    const filled = Math.round((done / Math.max(total, 1)) * width);
    const line =
      `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${[unit, label].filter(Boolean).join(' ')}`.padEnd(
        90,
      );
    if (process.stdout.isTTY) process.stdout.write(`\r${line}`);
    else process.stdout.write(`${line.trimEnd()}\n`);
    if (done === total && process.stdout.isTTY) {
      process.stdout.write(`\r${line.trimEnd()} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    }
  };
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (!['demo-data', 'report', 'export-log', 'import-log', 'import'].includes(command ?? '')) {
    console.error(USAGE);
    process.exit(2);
  }
  // The CLI does its one job: the schedule stays with the api and worker processes.
  // Nor does it serve metrics: METRICS_PORT belongs to the long-running processes.
  const config = { ...loadConfig({ ...process.env, RUN_REPORT_SCHEDULER: 'false' }), metricsPort: undefined };
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
    // A start that fails (the embedded database in use by the service, say) ends with its message alone.
    logger: false,
    abortOnError: false,
  });
  app.useLogger(['error', 'warn']);
  try {
    if (command === 'demo-data') {
      const count = option(args, '--enterprises');
      const bar = progressBar('');
      await app.get(DemoDataLoader).load({ enterprises: count ? Number(count) : undefined, onProgress: bar });
      return;
    }
    if (command === 'export-log') {
      const out = option(args, '--out');
      if (!out) throw new Error('export-log needs --out FILE');
      await writeLogFile(app.get(EventStore), out);
      console.log(`The event log is written to ${out}`);
      return;
    }
    if (command === 'import-log') {
      await importLog(app, args[0], config.runProjections);
      return;
    }
    if (command === 'import') {
      await importEnterprises(app, args);
      return;
    }
    const [kind, period] = args;
    if (!kind || !REPORT_KINDS.includes(kind as ReportKind) || !period) {
      console.error(USAGE);
      process.exitCode = 2;
      return;
    }
    const format = option(args, '--format') ?? 'pdf';
    if (!['pdf', 'xlsx', 'html', 'csv', 'json'].includes(format)) throw new Error(`Unknown format ${format}`);
    const districtCode = option(args, '--district') ?? null;
    const bar = progressBar('steps');
    const report = await app
      .get(ReportService)
      .produce(
        { kind: kind as ReportKind, period, districtCode, trigger: 'cli', requestedBy: 'cli' },
        (step, done, total) => bar(done, total, step),
      );
    if (report.status !== 'done' || !report.content || !report.position) {
      throw new Error(`The report is ${report.status}${report.error ? `: ${report.error}` : ''}`);
    }
    const meta: ReportMeta = {
      id: report.id,
      position: report.position,
      variant: 'standard',
      generatedAt: (report.finishedAt ?? app.get<Clock>(CLOCK).now()).toISOString(),
    };
    const out = option(args, '--out') ?? `report-${report.kind}-${report.period}-${report.scope}.${format}`;
    const content =
      format === 'pdf'
        ? await renderPdf(report.content, meta)
        : format === 'xlsx'
          ? await renderXlsx(report.content, meta)
          : format === 'html'
            ? renderHtml(report.content, meta)
            : format === 'csv'
              ? renderCsv(report.content, meta)
              : JSON.stringify({ ...meta, report: report.content }, null, 2);
    writeFileSync(out, content);
    console.log(
      `Report ${report.id} (${report.kind} ${report.period}, ${report.scope}, log position ${report.position}) written to ${out}`,
    );
  } finally {
    await app.close();
  }
}

/** Loads a log file into the empty database, then waits while this process builds the read models from it. */
async function importLog(app: INestApplicationContext, file: string | undefined, buildsReadModels: boolean) {
  if (!file) throw new Error('import-log needs the FILE to load');
  const store = app.get(EventStore);
  const written = progressBar('events written');
  const imported = await store.importIntoEmptyLog(readLogFile(file), (done) => written(done, done));
  if (!imported) throw new Error('The database holds events already: import-log loads a log only into an empty one');
  console.log(`\nThe log is in (${imported.events} events, checksum checked).`);
  if (!buildsReadModels) {
    console.log('RUN_PROJECTIONS=false: the worker builds the read models; /health shows how far it is.');
    return;
  }
  const built = progressBar('events to apply');
  for (;;) {
    const statuses = await app.get(ProjectionAdmin).status();
    const failed = statuses.find((p) => p.status === 'failed');
    if (failed) throw new Error(`The read model ${failed.name} failed: ${failed.lastError?.message ?? 'see /health'}`);
    const behind = statuses.reduce((sum, p) => sum + p.lagEvents, 0);
    built(imported.events * statuses.length - behind, imported.events * statuses.length);
    if (behind === 0 && statuses.every((p) => p.status === 'running')) break;
    await sleep(500);
  }
  console.log('Every read model is built.');
}

/** The CLI acts as an admin: every district. */
const CLI_PRINCIPAL = { keyId: 'cli', name: '命令行', role: 'admin', scope: {} } as const;

/** Columns of a terminal: a CJK character takes two. */
const widthOf = (text: string) =>
  [...text].reduce(
    (sum, char) =>
      sum +
      (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(char)
        ? 2
        : 1),
    0,
  );
const padTo = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - widthOf(text)));

function printRefusals(refused: Refusal[]): void {
  const rows = [
    ['行', '列', '代码', '原因'],
    ...refused.map((r) => [
      String(r.row),
      r.column,
      r.code,
      r.value && !r.reason.includes(r.value) ? `${r.reason}（${r.value}）` : r.reason,
    ]),
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => widthOf(row[i]!))));
  for (const row of rows) console.log(row.map((cell, i) => (i < 3 ? padTo(cell, widths[i]!) : cell)).join('  '));
}

/** `import enterprises FILE [--dry-run]`: the roster from a spreadsheet, with a bar over the rows applied. */
async function importEnterprises(app: INestApplicationContext, args: string[]): Promise<void> {
  const [what, ...rest] = args;
  const file = rest.find((arg) => !arg.startsWith('--'));
  if (what !== 'enterprises' || !file) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const dryRun = rest.includes('--dry-run');
  const answer = await app.get(RosterImportService).import({
    content: readFileSync(file),
    fileName: basename(file),
    dryRun,
    principal: CLI_PRINCIPAL,
    now: app.get<Clock>(CLOCK).now(),
    onProgress: progressBar('rows applied'),
  });
  const changedFields = answer.change.reduce((sum, entry) => sum + entry.changes.length, 0);
  const [registered, changed] = dryRun ? ['to register', 'to change'] : ['registered', 'changed'];
  console.log(
    `${dryRun ? 'Plan (dry run: nothing written) for' : 'Imported'} ${answer.file.name}: ${answer.rows} rows; ` +
      `${answer.register.length} ${registered}, ${answer.change.length} ${changed} (${changedFields} fields), ` +
      `${answer.unchanged} unchanged, ${answer.refused.length} refused`,
  );
  if (answer.refused.length > 0) printRefusals(answer.refused);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
