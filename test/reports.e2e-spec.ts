import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { DIAGNOSTIC_STREAM, diagnosticStreamId } from '#libs/diagnostics';
import { ENTERPRISE_STREAM, enterpriseStreamId, withUsccCheckCharacter } from '#libs/enterprises';
import type { NewEvent } from '#libs/event-store';
import { ProjectionEngine } from '#libs/projections';
import { PROJECT_STREAM, projectStreamId } from '#libs/projects';
import { ReportRepository, ReportService } from '#libs/reporting';
import { anEventMetadata } from '#libs/testing';
import { ADMIN_TOKEN, createTestApp, type TestApp } from './support/test-app.js';

const E1 = withUsccCheckCharacter('91520900MA6R00001');
const E2 = withUsccCheckCharacter('91520900MA6R00002');
const E3 = withUsccCheckCharacter('91520115MA6R00003');
const D1 = '0b9e7f5e-8c1a-4c55-9d55-2f0d4e0c0001';
const P1 = '0b9e7f5e-8c1a-4c55-9d55-2f0d4e0c0101';
const at = (iso: string) => new Date(iso);

const registered = (uscc: string, parkId: string, districtCode: string, industryCode: string, above = true) => ({
  type: 'EnterpriseRegistered',
  data: {
    uscc,
    name: `企业${uscc.slice(-3)}`,
    industryCode,
    districtCode,
    parkId,
    aboveDesignatedSize: above,
    statYear: 2026,
  },
  occurredAt: at('2026-09-01T02:00:00Z'),
});

describe('Progress reports (HTTP)', () => {
  let t: TestApp;
  const tokens: Record<string, string> = { admin: ADMIN_TOKEN };
  let reportId: string;

  const as = (who: string) => ({
    get: (path: string) => t.http().get(path).set('Authorization', `Bearer ${tokens[who]}`),
    post: (path: string, body: object) => t.http().post(path).set('Authorization', `Bearer ${tokens[who]}`).send(body),
  });
  const append = (streamId: string, streamType: string, events: NewEvent[]) =>
    t.store.append(streamId, streamType, events, { expectedVersion: 'any', metadata: anEventMetadata() });
  /**
   * Makes the log look recorded as things happened: what the service would have held at the time. (The log
   * is append-only; the test lifts its guard for this one rewrite.)
   */
  const recordAsOccurred = async () => {
    await sql`alter table events disable trigger user`.execute(t.database.db);
    await sql`update events set recorded_at = occurred_at`.execute(t.database.db);
    await sql`alter table events enable trigger user`.execute(t.database.db);
  };
  const project = () => t.app.get(ProjectionEngine).drain();

  beforeAll(async () => {
    t = await createTestApp({ env: { RUN_PROJECTIONS: 'false', RUN_REPORT_SCHEDULER: 'false' } });
    tokens['guiAn'] = await t.tokenFor('officer', { districtCodes: ['520900'] });
    tokens['guanShanHu'] = await t.tokenFor('viewer', { districtCodes: ['520115'] });
    tokens['enterprise'] = await t.tokenFor('enterprise', { enterpriseId: E1 });

    await append(enterpriseStreamId(E1), ENTERPRISE_STREAM, [registered(E1, 'gaxq-dz', '520900', 'C3911')]);
    await append(enterpriseStreamId(E2), ENTERPRISE_STREAM, [registered(E2, 'gaxq-zb', '520900', 'C38')]);
    await append(enterpriseStreamId(E3), ENTERPRISE_STREAM, [registered(E3, 'gsh-gy', '520115', 'C39')]);
    const october = (day: number) => at(`2026-10-${String(day).padStart(2, '0')}T03:00:00Z`);
    await append(diagnosticStreamId(D1), DIAGNOSTIC_STREAM, [
      {
        type: 'DiagnosticScheduled',
        data: {
          diagnosticId: D1,
          enterpriseId: E1,
          districtCode: '520900',
          campaignId: '2026',
          kind: 'periodic',
          scoringModelId: 'miit-2024',
          scoringModelVersion: '2024.1',
          plannedDate: '2026-10-05',
          dueDate: '2026-10-20',
        },
        occurredAt: october(1),
      },
      { type: 'DiagnosticAssigned', data: { providerId: 'p-1', assessorIds: ['as-1'] }, occurredAt: october(2) },
      {
        type: 'OnSiteSurveyConducted',
        data: { date: '2026-10-06', participants: [], evidenceIds: [] },
        occurredAt: october(6),
      },
      { type: 'ScenarioLevelRated', data: { scenarioCode: 'S01', level: 3, evidenceIds: [] }, occurredAt: october(7) },
      { type: 'DiagnosticSubmittedForReview', data: { submittedBy: 'as-1' }, occurredAt: october(8) },
      { type: 'DiagnosticApproved', data: { approverId: 'k' }, occurredAt: october(9) },
      {
        type: 'MaturityLevelDetermined',
        data: {
          modelId: 'miit-2024',
          modelVersion: '2024.1',
          dimensionScores: {},
          baseScore: 72.5,
          level: 3,
          ruleTrace: [],
        },
        occurredAt: october(9),
      },
      { type: 'ReportIssued', data: { reportVersion: 1, docHash: 'h', uri: 'u' }, occurredAt: october(10) },
    ]);
    await append(projectStreamId(P1), PROJECT_STREAM, [
      {
        type: 'ProjectProposed',
        data: {
          projectId: P1,
          enterpriseId: E1,
          districtCode: '520900',
          type: 'digital_workshop',
          name: '电子装配数字化车间',
          scenarios: ['S07'],
          sourceRecIds: [],
          plannedBudget: 500,
        },
        occurredAt: october(12),
      },
      {
        type: 'MilestonePlanned',
        data: { id: 'm-1', name: '设备联网', due: '2026-10-25', mandatory: true },
        occurredAt: october(12),
      },
    ]);
    await recordAsOccurred();
    await project();
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('should produce the monthly report of a district from the events recorded by the end of the month', async () => {
    const created = await as('guiAn').post('/v1/reports', {
      kind: 'monthly',
      period: '2026-10',
      districtCode: '520900',
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), status: 'done' });
    expect(created.headers['location']).toBe(`/v1/reports/${created.body.id}`);
    reportId = created.body.id;

    const again = await as('guiAn').post('/v1/reports', { kind: 'monthly', period: '2026-10', districtCode: '520900' });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(reportId);

    const report = await as('guiAn').get(`/v1/reports/${reportId}`).expect(200);
    expect(report.body).toMatchObject({ kind: 'monthly', period: '2026-10', districtCode: '520900', status: 'done' });
    expect(report.body.position).toEqual(expect.any(String));
    expect(report.body.report.headline).toEqual({
      aboveSizeFirms: 2,
      coverageEver: 0.5,
      coverage12m: 0.5,
      shareAtLevel2Plus: 0.5,
      projects: 1,
      acceptedProjects: 0,
    });
    const byPark = report.body.report.sections.find((s: { key: string }) => s.key === 'coverage_by_park');
    expect(byPark.rows).toEqual([
      {
        park: 'gaxq-dz',
        name: '贵安电子信息产业园',
        firms: 1,
        diagnosedEver: 1,
        coverageEver: 1,
        diagnosed12m: 1,
        coverage12m: 1,
      },
      {
        park: 'gaxq-zb',
        name: '贵安高端装备产业园',
        firms: 1,
        diagnosedEver: 0,
        coverageEver: 0,
        diagnosed12m: 0,
        coverage12m: 0,
      },
      { park: 'total', name: '合计', firms: 2, diagnosedEver: 1, coverageEver: 0.5, diagnosed12m: 1, coverage12m: 0.5 },
    ]);
  });

  it('should refuse a period that has not ended, a malformed period, and a scope outside the key', async () => {
    const open = await as('guiAn').post('/v1/reports', {
      kind: 'monthly',
      period: `${new Date().getUTCFullYear() + 1}-01`,
      districtCode: '520900',
    });
    expect(open.status).toBe(422);
    expect(open.body.type).toBe('/problems/period_not_ended');
    const bad = await as('guiAn').post('/v1/reports', { kind: 'weekly', period: '2026-11', districtCode: '520900' });
    expect(bad.status).toBe(400);
    await as('guiAn').post('/v1/reports', { kind: 'monthly', period: '2026-10', districtCode: '520115' }).expect(403);
    await as('guiAn').post('/v1/reports', { kind: 'monthly', period: '2026-10' }).expect(403);
    await as('guanShanHu')
      .post('/v1/reports', { kind: 'monthly', period: '2026-10', districtCode: '520115' })
      .expect(403);
    await as('enterprise').get('/v1/reports').expect(403);
    await as('guiAn')
      .post('/v1/reports', { kind: 'monthly', period: '2026-10', districtCode: '520900', x: 1 })
      .expect(400);
  });

  it('should list reports within the scope and hide the others', async () => {
    const mine = await as('guiAn').get('/v1/reports?kind=monthly').expect(200);
    expect(mine.body.items.map((r: { id: string }) => r.id)).toEqual([reportId]);
    const theirs = await as('guanShanHu').get('/v1/reports').expect(200);
    expect(theirs.body.items).toEqual([]);
    await as('guanShanHu').get(`/v1/reports/${reportId}`).expect(404);
    const all = await as('admin').get('/v1/reports?period=2026-10').expect(200);
    expect(all.body.items).toHaveLength(1);
  });

  it('should give the same numbers when run again after later entries, and show them in the restatement', async () => {
    // A correction that happened in October, entered in November: the October report stands as it was.
    await append(diagnosticStreamId(D1), DIAGNOSTIC_STREAM, [
      {
        type: 'ScoreCorrected',
        data: {
          target: 'F4',
          targetKind: 'indicator',
          old: 8,
          new: 0,
          reason: '复核',
          requestedBy: 'k',
          approvedBy: 'k2',
        },
        occurredAt: at('2026-10-20T03:00:00Z'),
      },
      {
        type: 'MaturityLevelRecomputed',
        data: {
          modelId: 'miit-2024',
          modelVersion: '2024.1',
          dimensionScores: {},
          baseScore: 64.5,
          level: 1,
          ruleTrace: [],
          old: 3,
          new: 1,
          causedBy: 'ScoreCorrected',
        },
        occurredAt: at('2026-10-20T03:00:00Z'),
      },
    ]);
    await project();
    const stored = await as('guiAn').get(`/v1/reports/${reportId}`).expect(200);
    const service = t.app.get(ReportService);
    const rerun = await service.recompute((await t.app.get(ReportRepository).find(reportId))!);
    expect(rerun).toEqual(stored.body.report);

    const restated = await as('guiAn').get(`/v1/reports/${reportId}/restatement`).expect(200);
    expect(restated.body.variant).toBe('restated');
    expect(restated.body.originalPosition).toBe(stored.body.position);
    expect(restated.body.position).not.toBe(stored.body.position);
    expect(restated.body.report.headline.shareAtLevel2Plus).toBe(0);
    expect(restated.body.changes).toContainEqual({
      section: 'headline',
      row: null,
      column: 'shareAtLevel2Plus',
      from: 0.5,
      to: 0,
    });
  });

  it('should download CSV with a BOM, HTML with SVG charts, and a PDF whose text holds the Chinese park names', async () => {
    const csv = await as('guiAn').get(`/v1/reports/${reportId}/download?format=csv`).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.text.slice(1).split('\r\n');
    const header = lines.indexOf('园区编号,园区,规上企业,累计已诊断,累计覆盖率,12个月内已诊断,12个月覆盖率');
    expect(header).toBeGreaterThan(0);
    expect(lines[header + 1]).toBe('gaxq-dz,贵安电子信息产业园,1,1,1,1,1');

    const html = await as('guiAn').get(`/v1/reports/${reportId}/download?format=html`).expect(200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.text).toMatch(/^<!doctype html>/);
    expect(html.text.match(/<svg /g)?.length).toBe(3);
    expect(html.text).toContain('贵安高端装备产业园');

    const pdf = await as('guiAn')
      .get(`/v1/reports/${reportId}/download?format=pdf`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const bytes = pdf.body as Buffer;
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    mkdirSync('test/artifacts', { recursive: true });
    writeFileSync('test/artifacts/report-monthly.pdf', bytes);
    if (existsSync('/usr/bin/pdftotext')) {
      const textOf = execFileSync('pdftotext', ['-layout', 'test/artifacts/report-monthly.pdf', '-'], {
        encoding: 'utf8',
      });
      expect(textOf).toContain('贵安电子信息产业园');
      expect(textOf).toContain('贵安新区智改数转进度月报（2026-10）');
      expect(textOf).toMatch(/生成时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）/);
      // Names, not codes: stages, the total row and the GB/T 4754 industry divisions (types: the golden spec).
      for (const words of ['申报', '合计', '电气机械和器材制造业']) {
        expect(textOf).toContain(words);
      }
      for (const code of ['proposed', 'digital_workshop', 'total', '日志位置 ', 'T0']) {
        expect(textOf.split('注：')[0]).not.toContain(code);
      }
      // The log position only in the footnote, for whoever checks the figures.
      expect(textOf).toMatch(
        /注：数据为截至 \d{4}-\d{2}-\d{2} 日终已记录的事件。核对时请引用报告编号 \S+（日志位置 \d+-\d+）/,
      );
      // No page ends with a section heading: a heading is followed on its page by its table or chart.
      for (const page of textOf.split('\f')) {
        const last = page.trimEnd().split('\n').at(-1) ?? '';
        expect(last).not.toMatch(/^\s*[^\s].*（按|^\s*预算执行|^\s*成熟度等级分布/);
      }
    } else {
      if (process.env['CI'])
        throw new Error('CI must check the PDF text, but pdftotext is missing (apt-get install poppler-utils)');
      console.warn('SKIPPED: the PDF text check needs pdftotext (apt-get install poppler-utils)');
    }
    const restated = await as('guiAn').get(`/v1/reports/${reportId}/download?format=csv&variant=restated`).expect(200);
    expect(restated.text).toContain('口径：重述');
    expect(restated.text).toContain('# 重述变动');
    expect(restated.text).toContain('概要,,二级及以上占比由 50.0% 变为 0.0%');
    await as('guiAn').get(`/v1/reports/${reportId}/download?format=docx`).expect(400);
  });

  it('should download an Excel workbook: a cover, a sheet per section, numbers as numbers', async () => {
    const asBuffer = (path: string) =>
      as('guiAn')
        .get(path)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
    const load = async (bytes: Buffer) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(bytes as never);
      return workbook;
    };
    const textOf = (sheet: ExcelJS.Worksheet) =>
      sheet
        .getSheetValues()
        .flat()
        .filter((v) => v !== undefined && v !== null)
        .map(String);
    type Json = { key: string; title: string; columns: { key: string; label: string; format?: string }[] };

    const stored = (await as('guiAn').get(`/v1/reports/${reportId}`).expect(200)).body;
    const sections: Json[] = stored.report.sections;
    const xlsx = await asBuffer(`/v1/reports/${reportId}/download?format=xlsx`);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename="report-monthly-2026-10-520900.xlsx"');
    const bytes = xlsx.body as Buffer;
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    mkdirSync('test/artifacts', { recursive: true });
    writeFileSync('test/artifacts/report-monthly.xlsx', bytes);
    const workbook = await load(bytes);

    // The cover: title, period, scope, generation time, headline in Chinese, the footnote with the log position.
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['封面', ...sections.map((s) => s.title)]);
    const cover = textOf(workbook.worksheets[0]!);
    expect(cover[0]).toBe('贵安新区智改数转进度月报（2026-10）');
    expect(cover).toContain('统计期：2026-10-01 至 2026-10-31（2026-10）');
    expect(cover).toContain('范围：贵安新区');
    expect(cover.some((t) => /^生成时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）$/.test(t))).toBe(true);
    expect(cover).toEqual(expect.arrayContaining(['规上企业', '累计诊断覆盖率', '二级及以上占比', '改造项目']));
    expect(cover.some((t) => t.includes(`核对时请引用报告编号 ${reportId}（日志位置 ${stored.position}）`))).toBe(true);

    // A sheet per section with the CSV's columns (codes included), the Chinese labels as a bold frozen header.
    for (const section of sections) {
      const sheet = workbook.getWorksheet(section.title)!;
      expect(sheet.getRow(1).values).toEqual([
        undefined,
        ...section.columns.map((c) => (c.format === 'money' ? `${c.label}（万元）` : c.label)),
      ]);
      expect(sheet.getRow(1).font?.bold).toBe(true);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    }
    const byPark = workbook.getWorksheet('诊断覆盖率（按园区）')!;
    expect(byPark.getRow(1).values).toEqual([
      undefined,
      '园区编号',
      '园区',
      '规上企业',
      '累计已诊断',
      '累计覆盖率',
      '12个月内已诊断',
      '12个月覆盖率',
    ]);
    const total = byPark.getRow(4);
    expect(total.getCell(2).value).toBe('合计');
    expect(typeof total.getCell(3).value).toBe('number');
    expect(total.getCell(3).value).toBe(2);
    expect(total.getCell(5).value).toBe(0.5);
    expect(total.getCell(5).numFmt).toContain('%');
    const budget = workbook.getWorksheet('预算执行（已签约对比已批准，万元）')!;
    const budgetJson = stored.report.sections.find((s: Json) => s.key === 'budget');
    const approved = budgetJson.columns.findIndex((c: Json['columns'][number]) => c.key === 'approved') + 1;
    expect(budget.getRow(1).getCell(approved).value).toBe('批准预算（万元）');
    const money = budget.getRow(2).getCell(approved);
    expect(typeof money.value).toBe('number');
    expect(money.value).toBe(Math.round(budgetJson.rows[0].approved / 100) / 100);
    expect(money.numFmt).toContain('0.00');

    // The restatement: its own file name, the 重述 wording, and the changes as the first section.
    const restated = await asBuffer(`/v1/reports/${reportId}/download?format=xlsx&variant=restated`);
    expect(restated.headers['content-disposition']).toBe(
      'attachment; filename="report-monthly-2026-10-520900-restated.xlsx"',
    );
    const again = await load(restated.body as Buffer);
    expect(again.worksheets[1]!.name).toBe('重述变动（期末之后补录、发生在本期内的记录所改变的数字）');
    expect(textOf(again.worksheets[0]!)).toEqual(
      expect.arrayContaining(['口径：重述，含期末之后补录、发生在本期内的记录']),
    );
    expect(textOf(again.worksheets[1]!)).toContain('二级及以上占比由 50.0% 变为 0.0%');
  });

  it('should produce weekly and quarterly reports with their own sections', async () => {
    const weekly = await as('guiAn').post('/v1/reports', {
      kind: 'weekly',
      period: '2026-W43',
      districtCode: '520900',
    });
    expect(weekly.status).toBe(201);
    const body = (await as('guiAn').get(`/v1/reports/${weekly.body.id}`).expect(200)).body.report;
    expect(body.sections.map((s: { key: string }) => s.key)).toEqual([
      'surveys',
      'pending_review',
      'corrections_disputes',
      'milestones',
    ]);
    const milestones = body.sections.find((s: { key: string }) => s.key === 'milestones');
    // 2026-W43 ends on Monday 26 October: the milestone due on the 25th is overdue by one day.
    expect(milestones.rows).toEqual([expect.objectContaining({ milestone: '设备联网', status: '逾期', ageDays: 1 })]);

    const quarterly = await as('admin').post('/v1/reports', { kind: 'quarterly', period: '2026-Q3' });
    expect(quarterly.status).toBe(201);
    const q = (await as('admin').get(`/v1/reports/${quarterly.body.id}`).expect(200)).body.report;
    expect(q.scopeName).toBe('全域');
    expect(q.headline.aboveSizeFirms).toBe(3);
    expect(q.headline.coverageEver).toBe(0);

    // Three reports, newest period first, one page at a time.
    const seen: string[] = [];
    for (let cursor = ''; ;) {
      const page = await as('admin').get(`/v1/reports?limit=1${cursor}`).expect(200);
      seen.push(...page.body.items.map((r: { period: string }) => r.period));
      if (!page.body.nextCursor) break;
      cursor = `&cursor=${page.body.nextCursor}`;
    }
    expect(seen).toEqual(['2026-W43', '2026-10', '2026-Q3']);
    await as('admin').get('/v1/reports?cursor=nonsense').expect(400);
  });

  it('should answer 202 while a report waits for the read models, and 202 again to the same request', async () => {
    // An event the read models have not yet seen: the report waits for them to reach the log's head.
    await append(enterpriseStreamId(E2), ENTERPRISE_STREAM, [
      { type: 'EnterpriseMovedToPark', data: { from: 'gaxq-zb', to: 'gaxq-dz', effectiveFrom: '2026-11-20' } },
    ]);
    const body = { kind: 'monthly', period: '2026-09', districtCode: '520900' };
    const first = await as('guiAn').post('/v1/reports', body);
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ id: expect.any(String), status: 'running' });
    const second = await as('guiAn').post('/v1/reports', body);
    expect(second.status).toBe(202);
    expect(second.body.id).toBe(first.body.id);
    await as('guiAn').get(`/v1/reports/${first.body.id}/download?format=csv`).expect(409);

    await project();
    let status = 'running';
    for (let tries = 0; status === 'running' && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = (await as('guiAn').get(`/v1/reports/${first.body.id}`).expect(200)).body.status;
    }
    expect(status).toBe('done');
  });
});
