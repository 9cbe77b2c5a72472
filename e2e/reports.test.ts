import { existsSync, readFileSync } from 'node:fs';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM,
  consoleAs,
  ensureWebBuilt,
  launchBrowser,
  makeJpeg,
  type RunningServer,
  screenshot,
  startServer,
} from './support/stack.js';

// The console's 考核统计 pages beyond the figures: 通报编辑 (the bulletin's text, its preview and
// downloads) and 外包考核 (the contractors' monthly checklist and inspectors' findings).
const T = 90_000;

/** "本月扣款12,300元" → 12300; "本月基本达标" → 0. */
function deductionOf(text: string): number {
  const match = /本月扣款([\d,.]+)元/.exec(text);
  return match ? Number(match[1]?.replaceAll(',', '')) : 0;
}

async function conclusion(page: Page): Promise<string> {
  const node = page.getByTestId('assessment-conclusion');
  await expect
    .poll(async () => (await node.textContent()) ?? '', { timeout: T })
    .toMatch(/本月(扣款|基本达标)/);
  return (await node.textContent()) ?? '';
}

describe.skipIf(!existsSync(CHROMIUM))('reports: bulletin editing and contractors’ assessment', () => {
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

  it('staff write a 工作动态 block, see it in the preview and find it in the downloaded Word file', async () => {
    const lead = await consoleAs(browser, server.url, 'zbz01');
    const { page } = lead;
    await page.getByRole('menuitem', { name: '通报编辑' }).click();
    await page.getByTestId('section-work_news').waitFor({ timeout: T });

    const title = `全市垃圾处理设施监管信息平台推进会（${Date.now() % 100000}）`;
    const body = '市数字化城市联动指挥中心组织召开推进会。\n会议对下一步工作提出明确要求。';
    const write = async (heading: string, text: string) => {
      await page.getByTestId('add-block-work_news').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('标题（可空）').fill(heading);
      await dialog.getByLabel('正文').fill(text);
      await dialog.getByLabel('供稿单位（可空）').fill('指挥中心');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.waitFor({ state: 'detached', timeout: T });
    };
    await write('热线回复制度', '中心对热线实施主动电话回复制度。');
    await write(title, body);
    const blocks = page.getByTestId('section-work_news').getByTestId('block-item');
    await expect.poll(() => blocks.count(), { timeout: T }).toBe(2);

    // The new block goes first: one step up.
    await blocks.nth(1).getByRole('button', { name: '上移' }).click();
    await expect
      .poll(async () => (await blocks.first().textContent()) ?? '', { timeout: T })
      .toContain(title);

    // A photo with its caption.
    await blocks
      .first()
      .getByRole('button', { name: /添加照片/ })
      .click();
    const photoDialog = page.getByRole('dialog');
    await photoDialog.locator('input[type=file]').setInputFiles({
      name: 'meeting.jpg',
      mimeType: 'image/jpeg',
      buffer: await makeJpeg(lead.context, '推进会'),
    });
    await photoDialog.getByLabel('图片说明（可空）').fill('会议现场');
    await photoDialog.getByRole('button', { name: /上\s*传/ }).click();
    await photoDialog.waitFor({ state: 'detached', timeout: T });
    const thumbnail = blocks.first().getByRole('img', { name: '会议现场' });
    await thumbnail.waitFor({ timeout: T });
    await expect
      .poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), {
        timeout: T,
      })
      .toBe(true);
    await screenshot(page, 'reports-bulletin-editor');

    // The preview is the server's rendering: the block is there, before the other one.
    await page.getByRole('tab', { name: '通报预览' }).click();
    const preview = page.frameLocator('[data-testid="bulletin-preview"]');
    await preview.getByText(title).waitFor({ timeout: T });
    await preview.getByText('会议对下一步工作提出明确要求。').waitFor();
    const previewText = (await preview.locator('body').textContent()) ?? '';
    expect(previewText.indexOf(title)).toBeLessThan(previewText.indexOf('热线回复制度'));
    expect(previewText).toContain('（供稿：指挥中心）');
    expect(await preview.locator('img[alt="会议现场"]').count()).toBe(1);
    await screenshot(page, 'reports-bulletin-preview');

    // The Word file carries the same text (and the photo).
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: T }),
      page.getByTestId('download-docx').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^bulletin-\d{4}-\d{2}\.docx$/);
    const zip = await JSZip.loadAsync(readFileSync(await download.path()));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('工作动态');
    expect(text).toContain(title);
    expect(text).toContain('会议对下一步工作提出明确要求。');
    expect(Object.keys(zip.files).some((f) => f.startsWith('word/media/'))).toBe(true);

    // A phone-sized screen still works.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('tab', { name: '文字与照片' }).click();
    await blocks.first().waitFor();
    await screenshot(page, 'reports-bulletin-editor-phone');
    expect(lead.errors).toEqual([]);
    await lead.context.close();
  }, 240_000);

  it('an inspector enters a finding with evidence and the month’s deduction grows by its amount', async () => {
    const lead = await consoleAs(browser, server.url, 'zbz01');
    const { page } = lead;
    await page.getByRole('menuitem', { name: '外包考核' }).click();
    // The first contract is 第一合同包's 信息采集 checklist: 25 indicators.
    await page.getByTestId('result-C25').waitFor({ timeout: T });
    expect(await page.locator('[data-testid^="result-C"]').count()).toBe(25);
    // Computed indicators are read-only; inspected ones take entries.
    expect(await page.getByTestId('enter-C01').count()).toBe(0);
    await page.getByTestId('enter-C06').waitFor();
    const before = await conclusion(page);
    const totalBefore = deductionOf(before);
    await page.getByTestId('contract-select').scrollIntoViewIfNeeded();
    await screenshot(page, 'reports-vendor-assessment');

    // C06 案件漏报: 500元 a time; the inspector found two.
    await page.getByTestId('enter-C06').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/发现次数/).fill('2');
    await dialog.getByLabel('检查依据与证据').fill('中心日常检查：炳草岗大街两处井盖破损未上报');
    await dialog.locator('input[type=file]').setInputFiles({
      name: 'manhole.jpg',
      mimeType: 'image/jpeg',
      buffer: await makeJpeg(lead.context, '井盖'),
    });
    await expect
      .poll(async () => (await dialog.getByTestId('deduction-estimate').textContent()) ?? '')
      .toContain('1,000元');
    await screenshot(page, 'reports-vendor-inspection');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'detached', timeout: T });

    await expect
      .poll(async () => deductionOf(await conclusion(page)), { timeout: T })
      .toBe(totalBefore + 1000);
    expect(await page.getByTestId('deduction-C06').textContent()).toBe('1,000元');
    expect(await page.getByTestId('result-C06').textContent()).toContain('扣款1000元');
    // The finding is listed with its evidence photo.
    await page.getByText('中心日常检查：炳草岗大街两处井盖破损未上报').waitFor();
    await page.getByRole('img', { name: '证据照片' }).first().waitFor({ timeout: T });
    await page.getByTestId('contract-select').scrollIntoViewIfNeeded();
    await screenshot(page, 'reports-vendor-assessment-after');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('assessment-conclusion').scrollIntoViewIfNeeded();
    await screenshot(page, 'reports-vendor-assessment-phone');
    await page.setViewportSize({ width: 1366, height: 768 });

    // Withdrawn again, the total goes back.
    await page
      .getByRole('button', { name: /撤\s*销/ })
      .first()
      .click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /撤\s*销/ })
      .click();
    await expect.poll(async () => deductionOf(await conclusion(page)), { timeout: T }).toBe(totalBefore);
    expect(lead.errors).toEqual([]);
    await lead.context.close();
  }, 240_000);

  it('roles without the right do not get the pages or the actions, and forced requests are refused', async () => {
    // A handling unit: neither page is in its console, and the API refuses it.
    const unit = await consoleAs(browser, server.url, 'cgj01');
    expect(await unit.page.getByRole('menuitem', { name: '通报编辑' }).count()).toBe(0);
    expect(await unit.page.getByRole('menuitem', { name: '外包考核' }).count()).toBe(0);
    for (const path of ['/bulletins/editor', '/vendors/assessment']) {
      await unit.page.goto(path);
      await unit.page.getByText('页面不存在').waitFor({ timeout: T });
    }
    const forced = await unit.page.evaluate(async () => {
      const block = await fetch('/api/bulletins/2019-07/blocks', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ section: 'work_news', body: '越权写入' }),
      });
      const contracts = await fetch('/api/vendors/contracts');
      return {
        block: block.status,
        message: (await block.json()).error?.message,
        contracts: contracts.status,
      };
    });
    expect(forced).toMatchObject({ block: 403, contracts: 403 });
    expect(forced.message).toMatch(/[\u4e00-\u9fa5]/);

    // A dispatcher reads the assessment but may not enter findings: no buttons, and a forced one is refused.
    const dispatcher = await consoleAs(browser, server.url, 'pqy01');
    await dispatcher.page.getByRole('menuitem', { name: '外包考核' }).click();
    await dispatcher.page.getByTestId('result-C25').waitFor({ timeout: T });
    expect(await dispatcher.page.locator('[data-testid^="enter-"]').count()).toBe(0);
    const inspection = await dispatcher.page.evaluate(async () => {
      const contracts = (await (await fetch('/api/vendors/contracts')).json()) as { items: { id: string }[] };
      const res = await fetch('/api/vendors/inspections', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          contractId: contracts.items[0]?.id,
          month: '2019-07',
          indicatorCode: 'C06',
          occurrences: 1,
          evidence: '越权录入',
        }),
      });
      return res.status;
    });
    expect(inspection).toBe(403);

    // A leader reads the bulletin's text but does not edit it.
    const leader = await consoleAs(browser, server.url, 'ld01');
    await leader.page.getByRole('menuitem', { name: '通报编辑' }).click();
    await leader.page.getByTestId('section-work_news').waitFor({ timeout: T });
    expect(await leader.page.getByTestId('add-block-work_news').count()).toBe(0);
    await screenshot(leader.page, 'reports-bulletin-leader');
    for (const who of [unit, dispatcher, leader]) {
      expect(who.errors).toEqual([]);
      await who.context.close();
    }
  }, 180_000);
});
