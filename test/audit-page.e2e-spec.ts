import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { DemoDataLoader } from '#libs/demo-data';
import { encodeLogPosition } from '#libs/event-store';
import { chromiumOrSkip, launchChromium } from './support/browser.js';
import { ADMIN_TOKEN, createTestApp, type TestApp } from './support/test-app.js';

const ARTIFACTS = 'test/artifacts';
const PAGE_DIRECTORY = 'apps/api/audit/page';
const haveChromium = chromiumOrSkip('the audit page browser test');

/** The audit-history page in a real headless Chromium, driven like a person would, on the demo data. */
(haveChromium ? describe : describe.skip)('The audit-history page in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;
  let corrected: { diagnosticId: string; uscc: string; name: string; districtCode: string };
  let officer: { id: string; token: string };
  let outsider: string;

  const api = (path: string, token = ADMIN_TOKEN) => t.http().get(path).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(DemoDataLoader).load({ enterprises: 30 });
    const head = encodeLogPosition((await t.store.head())!);
    // The page reads the read models; let them catch up with the demo data first.
    await api('/v1/enterprises?limit=1').set('X-Min-Position', head).expect(200);
    const correction = await api('/v1/audit?type=ScoreCorrected&limit=1').set('X-Min-Position', head).expect(200);
    const diagnosticId: string = correction.body.items[0].aggregateId;
    const diagnostic = await api(`/v1/diagnostics/${diagnosticId}`).expect(200);
    const enterprise = await api(`/v1/enterprises/${diagnostic.body.enterpriseId}`).expect(200);
    corrected = {
      diagnosticId,
      uscc: enterprise.body.uscc,
      name: enterprise.body.name,
      districtCode: enterprise.body.districtCode,
    };
    officer = await t.keyFor('officer', { districtCodes: [corrected.districtCode] });
    outsider = await t.tokenFor('officer', { districtCodes: ['110101'] });

    const server = await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const useToken = async (token: string) => {
    await page.getByLabel('API 令牌（仅保存在本标签页）').fill(token);
    await page.getByRole('button', { name: '使用此令牌' }).click();
    await page.locator('#token-state').filter({ hasText: '已设置令牌。' }).waitFor();
  };

  it('should find the enterprise, show the correction with old and new values and the actor, and the state as of it', async () => {
    await page.goto(`${base}/audit`);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.getByRole('heading', { level: 1, name: '审计追溯 · 一企一档' }).waitFor();
    // Every control is labelled, so a screen reader names it.
    const unlabelled = await page.evaluate<string[]>(
      '[...document.querySelectorAll("input, select")].filter((c) => !c.labels?.length).map((c) => c.id)',
    );
    expect(unlabelled).toEqual([]);

    await useToken(officer.token);
    expect(await page.evaluate<string | null>("sessionStorage.getItem('tracker.audit.token')")).toBe(officer.token);
    // Search by a part of the name, then by the USCC, with the keyboard.
    const searchBox = page.getByLabel('统一社会信用代码、企业名称或编号');
    const result = page.getByRole('button', { name: `${corrected.name} · ${corrected.uscc}` });
    await searchBox.fill(corrected.name.slice(-6));
    await page.keyboard.press('Enter');
    await result.waitFor();
    await searchBox.fill(corrected.uscc.toLowerCase());
    await page.keyboard.press('Enter');
    await page.locator('#status').filter({ hasText: '找到 1 家企业。' }).waitFor();
    await result.focus();
    await page.keyboard.press('Enter');
    await page
      .locator('#status')
      .filter({ hasText: `已打开 ${corrected.name} 的档案。` })
      .waitFor();
    await expect(page.locator('#profile').textContent()).resolves.toContain(corrected.uscc);
    // The enterprise's own timeline opens with the dossier.
    await page.locator('section.object.enterprises li[data-type="EnterpriseRegistered"]').waitFor();

    const diagnostic = page.locator(`section.object.diagnostics[data-id="${corrected.diagnosticId}"]`);
    await diagnostic.getByRole('button', { name: '显示时间线' }).click();
    const correction = diagnostic.locator('li[data-type="ScoreCorrected"]');
    await correction.waitFor();
    const correctionText = (await correction.textContent())!;
    expect(correctionText).toContain('评分更正');
    expect(correctionText).toContain('F4');
    expect(correctionText).toContain('数据采集证据复核不足');
    expect(await correction.locator('.actor').textContent()).toContain('demo-data');
    const scoreRow = correction.locator('table.changes tbody tr').filter({ hasText: 'F4' }).first();
    const [oldValue, newValue] = await Promise.all([
      scoreRow.locator('td.old').textContent(),
      scoreRow.locator('td.new').textContent(),
    ]);
    expect(newValue).toBe('0');
    expect(Number(oldValue)).toBeGreaterThan(0);
    // The level it moved is an entry of the same command, with its own old → new.
    const recomputed = diagnostic.locator('li[data-type="MaturityLevelRecomputed"]');
    await expect(recomputed.getAttribute('class')).resolves.toContain('grouped');
    expect(await recomputed.locator('.summary').textContent()).toMatch(/^成熟度等级重新计算：L[0-4] → L[0-4]$/);
    const scoreChange = recomputed.locator('table.changes tbody tr').filter({ hasText: '基础分' });
    expect(await scoreChange.locator('td.old').textContent()).not.toBe(
      await scoreChange.locator('td.new').textContent(),
    );

    // The state as of the correction: the corrected indicator already at 0.
    await correction.getByRole('button', { name: '查看此时状态' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.getByRole('heading').textContent()).toMatch(/第 \d+ 版时的状态/);
    const stateText = (await dialog.locator('tbody').textContent())!;
    expect(stateText).toContain('F4');
    // It opens at its top, and shows times in Beijing time and codes by their names.
    expect(await page.evaluate<number>("document.querySelector('#asof').scrollTop")).toBe(0);
    expect(stateText).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    expect(stateText).not.toMatch(/\b(scheduled|report_issued|periodic|pre_retrofit)\b/);
    mkdirSync(ARTIFACTS, { recursive: true });
    await dialog.screenshot({ path: `${ARTIFACTS}/audit-page-as-of.png` });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await correction.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/audit-page.png` });
    // What an official reads: names, not codes or the internals of the page.
    // The text of every leaf element of the page's main part, hidden ones too (the browser's own DOM types are
    // not in this project's compiler settings: the function is given as text, as the test's other evaluations).
    const shown = await page.evaluate<string>(
      "[...document.querySelectorAll('main *')].filter((e) => e.childElementCount === 0).map((e) => e.textContent).join('\\n')",
    );
    expect(shown).not.toContain('[object');
    // A provider by its name, not its USCC.
    const assigned = page.locator('table.changes th[title="providerId"]').first();
    const provider = (await assigned.locator('xpath=..').locator('td.new').textContent())!;
    expect(provider).not.toMatch(/^[0-9A-Z]{18}$/);
    expect(provider).toMatch(/有限公司|研究院|中心/);
    expect(shown).not.toMatch(/\b(points|result|scenarioLevels)\.[A-Za-z0-9]/); // field paths by their names
    expect(shown).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    expect(shown).not.toMatch(/\b(scheduled|report_issued|digital_workshop|smart_factory|proposed|active)\b/);
    expect(shown).not.toMatch(/诊断 [0-9a-f]{8}-/); // a diagnostic is titled by its kind and date, not its id
    expect(await page.locator('#profile').innerText()).toMatch(/贵安新区|观山湖区/);

    // A filter narrows the timelines to one event type.
    await page.getByLabel('事件类型').selectOption('ScoreCorrected');
    expect(await diagnostic.locator('li.entry').count()).toBe(1);
    await page.getByLabel('事件类型').selectOption('');

    // An export downloads the diagnostic's history as CSV with a BOM.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      diagnostic.getByRole('button', { name: '导出 CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`diagnostics-${corrected.diagnosticId}-history.csv`);
  });

  it('should switch to English and keep the token and the language for the tab', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit history · enterprise dossier' }).waitFor();
    await page.reload();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('#token-state').textContent()).toBe('A token is set.');
    await page.getByRole('button', { name: '中文' }).click();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
  });

  it('should show an officer of another district nothing of the enterprise, in the page or the API', async () => {
    await page.goto(`${base}/audit`);
    await useToken(outsider);
    await page.getByLabel('统一社会信用代码、企业名称或编号').fill(corrected.uscc);
    await page.getByRole('button', { name: '查找' }).click();
    await page.locator('#status').filter({ hasText: '没有找到可查看的企业。' }).waitFor();
    expect(await page.locator('#results li').count()).toBe(0);
    expect(await page.locator('#dossier').isHidden()).toBe(true);

    await api(`/v1/enterprises/${corrected.uscc}`, outsider).expect(404);
    await api(`/v1/diagnostics/${corrected.diagnosticId}/history`, outsider).expect(404);
    await api(`/v1/diagnostics/${corrected.diagnosticId}?version=1`, outsider).expect(404);
    const audit = await api(`/v1/audit?aggregateId=${corrected.diagnosticId}`, outsider).expect(200);
    expect(audit.body.items).toEqual([]);
  });

  it('should serve the page without a token and nothing else under /audit', async () => {
    const html = await t.http().get('/audit').expect(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.headers['content-security-policy']).toContain("script-src 'self'");
    await t
      .http()
      .get('/audit/audit-page.js')
      .expect(200)
      .expect('Content-Type', /javascript/);
    await t.http().get('/audit/package.json').expect(404);
  });

  it("should serve every module of the page's script as JavaScript, and no file by a path", async () => {
    const modules = readdirSync(PAGE_DIRECTORY).filter((name) => name.endsWith('.js'));
    expect(modules).toContain('audit-page.js');
    // The label catalogue is made by the server from its own, as a module of the page.
    const labels = await t.http().get('/audit/labels.js').expect(200);
    expect(labels.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(labels.text).toContain('"ScoreCorrected":{"zh":"评分更正","en":"Score corrected"}');
    for (const name of modules) {
      const response = await t.http().get(`/audit/${name}`).expect(200);
      expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(response.text).toBe(readFileSync(join(PAGE_DIRECTORY, name), 'utf8'));
    }
    for (const path of [
      '/audit/..%2faudit-page.controller.ts',
      '/audit/%2e%2e%2f%2e%2e%2fmain.ts',
      '/audit/page%2fdom.js',
      '/audit/..%5caudit.controller.ts',
      '/audit/dom.js%00.css',
      '/audit/__proto__',
      '/audit/constructor',
    ])
      await t.http().get(path).expect(404);
  });
});
