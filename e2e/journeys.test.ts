import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiAs,
  CHROMIUM,
  consoleAs,
  ensureWebBuilt,
  launchBrowser,
  loginThroughForm,
  makeJpeg,
  PHONE,
  type RunningServer,
  SCREENSHOTS,
  screenshot,
  startServer,
  watchErrors,
} from './support/stack.js';

// A spot inside the demo grid 510402001001001 (东区 新华街社区第1网格).
const SPOT = { longitude: 101.7125, latitude: 26.5834 };
const T = 90_000;

interface CaseRow {
  id: string;
  caseNo: string;
  status: string;
  description: string;
}

describe.skipIf(!existsSync(CHROMIUM))('browser journeys (console + field app)', () => {
  let server: RunningServer;
  let browser: Browser;
  let journeyCase: { id: string; caseNo: string } | undefined;
  const metrics: Record<string, number> = {};

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startServer();
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (Object.keys(metrics).length)
      writeFileSync(join(SCREENSHOTS, 'metrics.json'), JSON.stringify(metrics, null, 2));
  });

  async function phone() {
    const context = await browser.newContext({ ...PHONE, baseURL: server.url, geolocation: SPOT });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto('/m');
    await loginThroughForm(page, 'jdy01');
    await page.getByTestId('submit-report').waitFor();
    return { context, page, errors };
  }

  async function chooseCategory(page: Page, search: string) {
    const picker = page.getByRole('combobox').first();
    await picker.click();
    await picker.fill(search);
    await page.locator('.ant-select-item-option', { hasText: search }).first().click();
  }

  async function act(page: Page, action: string, fill?: (page: Page) => Promise<void>) {
    await page.locator(`[data-action="${action}"]`).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    if (fill) await fill(page);
    await dialog.getByRole('button', { name: /^确认/ }).click();
    await page.locator('.ant-message-success').first().waitFor({ timeout: T });
    await dialog.waitFor({ state: 'detached', timeout: T });
  }

  async function openCase(page: Page, id: string) {
    await page.goto(`/cases/${id}`);
    await page.getByTestId('timeline').waitFor({ timeout: T });
  }

  it('a report from the phone runs the whole loop, each step by its own role', async () => {
    // 1. 监督员 reports on the phone with a photo.
    const collector = await phone();
    const photo = await makeJpeg(collector.context, '施工占道');
    await expect
      .poll(() => collector.page.getByTestId('position-text').textContent(), { timeout: T })
      .toContain('GPS');
    await collector.page
      .getByTestId('photo-report')
      .setInputFiles({ name: 'scene.jpg', mimeType: 'image/jpeg', buffer: photo });
    await chooseCategory(collector.page, '施工占道');
    await collector.page.getByLabel('问题描述').fill('新华街施工围挡占用人行道（端到端测试）');
    await screenshot(collector.page, 'field-report');
    await collector.page.getByTestId('submit-report').click();
    const sent = collector.page.locator('.ant-message-success', { hasText: '上报成功' });
    await sent.waitFor({ timeout: T });
    const caseNo = /案卷号 (\S+)/.exec((await sent.textContent()) ?? '')?.[1];
    expect(caseNo).toBeTruthy();
    const collectorApi = await apiAs(server.url, 'jdy01');
    const mine = await collectorApi<{ items: CaseRow[] }>(`/api/cases?caseNo=${caseNo}`);
    const found = mine.body.items[0];
    expect(found?.status).toBe('reported');
    journeyCase = { id: found?.id ?? '', caseNo: caseNo ?? '' };
    const id = journeyCase.id;
    expect(collector.errors).toEqual([]);

    // 2. 受理员 sees it in 待受理 on the home page and accepts it.
    const acceptor = await consoleAs(browser, server.url, 'slj01');
    const t0 = await acceptor.page.evaluate(() => performance.getEntriesByType('navigation')[0]?.toJSON());
    metrics.consoleLoadEventMs = Math.round(
      (t0 as { loadEventEnd?: number } | undefined)?.loadEventEnd ?? -1,
    );
    await acceptor.page
      .getByText(caseNo ?? '')
      .first()
      .waitFor({ timeout: T });
    await screenshot(acceptor.page, 'console-home-acceptor');
    await acceptor.page
      .getByText(caseNo ?? '')
      .first()
      .click();
    await acceptor.page.getByTestId('timeline').waitFor({ timeout: T });
    await act(acceptor.page, 'accept');

    // 3. 值班长 files it, with the category's filing standard on screen.
    const lead = await consoleAs(browser, server.url, 'zbz01');
    await lead.page.goto('/queues/to_file');
    await lead.page
      .getByText(caseNo ?? '')
      .first()
      .waitFor({ timeout: T });
    await screenshot(lead.page, 'console-queue-to-file');
    await openCase(lead.page, id);
    await act(lead.page, 'file', async (page) => {
      await expect
        .poll(() => page.getByTestId('filing-standard').textContent(), { timeout: T })
        .toContain('占用');
      await screenshot(page, 'console-file-modal');
    });

    // 4. 派遣员 dispatches to the suggested unit, seeing the deadline first.
    const dispatcher = await consoleAs(browser, server.url, 'pqy01');
    await openCase(dispatcher.page, id);
    await act(dispatcher.page, 'dispatch', async (page) => {
      await expect
        .poll(() => page.getByTestId('deadline-preview').textContent(), { timeout: T })
        .toMatch(/\d{4}-\d{2}-\d{2}/);
      await page.getByRole('dialog').getByText('市城市管理行政执法局').first().waitFor();
      await screenshot(page, 'console-dispatch-modal');
    });

    // 5. 处置单位 disposes with a photo.
    const unit = await consoleAs(browser, server.url, 'cgj01');
    await unit.page
      .getByText(caseNo ?? '')
      .first()
      .waitFor({ timeout: T });
    await screenshot(unit.page, 'console-home-unit');
    await openCase(unit.page, id);
    await act(unit.page, 'dispose', async (page) => {
      await page
        .getByRole('dialog')
        .locator('input[type=file]')
        .setInputFiles({
          name: 'fixed.jpg',
          mimeType: 'image/jpeg',
          buffer: await makeJpeg(unit.context, '已整改'),
        });
      await page.getByRole('dialog').getByLabel('处置情况说明').fill('已清理占道围挡，恢复通行');
    });

    // 6. 受理员 sends it for 核查 to the collector who reported it.
    await openCase(acceptor.page, id);
    await act(acceptor.page, 'request_check');

    // 7. 监督员 passes the check on the phone from the task list.
    await collector.page.goto('/m/tasks');
    await collector.page.getByText('核查任务').click();
    await collector.page
      .getByTestId('task-item')
      .filter({ hasText: caseNo ?? '' })
      .click();
    await screenshot(collector.page, 'field-task');
    await act(collector.page, 'check_pass');

    // 8. 值班长 closes it.
    await openCase(lead.page, id);
    await act(lead.page, 'close');
    await lead.page.reload();
    await lead.page.getByTestId('timeline').waitFor();
    const timeline = (await lead.page.getByTestId('timeline').textContent()) ?? '';
    for (const step of ['上报', '受理', '立案', '派遣', '处置反馈', '发送核查', '核查通过', '结案']) {
      expect(timeline).toContain(step);
    }
    await lead.page.setViewportSize({ width: 1366, height: 1400 });
    await screenshot(lead.page, 'console-case-closed');
    const final = await collectorApi<{ status: string; photos: unknown[] }>(`/api/cases/${id}`);
    expect(final.body.status).toBe('closed');
    expect(final.body.photos.length).toBe(2);

    for (const who of [acceptor, lead, dispatcher, unit]) expect(who.errors).toEqual([]);
    expect(collector.errors).toEqual([]);
    for (const who of [collector, acceptor, lead, dispatcher, unit]) await who.context.close();
  }, 240_000);

  it('a report made offline waits on the phone and is sent exactly once when back online', async () => {
    const collector = await phone();
    const photo = await makeJpeg(collector.context, '离线');
    await expect
      .poll(() => collector.page.getByTestId('position-text').textContent(), { timeout: T })
      .toContain('GPS');
    // Let the dictionary reach the phone's cache before the network goes.
    await collector.page.getByRole('combobox').first().click();
    await collector.page.locator('.ant-select-item-option').first().waitFor();
    await collector.page.keyboard.press('Escape');

    await collector.context.setOffline(true);
    await collector.page.getByTestId('offline-banner').waitFor();
    const description = `离线上报：垃圾满溢 ${Date.now()}`;
    await collector.page
      .getByTestId('photo-report')
      .setInputFiles({ name: 'offline.jpg', mimeType: 'image/jpeg', buffer: photo });
    await chooseCategory(collector.page, '暴露垃圾');
    await collector.page.getByLabel('问题描述').fill(description);
    await collector.page.getByTestId('submit-report').click();
    await expect
      .poll(() => collector.page.getByTestId('outbox-banner').textContent(), { timeout: T })
      .toContain('待发送 1 条');
    await collector.page.getByTestId('outbox-banner').click();
    await collector.page.getByTestId('outbox-list').waitFor();
    await screenshot(collector.page, 'field-outbox-offline');

    await collector.context.setOffline(false);
    // The page hears `online` and sends; a second nudge must not create a second case.
    await collector.page.evaluate(() => window.dispatchEvent(new Event('online')));
    await collector.page.getByTestId('outbox-banner').waitFor({ state: 'detached', timeout: T });

    const api = await apiAs(server.url, 'slj01');
    const list = await api<{ items: CaseRow[] }>('/api/cases?queue=to_accept&pageSize=200');
    const matches = list.body.items.filter((c: CaseRow) => c.description === description);
    expect(matches).toHaveLength(1);
    const detail = await api<{
      photos: unknown[];
      pendingPhotos: unknown[];
      timeline: { data: { photos?: { sha256: string }[] } }[];
    }>(`/api/cases/${matches[0]?.id}`);
    expect(detail.body.photos).toHaveLength(1);
    // The report declared its photo (digest made on the phone) and the upload answered it.
    expect(detail.body.timeline[0]?.data.photos?.[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(detail.body.pendingPhotos).toEqual([]);
    await collector.page.reload();
    await collector.page.getByTestId('my-reports').waitFor({ timeout: T });
    await screenshot(collector.page, 'field-mine');
    expect(collector.errors).toEqual([]);
    await collector.context.close();
  }, 120_000);

  it('a wrong-role user sees no actions and a forced request is refused', async () => {
    const acceptorApi = await apiAs(server.url, 'slj01');
    const created = await acceptorApi<{ id: string; version: number }>('/api/cases', {
      method: 'POST',
      body: JSON.stringify({
        kind: 'event',
        categoryCode: '0304',
        description: '角色测试',
        lng: SPOT.longitude,
        lat: SPOT.latitude,
        source: 'public',
      }),
    });
    expect(created.status).toBe(201);
    const { id, version } = created.body;

    // 派遣员 may not accept or file: the page shows no action buttons for a 待受理 case.
    const dispatcher = await consoleAs(browser, server.url, 'pqy01');
    await openCase(dispatcher.page, id);
    await dispatcher.page.getByTestId('case-actions').getByText('无可执行的操作').waitFor();
    expect(await dispatcher.page.locator('[data-action]').count()).toBe(0);
    const forced = await dispatcher.page.evaluate(
      async ({ id, version }: { id: string; version: number }) => {
        const res = await fetch(`/api/cases/${id}/transitions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ action: 'file', version }),
        });
        return { status: res.status, body: await res.json() };
      },
      { id, version },
    );
    expect(forced.status).toBe(403);
    expect(forced.body.error.message).toMatch(/[\u4e00-\u9fa5]/);

    // A unit does not even see a case that is not theirs.
    const unit = await consoleAs(browser, server.url, 'cgj01');
    await unit.page.goto(`/cases/${id}`);
    await unit.page.getByText('案卷不存在或您无权查看').waitFor({ timeout: T });
    const hidden = await unit.page.evaluate(
      async (id: string) => (await fetch(`/api/cases/${id}`)).status,
      id,
    );
    expect(hidden).toBe(404);
    // And the admin pages are not in a unit's console.
    await unit.page.goto('/admin/users');
    await unit.page.getByText('页面不存在').waitFor();
    expect(dispatcher.errors).toEqual([]);
    expect(unit.errors).toEqual([]);
    await dispatcher.context.close();
    await unit.context.close();
  }, 120_000);

  it('the leader dashboard and big screen draw the city figures', async () => {
    const leader = await consoleAs(browser, server.url, 'ld01', '/dashboard');
    await leader.page.getByTestId('month-reported').waitFor({ state: 'attached', timeout: T });
    const month = Number(await leader.page.getByTestId('month-reported').textContent());
    expect(month).toBeGreaterThanOrEqual(3);
    await expect.poll(() => leader.page.locator('canvas').count(), { timeout: T }).toBeGreaterThanOrEqual(4);
    await leader.page.getByText('各区县本月上报与超期').waitFor();
    await leader.page.waitForLoadState('networkidle');
    await screenshot(leader.page, 'console-dashboard');
    await leader.page.getByRole('button', { name: '全屏大屏' }).click();
    await leader.page.getByText('城市综合管理指挥中心').waitFor();
    await expect.poll(() => leader.page.locator('canvas').count(), { timeout: T }).toBeGreaterThanOrEqual(4);
    await leader.page.getByText('热力').click();
    await leader.page.setViewportSize({ width: 1920, height: 1080 });
    await leader.page.waitForLoadState('networkidle');
    await screenshot(leader.page, 'console-bigscreen');
    await leader.page.setViewportSize({ width: 1366, height: 768 });
    await leader.page.goto('/statistics');
    await leader.page.getByText('按期处置率').waitFor({ timeout: T });
    await screenshot(leader.page, 'console-statistics');
    expect(leader.errors).toEqual([]);
    await leader.context.close();
  }, 120_000);

  it('the admin pages load with their dictionaries (screenshots)', async () => {
    const admin = await consoleAs(browser, server.url, 'admin');
    for (const [path, text, name] of [
      ['/admin/users', 'jdy01', 'admin-users'],
      ['/admin/units', '市城市管理行政执法局', 'admin-units'],
      ['/admin/categories', '私搭乱建', 'admin-categories'],
      ['/admin/calendar', '调休上班', 'admin-calendar'],
      ['/admin/grids', '510402001001001', 'admin-grids'],
    ] as const) {
      await admin.page.goto(path);
      await admin.page.getByText(text).first().waitFor({ timeout: T });
      await screenshot(admin.page, name);
    }
    // Inline validation from the API: a time limit out of range is refused in Chinese.
    await admin.page.goto('/admin/categories');
    await admin.page
      .getByRole('button', { name: /编\s*辑/ })
      .first()
      .click();
    const dialog = admin.page.getByRole('dialog');
    const amount = dialog.getByRole('spinbutton').nth(4);
    await amount.fill('0');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.getByRole('alert').waitFor({ timeout: T });
    expect(await dialog.getByRole('alert').textContent()).toContain('时限');
    await screenshot(admin.page, 'admin-category-error');
    expect(admin.errors).toEqual([]);
    await admin.context.close();
  }, 120_000);

  it('a logged-out visitor gets the login page at any console or field address', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, baseURL: server.url });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto('/queues/to_accept');
    await page.getByRole('button', { name: /登\s*录/ }).waitFor();
    await screenshot(page, 'console-login');
    await page.goto('/m/tasks');
    await page.getByText('城管通').first().waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
