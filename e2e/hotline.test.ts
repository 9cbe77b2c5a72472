import { existsSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
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

// 12345 热线 in the console: the agent takes calls with the knowledge base beside the form,
// transfers to a unit or answers directly; the unit signs and replies; the agent calls back.

const T = 90_000;

interface OrderRow {
  id: string;
  orderNo: string;
  status: string;
  leadUnitName: string | null;
  articleId: string | null;
  unitSatisfaction: string | null;
  agentSatisfaction: string | null;
}

describe.skipIf(!existsSync(CHROMIUM))('12345 hotline journeys (console)', () => {
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

  /** The action dialog (a modal; the order drawer is a dialog too). */
  const actionDialog = (page: Page) =>
    page.getByRole('dialog').filter({ has: page.getByTestId('action-form') });

  async function act(page: Page, action: string, fill?: (dialog: Locator) => Promise<void>) {
    await page.locator(`[data-action="${action}"]`).click();
    const dialog = actionDialog(page);
    await dialog.waitFor();
    if (fill) await fill(dialog);
    await dialog.getByRole('button', { name: /^确认/ }).click();
    await page.locator('.ant-message-success').last().waitFor({ timeout: T });
    await dialog.waitFor({ state: 'detached', timeout: T });
  }

  async function choose(page: Page, label: string, typed: string, option: string) {
    const field = page.getByLabel(label, { exact: true });
    await field.click();
    await field.fill(typed);
    await page.locator('.ant-select-item-option', { hasText: option }).first().click();
  }

  const radio = (scope: Page | Locator, text: string) =>
    scope.locator('.ant-radio-button-wrapper', { hasText: new RegExp(`^${text}$`) });

  async function orderByNo(login: string, orderNo: string): Promise<OrderRow> {
    const api = await apiAs(server.url, login);
    const found = await api<{ items: OrderRow[] }>(`/api/hotline/orders?orderNo=${orderNo}`);
    const row = found.body.items[0];
    if (!row) throw new Error(`order ${orderNo} not visible to ${login}`);
    return row;
  }

  async function resultOrderNo(page: Page): Promise<string> {
    await page.getByTestId('call-result').waitFor({ timeout: T });
    const title = (await page.locator('.ant-result-title').textContent()) ?? '';
    const orderNo = /RX\d{13}/.exec(title)?.[0];
    expect(orderNo).toBeTruthy();
    return orderNo as string;
  }

  it('a call transferred to a unit: knowledge search, unit signs and replies, the agent calls back', async () => {
    // 1. The agent lands on the hotline home and opens a new call.
    const agent = await consoleAs(browser, server.url, 'rx01');
    await agent.page.waitForURL('**/hotline');
    await agent.page.getByTestId('hotline-count-today').waitFor({ timeout: T });
    await agent.page.locator('.console-sider').getByText('12345热线').waitFor();
    await agent.page.getByTestId('new-call').click();
    await agent.page.getByTestId('call-form').waitFor();

    // 2. Submitting too early shows what is missing, next to the fields.
    await agent.page.getByLabel('联系电话', { exact: true }).fill('12345');
    await agent.page.getByTestId('submit-call').click();
    await agent.page.getByText('请选择诉求类型').waitFor();
    await agent.page.getByText('请填写来电人反映的问题').waitFor();
    await agent.page.getByText('请输入11位手机号或带区号的固定电话').waitFor();
    await screenshot(agent.page, 'hotline-new-call-validation');

    // 3. The caller's facts, with the knowledge base searched as the agent types.
    await agent.page.getByLabel('来电人', { exact: true }).fill('李先生');
    await agent.page.getByLabel('联系电话', { exact: true }).fill('13912345678');
    await radio(agent.page, '求助').click();
    await choose(agent.page, '诉求事项', '供水', '供水');
    await agent.page
      .getByLabel('诉求内容', { exact: true })
      .fill('炳草岗大街某小区连续两天停水，未见停水通知，家中老人用水困难（端到端测试）');
    await agent.page.getByLabel('事发地址 / 地点', { exact: true }).fill('东区炳草岗大街');
    await agent.page.getByLabel('知识库检索').pressSequentially('停水', { delay: 80 });
    const article = agent.page.getByTestId('knowledge-item').filter({ hasText: '停水信息查询与报修方式' });
    await article.waitFor({ timeout: T });
    expect(await article.locator('mark').first().textContent()).toBe('停水');

    // 4. Not answerable from the knowledge base: transfer it to 市水务集团.
    await radio(agent.page, '转办').click();
    await agent.page.getByTestId('time-limit-hint').waitFor();
    expect(await agent.page.getByTestId('time-limit-hint').textContent()).toContain('3 个工作日');
    await choose(agent.page, '主办单位', '水务', '市水务集团');
    await screenshot(agent.page, 'hotline-new-call');
    await agent.page.getByTestId('submit-call').click();
    const orderNo = await resultOrderNo(agent.page);
    expect(await agent.page.getByTestId('call-result').textContent()).toContain('已转办至 市水务集团');
    await screenshot(agent.page, 'hotline-call-transferred');
    const order = await orderByNo('rx01', orderNo);
    expect(order.status).toBe('transferred');
    expect(order.leadUnitName).toBe('市水务集团');

    // 5. The unit sees it under 12345热线 and signs for it.
    const unit = await consoleAs(browser, server.url, 'swj01', '/hotline/orders');
    await unit.page.locator('.console-sider').getByText('转办工单').waitFor();
    await unit.page.getByTestId('order-link').filter({ hasText: orderNo }).click();
    await unit.page.getByTestId('order-timeline').waitFor({ timeout: T });
    // A unit sees the caller's number masked.
    expect(await unit.page.getByTestId('order-drawer').textContent()).not.toContain('13912345678');
    await screenshot(unit.page, 'hotline-unit-order');
    await act(unit.page, 'sign');

    // 6. The agent tells the caller how it stands (进展回复, first-contact duty).
    await agent.page.goto(`/hotline/orders?order=${order.id}`);
    await agent.page.getByTestId('order-timeline').waitFor({ timeout: T });
    await act(agent.page, 'progress_call', async (dialog) => {
      await dialog.getByLabel('向来电人通报的进展').fill('已告知来电人：水务集团已签收，正在排查管网');
    });

    // 7. The unit replies with the result (办结).
    await unit.page.reload();
    await unit.page.getByTestId('order-timeline').waitFor({ timeout: T });
    await act(unit.page, 'reply', async (dialog) => {
      await dialog.getByLabel('办理结果').fill('经查为小区二次供水泵故障，已于当日修复恢复供水，并张贴告示');
    });
    await unit.page.getByTestId('order-drawer').getByText('已办结').first().waitFor({ timeout: T });

    // 8. The agent calls the caller back from the 回访 list and records satisfaction.
    await agent.page.goto('/hotline/callbacks');
    const row = agent.page.locator('tr', { hasText: orderNo });
    await row.waitFor({ timeout: T });
    await screenshot(agent.page, 'hotline-callbacks');
    await row.getByTestId('callback-button').click();
    const dialog = actionDialog(agent.page);
    await dialog.waitFor();
    await dialog.getByText('二次供水泵故障').waitFor();
    // Satisfaction is required: the dialog says so before anything is sent.
    await dialog.getByRole('button', { name: /^确认/ }).click();
    await dialog.getByText('请选择来电人对承办单位的评价').waitFor();
    await radio(dialog.locator('.ant-form-item', { hasText: '对承办单位办理的满意度' }), '满意').click();
    await radio(dialog.locator('.ant-form-item', { hasText: '对坐席服务的满意度' }), '基本满意').click();
    await dialog.getByLabel('回访记录').fill('来电人表示已恢复供水');
    await screenshot(agent.page, 'hotline-callback-modal');
    await dialog.getByRole('button', { name: /^确认/ }).click();
    await agent.page.locator('.ant-message-success', { hasText: '回访成功' }).waitFor({ timeout: T });
    await row.waitFor({ state: 'detached', timeout: T });

    const archived = await orderByNo('rx01', orderNo);
    expect(archived.status).toBe('archived');
    expect(archived.unitSatisfaction).toBe('satisfied');
    expect(archived.agentSatisfaction).toBe('basically');

    // 9. The whole story is on the order's timeline.
    await agent.page.goto(`/hotline/orders?order=${order.id}`);
    await agent.page.getByTestId('order-timeline').waitFor({ timeout: T });
    const timeline = (await agent.page.getByTestId('order-timeline').textContent()) ?? '';
    for (const step of ['受理登记', '转办', '签收', '进展回复', '办结', '回访'])
      expect(timeline).toContain(step);
    await screenshot(agent.page, 'hotline-order-timeline');

    expect(agent.errors).toEqual([]);
    expect(unit.errors).toEqual([]);
    await agent.context.close();
    await unit.context.close();
  }, 300_000);

  it('a call answered directly from the knowledge base; a refused conversion is explained in Chinese', async () => {
    const agent = await consoleAs(browser, server.url, 'rx01', '/hotline/new');
    await agent.page.getByTestId('call-form').waitFor({ timeout: T });
    await agent.page.getByLabel('联系电话', { exact: true }).fill('0812-3334444');
    await radio(agent.page, '咨询').click();
    await agent.page.getByLabel('诉求内容', { exact: true }).fill('咨询小区生活垃圾每天几点清运');
    await agent.page.getByLabel('知识库检索').pressSequentially('垃圾清运', { delay: 80 });
    const article = agent.page.getByTestId('knowledge-item').filter({ hasText: '生活垃圾清运时间安排' });
    await article.waitFor({ timeout: T });
    await article.getByTestId('use-article').click();
    expect(await agent.page.getByLabel('答复内容', { exact: true }).inputValue()).toContain('早班6:00');
    await screenshot(agent.page, 'hotline-direct-answer');
    await agent.page.getByTestId('submit-call').click();
    const orderNo = await resultOrderNo(agent.page);
    expect(await agent.page.getByTestId('call-result').textContent()).toContain('已直接答复');
    const answered = await orderByNo('rx01', orderNo);
    expect(answered.status).toBe('answered');
    expect(answered.articleId).toBeTruthy();

    // A conversion the API refuses (no position on the map): the order is on record, the reason in Chinese.
    await agent.page.getByTestId('next-call').click();
    await radio(agent.page, '投诉举报').click();
    await choose(agent.page, '诉求事项', '暴露垃圾', '暴露垃圾');
    await agent.page.getByLabel('诉求内容', { exact: true }).fill('路边垃圾堆积多日无人清理');
    await radio(agent.page, '转数字城管案件').click();
    await agent.page.getByText('转为数字城管案件还需：在地图上标注问题位置').waitFor();
    await agent.page.getByTestId('submit-call').click();
    const refusedNo = await resultOrderNo(agent.page);
    expect(await agent.page.getByTestId('call-result').textContent()).toContain('转为案件须先标注问题位置');
    expect((await orderByNo('rx01', refusedNo)).status).toBe('received');
    await screenshot(agent.page, 'hotline-convert-refused');
    await agent.page.getByTestId('open-order').click();
    await agent.page.getByTestId('order-timeline').waitFor({ timeout: T });
    await agent.page.locator('[data-action="transfer"]').waitFor();
    await agent.page.locator('[data-action="answer"]').waitFor();

    // The agent's home now counts the day's calls.
    await agent.page.goto('/hotline');
    const today = agent.page.getByTestId('hotline-count-today').locator('.ant-statistic-content-value');
    await expect
      .poll(async () => Number(await today.textContent()), { timeout: T })
      .toBeGreaterThanOrEqual(2);
    await agent.page.getByTestId('order-link').filter({ hasText: refusedNo }).waitFor({ timeout: T });
    await agent.page.waitForLoadState('networkidle');
    await agent.page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    await agent.page.waitForTimeout(500); // the table's fade-in after loading
    await screenshot(agent.page, 'hotline-home-agent');

    // The same pages on a phone-sized screen.
    await agent.page.getByTestId('order-link').filter({ hasText: refusedNo }).click();
    await agent.page.getByTestId('order-timeline').waitFor({ timeout: T });
    await agent.page.setViewportSize({ width: 390, height: 844 });
    await screenshot(agent.page, 'hotline-order-drawer-phone');
    await agent.page.goto('/hotline/new');
    await agent.page.getByTestId('call-form').waitFor({ timeout: T });
    await screenshot(agent.page, 'hotline-new-call-phone');
    expect(agent.errors).toEqual([]);
    await agent.context.close();
  }, 180_000);

  it('a role outside the hotline has no hotline menu and a forced request is refused', async () => {
    const dispatcher = await consoleAs(browser, server.url, 'pqy01');
    await dispatcher.page.locator('.console-sider').getByText('案卷办理').waitFor({ timeout: T });
    expect(await dispatcher.page.locator('.console-sider').getByText('12345热线').count()).toBe(0);
    await dispatcher.page.goto('/hotline/new');
    await dispatcher.page.getByText('页面不存在').waitFor({ timeout: T });
    const forced = await dispatcher.page.evaluate(async () => {
      const res = await fetch('/api/hotline/orders', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ appealType: 'consult', content: '越权登记' }),
      });
      return { status: res.status, body: await res.json() };
    });
    expect(forced.status).toBe(403);
    expect(forced.body.error.message).toMatch(/[\u4e00-\u9fa5]/);

    // A unit the order was not transferred to does not see it at all.
    const agentApi = await apiAs(server.url, 'rx01');
    const created = await agentApi<{ id: string; version: number }>('/api/hotline/orders', {
      method: 'POST',
      body: JSON.stringify({ appealType: 'help', content: '权限测试：停水', callerPhone: '13700001111' }),
    });
    expect(created.status).toBe(201);
    const units = await agentApi<{ items: { id: string; name: string }[] }>('/api/units?q=水务集团');
    const water = units.body.items.find((u) => u.name === '市水务集团');
    const moved = await agentApi<{ status: string }>(`/api/hotline/orders/${created.body.id}/actions`, {
      method: 'POST',
      body: JSON.stringify({ action: 'transfer', version: created.body.version, leadUnitId: water?.id }),
    });
    expect(moved.body.status).toBe('transferred');
    const other = await consoleAs(browser, server.url, 'cgj01', `/hotline/orders?order=${created.body.id}`);
    await other.page.getByText('工单不存在或您无权查看').waitFor({ timeout: T });
    const hidden = await other.page.evaluate(
      async (id: string) => (await fetch(`/api/hotline/orders/${id}`)).status,
      created.body.id,
    );
    expect(hidden).toBe(404);
    // …nor may it act on it.
    const signed = await other.page.evaluate(
      async ({ id, version }: { id: string; version: number }) =>
        (
          await fetch(`/api/hotline/orders/${id}/actions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ action: 'sign', version }),
          })
        ).status,
      { id: created.body.id, version: created.body.version + 1 },
    );
    expect(signed).toBe(404);
    expect(dispatcher.errors).toEqual([]);
    expect(other.errors).toEqual([]);
    await dispatcher.context.close();
    await other.context.close();
  }, 120_000);
});
