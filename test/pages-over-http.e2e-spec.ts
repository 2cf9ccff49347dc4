import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext } from 'playwright-core';
import { chromiumOrSkip, launchChromium } from './support/browser.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** A name that is not localhost (so no browser treats it as a secure context), mapped to loopback. */
const HOST = 'tracker.example';
const haveChromium = chromiumOrSkip('the pages-over-HTTP browser test');

describe('Security headers and the transport the service is served over', () => {
  it('should send neither upgrade-insecure-requests nor HSTS by default (plain HTTP)', async () => {
    const t = await createTestApp();
    try {
      for (const path of ['/docs', '/audit', '/health']) {
        const response = await t.http().get(path).expect(200);
        expect(response.headers['content-security-policy']).toBeDefined();
        expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
        expect(response.headers['strict-transport-security']).toBeUndefined();
      }
    } finally {
      await t.close();
    }
  });

  it('should send both when told it is served over HTTPS (SERVED_OVER_HTTPS=true)', async () => {
    const t = await createTestApp({ env: { SERVED_OVER_HTTPS: 'true' } });
    try {
      const response = await t.http().get('/audit').expect(200);
      expect(response.headers['content-security-policy']).toContain('upgrade-insecure-requests');
      expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    } finally {
      await t.close();
    }
  });
});

/** The docs and the audit page opened by a browser as http://<a host name>:<port>, as on a server without TLS. */
(haveChromium ? describe : describe.skip)('The pages over plain HTTP in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp();
    const server = await t.app.listen(0, '127.0.0.1');
    base = `http://${HOST}:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium(HOST);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Traffic goes to the service on loopback only: anything for another host is refused.
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === HOST) return route.continue();
      return route.abort();
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('should render the Swagger UI of /docs', async () => {
    const page = await context.newPage();
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(request.url()));
    await page.goto(`${base}/docs`);

    await page.locator('.swagger-ui .info .title').filter({ hasText: 'progress tracker' }).waitFor({ timeout: 15_000 });
    await page.locator('.swagger-ui .opblock').first().waitFor({ timeout: 15_000 });
    expect(failed.filter((url) => url.startsWith('https:'))).toEqual([]);
    await page.close();
  });

  it("should apply the audit page's stylesheet and run its script", async () => {
    const page = await context.newPage();
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(request.url()));
    await page.goto(`${base}/audit`);

    // The script fills in the token state (it is empty in the HTML); the stylesheet lays out the header.
    await page.locator('#token-state').filter({ hasText: /\S/ }).waitFor({ timeout: 15_000 });
    const style = (selector: string, property: string) =>
      page.evaluate<string>(`getComputedStyle(document.querySelector('${selector}')).${property}`);
    expect(await style('header', 'display')).toBe('flex');
    expect(await style('body', 'maxWidth')).toBe('1152px');
    expect(failed).toEqual([]);
    await page.close();
  });
});
