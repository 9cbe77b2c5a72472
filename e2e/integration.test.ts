import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiAs,
  CHROMIUM,
  consoleAs,
  ensureWebBuilt,
  launchBrowser,
  type RunningServer,
  screenshot,
  startServer,
} from './support/stack.js';

// 开放接口 in the console: the admin issues an Open311 API key (shown once), revokes it, finds a
// dead-lettered webhook delivery and replays it. Webhook targets on 127.0.0.1 are allowed only
// because this server is started with CITYLOOP_WEBHOOK_ALLOW_HOSTS=127.0.0.1.

const T = 90_000;
// A spot inside the demo grid 510402001001001 (东区 新华街社区第1网格).
const SPOT = { lng: 101.7125, lat: 26.5834 };

/** A port on 127.0.0.1 that nothing listens on: every delivery attempt is refused. */
async function closedPort(): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => ok(port));
    });
  });
}

async function postUpdate(base: string, key: string) {
  const response = await fetch(`${base}/open311/v2/servicerequestupdates.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      api_key: key,
      service_request_id: 'E20190101000000',
      update_id: 'e2e-1',
      status: 'OPEN',
      updated_datetime: '2019-07-09T10:00:00+08:00',
      description: '测试',
    }).toString(),
  });
  return response.status;
}

describe.skipIf(!existsSync(CHROMIUM))('开放接口 (console)', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startServer({ env: { CITYLOOP_WEBHOOK_ALLOW_HOSTS: '127.0.0.1' } });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Opens a page from the 开放接口 menu and waits until its own card is on screen. */
  async function openFromMenu(page: Page, label: string, path: string, title: string) {
    await page.locator('.ant-menu-item', { hasText: label }).first().click();
    await page.waitForURL(`**${path}`, { timeout: T });
    await page.locator('.ant-card-head-title', { hasText: new RegExp(`^${title}$`) }).waitFor({ timeout: T });
    // The menu sits low in the sider: bring the page's top back into view for the screenshots.
    await page.evaluate(() => window.scrollTo(0, 0));
  }

  it('admin issues an API key (shown once), it works, then revokes it', async () => {
    const admin = await consoleAs(browser, server.url, 'admin');
    await openFromMenu(admin.page, 'Open311 密钥', '/integration/keys', 'Open311 API 密钥');
    await admin.page.getByRole('button', { name: /发\s*放\s*密\s*钥/ }).click();
    const dialog = admin.page.getByRole('dialog');
    await dialog.getByLabel('使用方名称').fill('FixMyStreet 端到端');
    await dialog.getByRole('button', { name: /^发\s*放$/ }).click();

    const shown = admin.page.getByTestId('issued-api-key');
    await shown.waitFor({ timeout: T });
    const key = (await shown.textContent())?.trim() ?? '';
    expect(key).toMatch(/^cl_[A-Za-z0-9_-]{20,}$/);
    await screenshot(admin.page, 'integration-key-shown-once');
    // The key is accepted (the request id is unknown → 404, not 403).
    expect(await postUpdate(server.url, key)).toBe(404);
    await admin.page.getByRole('button', { name: '我已妥善保存' }).click();
    await shown.waitFor({ state: 'detached', timeout: T });

    const row = admin.page.locator('.ant-table-row', { hasText: 'FixMyStreet 端到端' });
    await row.waitFor({ timeout: T });
    await expect.poll(() => row.textContent()).toContain('每分钟 60 次');
    expect(await row.textContent()).toContain(key.slice(0, 7));
    expect(await admin.page.content()).not.toContain(key);

    await row.getByRole('button', { name: /吊\s*销/ }).click();
    await admin.page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /吊\s*销/ })
      .click();
    // The row's state is what lasts; the 3-second success toast can come and go unseen on a
    // loaded machine (a CI run timed out waiting for it).
    await expect.poll(() => row.textContent(), { timeout: T }).toContain('已吊销');
    expect(await postUpdate(server.url, key)).toBe(403);
    await screenshot(admin.page, 'integration-keys');
    expect(admin.errors).toEqual([]);
    await admin.context.close();
  }, 240_000);

  it('a dead-lettered delivery is listed with its attempts and error; replay puts it back in the queue', async () => {
    const api = await apiAs(server.url, 'admin');
    const port = await closedPort();
    const created = await api<{ id: string }>('/api/integration/webhooks', {
      method: 'POST',
      body: JSON.stringify({
        name: '旧区平台',
        url: `http://127.0.0.1:${port}/hook`,
        eventTypes: ['case.filed'],
      }),
    });
    expect(created.status).toBe(201);

    // A case is reported and filed: the outbox holds a case.filed delivery for the subscription.
    const collector = await apiAs(server.url, 'jdy01');
    const reported = await collector<{ id: string; caseNo: string }>('/api/cases', {
      method: 'POST',
      body: JSON.stringify({
        kind: 'event',
        categoryCode: '0102',
        description: '开放接口端到端：暴露垃圾',
        lng: SPOT.lng,
        lat: SPOT.lat,
      }),
    });
    expect(reported.status).toBe(201);
    const lead = await apiAs(server.url, 'zbz01');
    const current = await lead<{ version: number }>(`/api/cases/${reported.body.id}`);
    const filed = await lead(`/api/cases/${reported.body.id}/transitions`, {
      method: 'POST',
      body: JSON.stringify({ action: 'file', version: current.body.version }),
    });
    expect(filed.status).toBe(200);
    // The receiver is gone for good: the admin disables the subscription in the console, and
    // the worker moves what is still pending to the dead letters on its next pass.
    const admin = await consoleAs(browser, server.url, 'admin');
    await openFromMenu(admin.page, 'Webhook 订阅', '/integration/webhooks', 'Webhook 订阅');
    const subscription = admin.page.locator('.ant-table-row', { hasText: '旧区平台' });
    await subscription.waitFor({ timeout: T });
    expect(await subscription.textContent()).toContain('立案');
    await subscription.getByRole('button', { name: /停\s*用/ }).click();
    await admin.page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /停\s*用/ })
      .click();
    await admin.page.locator('.ant-message-success', { hasText: '订阅已停用' }).waitFor({ timeout: T });
    await expect.poll(() => subscription.textContent(), { timeout: T }).toContain('已停用');
    await screenshot(admin.page, 'integration-webhooks');
    await expect
      .poll(
        async () => (await api<{ total: number }>('/api/integration/deliveries?status=dead')).body.total,
        { timeout: T, interval: 2000 },
      )
      .toBe(1);

    await openFromMenu(admin.page, '死信', '/integration/dead-letters', '死信');
    const row = admin.page.locator('.ant-table-row', { hasText: '旧区平台' });
    await row.waitFor({ timeout: T });
    expect(await row.textContent()).toContain(reported.body.caseNo);
    expect(await row.textContent()).toContain('死信');
    expect(await row.textContent()).toContain('订阅已停用');
    await screenshot(admin.page, 'integration-dead-letters');

    await row.getByRole('button', { name: /重\s*发/ }).click();
    await admin.page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /重\s*发/ })
      .click();
    // The row leaving the list is what lasts (the success toast can come and go unseen on a
    // loaded machine).
    await row.waitFor({ state: 'detached', timeout: T });

    // Back in the queue: the delivery log lists it (the worker will judge it again on its next pass).
    await openFromMenu(admin.page, '投递记录', '/integration/deliveries', '投递记录');
    await admin.page.locator('.ant-table-row', { hasText: '旧区平台' }).waitFor({ timeout: T });
    await screenshot(admin.page, 'integration-deliveries');
    await admin.page.setViewportSize({ width: 390, height: 844 });
    await screenshot(admin.page, 'integration-deliveries-phone');
    expect(admin.errors).toEqual([]);
    await admin.context.close();
  }, 240_000);
});
