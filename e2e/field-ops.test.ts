import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiAs,
  CHROMIUM,
  consoleAs,
  DEMO_PASSWORD,
  ensureWebBuilt,
  launchBrowser,
  makeJpeg,
  type RunningServer,
  screenshot,
  startServer,
} from './support/stack.js';

// 外业管理 in the console: a collector's day drawn from GPS sent over the API, a parts import
// with a rejected row, machine detections with their duplicate flag, and the pages closed to
// roles without rights.

// Inside the demo grid 510402001001001 (东区 新华街社区第1网格).
const SPOT = { lng: 101.7125, lat: 26.5834 };
const GRID = '510402001001001';
const T = 90_000;
const HOUR = 3_600_000;

const shanghaiDay = (at: number) => new Date(at + 8 * HOUR).toISOString().slice(0, 10);

/** A session cookie for multipart posts (apiAs always sends JSON). */
async function sessionToken(base: string, login: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: DEMO_PASSWORD }),
  });
  return ((await res.json()) as { token: string }).token;
}

describe.skipIf(!existsSync(CHROMIUM))('外业管理 pages (collectors, parts, video/drone)', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startServer();
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('GPS sent for a collector shows as a track with its coverage on the collector-day view', async () => {
    const lead = await apiAs(server.url, 'zbz01');
    const found = await lead<{ items: { userId: string }[] }>('/api/field/collectors?q=jdy01');
    const userId = found.body.items[0]?.userId ?? '';
    expect(userId).not.toBe('');
    // A 300 m patrol route east from the spot, on the collector's grid and device.
    const route = [
      [SPOT.lng, SPOT.lat],
      [SPOT.lng + 0.003, SPOT.lat],
    ];
    const assignedAt = Date.now();
    const profile = await lead(`/api/field/collectors/${userId}`, {
      method: 'PUT',
      body: JSON.stringify({
        company: '攀枝花城信采集公司',
        contractPackage: '第一合同包',
        deviceId: 'PAD-E2E-01',
        route,
        gridCodes: [GRID],
      }),
    });
    expect(profile.status).toBe(200);

    // 21 fixes 10 s apart walking the first ~200 m, ending a minute ago (kept within one
    // Beijing day: just after midnight, the walk is put at the end of the day before).
    let end = Date.now() - 60_000;
    if (shanghaiDay(end - 250_000) !== shanghaiDay(end)) {
      end = Date.parse(`${shanghaiDay(end)}T00:00:00+08:00`) - 60_000;
    }
    const points = Array.from({ length: 21 }, (_, i) => ({
      t: new Date(end - (20 - i) * 10_000).toISOString(),
      lng: SPOT.lng + i * 0.0001,
      lat: SPOT.lat,
      accuracy: 6,
    }));
    const day = shanghaiDay(end);
    const shifts = await lead(`/api/field/collectors/${userId}/shifts`, {
      method: 'POST',
      body: JSON.stringify({
        shifts: [
          {
            startsAt: new Date(end - 2 * HOUR).toISOString(),
            endsAt: new Date(end + 2 * HOUR).toISOString(),
          },
        ],
      }),
    });
    expect(shifts.status).toBe(201);
    const collector = await apiAs(server.url, 'jdy01');
    const sent = await collector<{ stored: number }>('/api/field/positions', {
      method: 'POST',
      body: JSON.stringify({ deviceId: 'PAD-E2E-01', batchId: `e2e-${end}`, points }),
    });
    expect(sent.status).toBe(200);
    expect(sent.body.stored).toBe(21);
    const report = await lead<{ coverage: { coverage: number } }>(
      `/api/field/collectors/${userId}/day?day=${day}`,
    );
    const coverage = `${(report.body.coverage.coverage * 100).toFixed(1)}%`;
    expect(report.body.coverage.coverage).toBeGreaterThan(0.5);

    // The shift lead finds the collector in 监督员管理 and opens the day.
    const { page, errors, context } = await consoleAs(browser, server.url, 'zbz01', '/field/collectors');
    await page.getByText('外业管理').waitFor();
    const row = page.getByTestId('collectors-table').locator('tr', { hasText: 'jdy01' });
    await row.getByText('PAD-E2E-01').waitFor({ timeout: T });
    await expect.poll(() => row.textContent()).toContain(GRID);
    await screenshot(page, 'field-collectors');
    await row.getByRole('button', { name: /轨\s*迹/ }).click();
    await page.waitForURL(/\/field\/track\?user=/);
    if (!page.url().includes(`day=${day}`)) await page.goto(`/field/track?user=${userId}&day=${day}`);
    await expect
      .poll(() => page.getByTestId('track-legend').textContent(), { timeout: T })
      .toContain('轨迹 21 个定位点');
    expect(await page.getByTestId('track-legend').textContent()).toContain('巡查路线');
    // A day counts the grids assigned by its midday (a reassignment during the day counts from
    // the next): the grid set just now is on the map only if this run began before noon. The
    // grids come in their own request, so the legend may show the track first.
    const gridsThatDay = assignedAt < Date.parse(`${day}T12:00:00+08:00`) ? 1 : 0;
    await expect
      .poll(() => page.getByTestId('track-legend').textContent(), { timeout: T })
      .toContain(`责任网格 ${gridsThatDay} 个`);
    await expect
      .poll(() => page.getByTestId('metric-coverage').textContent(), { timeout: T })
      .toContain(coverage);
    expect(await page.getByTestId('metric-distance').textContent()).toMatch(/\d+ 米/);
    expect(await page.getByTestId('metric-discarded').textContent()).toContain('0 个');
    expect(await page.locator('.geo-map canvas').count()).toBeGreaterThan(0);
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'field-collector-day');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('metric-coverage').scrollIntoViewIfNeeded();
    await screenshot(page, 'field-collector-day-phone');
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it('a parts CSV with one bad row imports the good rows and reports the bad one with its reason', async () => {
    const csv = [
      '部件标识码,部件名称,状态,经度,纬度,养护单位',
      `5104020101990001,上水井盖,完好,${SPOT.lng},${SPOT.lat},市城市管理行政执法局`,
      `5104020101990002,上水井盖,破损,${SPOT.lng + 0.0001},${SPOT.lat},`,
      `5104020101990003,上水井盖,坏了,${SPOT.lng + 0.0002},${SPOT.lat},`,
      `5104020101990004,上水井盖,完好,${SPOT.lng - 0.0001},${SPOT.lat},`,
    ].join('\n');
    const { page, errors, context } = await consoleAs(browser, server.url, 'zbz01', '/field/parts');
    await page.getByRole('tab', { name: '部件导入' }).click();
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: '部件普查.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    const report = page.getByTestId('import-report');
    await report.waitFor({ timeout: T });
    expect(await report.textContent()).toContain('共 4 条，导入 3 条，拒绝 1 条');
    const rejected = page.getByTestId('rejected-table');
    const text = (await rejected.textContent()) ?? '';
    expect(text).toContain('第 4 行'); // the header is line 1
    expect(text).toContain('5104020101990003');
    expect(text).toContain('状态');
    expect(text).toContain('状态须为 完好/破损/丢失/废弃/移除：坏了');
    await screenshot(page, 'field-parts-import');

    // The inventory lists them; a part opens with its names.
    await page.getByRole('tab', { name: '部件台账' }).click();
    const table = page.getByTestId('parts-table');
    await table.getByText('5104020101990001').waitFor({ timeout: T });
    await expect
      .poll(() => page.getByTestId('parts-map-count').textContent(), { timeout: T })
      .toContain('视野内 3 个部件');
    await screenshot(page, 'field-parts');
    await table.getByText('5104020101990001').click();
    const detail = page.getByTestId('part-detail');
    await detail.waitFor({ timeout: T });
    await expect.poll(() => detail.textContent()).toContain('市城市管理行政执法局');
    expect(await detail.textContent()).toContain(GRID);
    await screenshot(page, 'field-part-detail');
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('video and drone detections list their camera or flight and link a duplicate to its open case', async () => {
    const token = await sessionToken(server.url, 'slj01');
    const detect = async (source: 'video' | 'drone', deviceId: string, lng: number, minutesAgo: number) => {
      const form = new FormData();
      form.set('deviceId', deviceId);
      form.set('categoryCode', '0102');
      form.set('lng', String(lng));
      form.set('lat', String(SPOT.lat));
      form.set('capturedAt', new Date(Date.now() - minutesAgo * 60_000).toISOString());
      const context = await browser.newContext();
      form.set(
        'frame',
        new Blob([new Uint8Array(await makeJpeg(context, deviceId))], { type: 'image/jpeg' }),
        'f.jpg',
      );
      await context.close();
      const res = await fetch(`${server.url}/api/intake/${source}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
      expect(res.status).toBeLessThan(300);
      return (await res.json()) as { duplicate: boolean; caseNo?: string; caseId: string };
    };
    const filed = await detect('video', 'CAM-E2E-0451', SPOT.lng, 20);
    expect(filed.duplicate).toBe(false);
    const repeated = await detect('drone', 'FLIGHT-E2E-01', SPOT.lng + 0.0001, 10);
    expect(repeated).toMatchObject({ duplicate: true, caseId: filed.caseId });

    const { page, errors, context } = await consoleAs(browser, server.url, 'slj01', '/field/intakes');
    const table = page.getByTestId('intakes-table');
    const duplicateRow = table.locator('tr', { hasText: 'FLIGHT-E2E-01' });
    await duplicateRow.waitFor({ timeout: T });
    const rowText = (await duplicateRow.textContent()) ?? '';
    expect(rowText).toContain('无人机');
    expect(rowText).toContain('航班 FLIGHT-E2E-01');
    expect(rowText).toContain('疑似重复');
    expect(rowText).toContain(filed.caseNo ?? '');
    expect(await table.locator('tr', { hasText: 'CAM-E2E-0451' }).textContent()).toContain(
      '摄像头 CAM-E2E-0451',
    );
    await page.locator('.ant-spin-blur').waitFor({ state: 'detached', timeout: T });
    await page.waitForTimeout(500); // the table's fade-in after loading, for the picture only
    await screenshot(page, 'field-intakes');
    await duplicateRow.getByRole('link', { name: filed.caseNo ?? '' }).click();
    await page.waitForURL(new RegExp(`/cases/${filed.caseId}`));
    await page.getByTestId('timeline').waitFor({ timeout: T });
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('a role without rights sees no 外业管理 menu and its forced requests are refused', async () => {
    const unit = await consoleAs(browser, server.url, 'cgj01');
    await unit.page.getByTestId('current-user').waitFor();
    expect(await unit.page.locator('.console-sider').textContent()).not.toContain('外业管理');
    await unit.page.goto('/field/collectors');
    await unit.page.getByText('页面不存在').waitFor({ timeout: T });
    const forced = await unit.page.evaluate(async () => {
      const list = await fetch('/api/field/collectors');
      const intakes = await fetch('/api/field/intakes');
      const parts = await fetch('/api/field/parts/import', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ format: 'csv', content: 'code\n1' }),
      });
      return { list: list.status, intakes: intakes.status, parts: parts.status, body: await list.json() };
    });
    expect(forced).toMatchObject({ list: 403, intakes: 403, parts: 403 });
    expect(forced.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    await screenshot(unit.page, 'field-unit-refused');
    expect(unit.errors).toEqual([]);
    await unit.context.close();

    // 受理员 reads the inventory but neither imports nor edits collectors.
    const acceptor = await consoleAs(browser, server.url, 'slj01', '/field/parts');
    await acceptor.page.getByRole('tab', { name: '部件台账' }).waitFor({ timeout: T });
    expect(await acceptor.page.getByRole('tab', { name: '部件导入' }).count()).toBe(0);
    const refused = await acceptor.page.evaluate(async () => {
      const res = await fetch('/api/field/parts/import', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ format: 'csv', content: 'code\n1' }),
      });
      return res.status;
    });
    expect(refused).toBe(403);
    await acceptor.page.goto('/field/collectors');
    await acceptor.page.getByTestId('collectors-table').getByText('jdy01').waitFor({ timeout: T });
    expect(await acceptor.page.getByRole('button', { name: /编\s*辑/ }).count()).toBe(0);
    expect(acceptor.errors).toEqual([]);
    await acceptor.context.close();
  }, 120_000);
});
