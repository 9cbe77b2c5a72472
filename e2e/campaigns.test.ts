import { existsSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
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
  screenshot,
  startServer,
  watchErrors,
} from './support/stack.js';

// 专项行动 across both apps: a shift lead creates the zebra-crossing campaign in the console, a
// collector adds an entry on the phone (/m) with a photo and GPS, the console lists it with its
// district count, and the Excel export downloads a workbook that reads back with the entry.

// A spot inside the demo grid 510402001001001 (东区 新华街社区第1网格).
const SPOT = { longitude: 101.7125, latitude: 26.5834 };
const T = 90_000;
const PLATE = '川D7E2E9';
const PLACE = '东区炳草岗大街人民街路口（端到端测试）';

const shanghaiDate = (offsetDays: number) =>
  new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe.skipIf(!existsSync(CHROMIUM))('campaigns (console + field app)', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startServer();
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a collector’s entry on the phone shows in the console and in the Excel export', async () => {
    // 1. 值班长 creates the campaign with the zebra-crossing template.
    const lead = await consoleAs(browser, server.url, 'zbz01', '/campaigns');
    await lead.page.getByRole('button', { name: '新建专项行动' }).click();
    const dialog = lead.page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByLabel('行动名称', { exact: true }).fill('斑马线秩序持续监督行动');
    await dialog.getByPlaceholder('开始日期').click();
    await dialog.getByPlaceholder('开始日期').fill(shanghaiDate(-1));
    await dialog.getByPlaceholder('开始日期').press('Enter');
    await dialog.getByPlaceholder('结束日期').fill(shanghaiDate(30));
    await dialog.getByPlaceholder('结束日期').press('Enter');
    await dialog.getByRole('button', { name: /斑马线模板/ }).click();
    await screenshot(lead.page, 'console-campaign-create');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await lead.page.locator('.ant-message-success', { hasText: '已新建专项行动' }).waitFor({ timeout: T });
    await dialog.waitFor({ state: 'detached', timeout: T });
    const leadApi = await apiAs(server.url, 'zbz01');
    const created = await leadApi<{ items: { id: string; name: string; fields: { key: string }[] }[] }>(
      '/api/field/campaigns',
    );
    const campaign = created.body.items.find((c) => c.name === '斑马线秩序持续监督行动');
    expect(campaign?.fields.map((f) => f.key)).toEqual(['time', 'place', 'plate']);

    // 2. 监督员 adds an entry on the phone: the running campaign, place, plate, photo, GPS.
    const context = await browser.newContext({ ...PHONE, baseURL: server.url, geolocation: SPOT });
    const phone = await context.newPage();
    const phoneErrors = watchErrors(phone);
    await phone.goto('/m');
    await loginThroughForm(phone, 'jdy01');
    await phone.getByTestId('tab-campaigns').click();
    await phone.getByTestId('campaign-entry-form').waitFor({ timeout: T });
    await expect
      .poll(() => phone.getByTestId('campaign-position').textContent(), { timeout: T })
      .toContain('GPS');
    await phone.getByLabel('地点').fill(PLACE);
    await phone.getByLabel('车牌').fill(PLATE);
    await phone
      .getByTestId('campaign-photo')
      .setInputFiles({ name: 'car.jpg', mimeType: 'image/jpeg', buffer: await makeJpeg(context, PLATE) });
    await screenshot(phone, 'field-campaign-entry');
    await phone.getByTestId('submit-campaign-entry').click();
    await phone.locator('.ant-message-success', { hasText: '采集成功' }).waitFor({ timeout: T });
    expect(phoneErrors).toEqual([]);

    // 3. The console lists it (东区, one photo) and counts it by district.
    await lead.page.reload();
    const table = lead.page.getByTestId('campaign-entries');
    await table.getByText(PLATE).waitFor({ timeout: T });
    const row = table.locator('tr', { hasText: PLATE });
    await expect.poll(() => row.textContent()).toContain(PLACE);
    await expect.poll(() => row.textContent()).toContain('东区');
    await expect
      .poll(() => lead.page.getByTestId('campaign-district-counts').textContent())
      .toContain('东区');
    await screenshot(lead.page, 'console-campaign-entries');

    // 4. The export downloads an .xlsx with the entry.
    const [download] = await Promise.all([
      lead.page.waitForEvent('download', { timeout: T }),
      lead.page.getByTestId('campaign-export').click(),
    ]);
    expect(download.suggestedFilename()).toBe('斑马线秩序持续监督行动.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).values).toEqual([
      undefined,
      '序号',
      '时间',
      '地点',
      '车牌',
      '区县',
      '采集时间',
      '典型',
    ]);
    expect(sheet?.rowCount).toBe(2);
    const values = sheet?.getRow(2).values as unknown[];
    expect(values.slice(3, 6)).toEqual([PLACE, PLATE, '东区']);

    // 5. The 文明城市测评 view answers too (the demo city has no tagged categories yet).
    await lead.page.getByRole('tab', { name: '文明城市测评' }).click();
    await lead.page.getByText('管理员尚未设置测评类别').waitFor({ timeout: T });
    expect(lead.errors).toEqual([]);
    await context.close();
    await lead.context.close();
  }, 300_000);
});
