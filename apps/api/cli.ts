import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { CLOCK, type Clock } from '#libs/clock';
import { loadConfig } from '#libs/config';
import { DemoDataLoader } from '#libs/demo-data';
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
import { AppModule } from './app.module.js';

const USAGE = `Usage:
  npm run cli -- demo-data [--enterprises N]
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
  if (command !== 'demo-data' && command !== 'report') {
    console.error(USAGE);
    process.exit(2);
  }
  // The CLI does its one job: the schedule stays with the api and worker processes.
  const config = loadConfig({ ...process.env, RUN_REPORT_SCHEDULER: 'false' });
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

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
