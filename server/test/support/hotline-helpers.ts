import { expect } from 'vitest';
import type { TestApp } from './test-app.js';

export type Cookie = { cookie: string };

export interface OrderView {
  id: string;
  orderNo: string;
  status: string;
  version: number;
  callerName: string | null;
  callerPhone: string | null;
  contactMasked: boolean;
  leadUnitId: string | null;
  coUnitIds: string[];
  deadlineAt: string | null;
  pendingExtensionUntil: string | null;
  reopenCount: number;
  returnCount: number;
  urgeCount: number;
  extensionCount: number;
  progressCallCount: number;
  supervision: string | null;
  caseId: string | null;
  caseNo: string | null;
  masterId: string | null;
  articleId: string | null;
  allowedActions: string[];
  log: {
    seq: number;
    action: string;
    fromStatus: string | null;
    toStatus: string;
    unitName: string | null;
  }[];
}

export const callBody = (extra: Record<string, unknown> = {}) => ({
  callerName: '张女士',
  callerPhone: '13812341234',
  appealType: 'complaint',
  subjectCode: 'SR01',
  content: '新源路金碧天下小区门口垃圾多日无人清运',
  address: '东区新源路59号金碧天下小区',
  ...extra,
});

export async function receive(t: TestApp, cookie: Cookie, extra: Record<string, unknown> = {}) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/hotline/orders',
    headers: cookie,
    payload: callBody(extra),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as OrderView;
}

export async function getOrder(t: TestApp, cookie: Cookie, id: string) {
  const response = await t.app.inject({ method: 'GET', url: `/api/hotline/orders/${id}`, headers: cookie });
  return { status: response.statusCode, body: response.json() as OrderView, raw: response.body };
}

/** Posts an action with the order's current version (read as the centre sees it). */
export async function act(
  t: TestApp,
  cookie: Cookie,
  id: string,
  action: string,
  extra: Record<string, unknown> = {},
  versionFrom: Cookie = cookie,
) {
  const current = await getOrder(t, versionFrom, id);
  const version = current.status === 200 ? current.body.version : 1;
  return t.app.inject({
    method: 'POST',
    url: `/api/hotline/orders/${id}/actions`,
    headers: cookie,
    payload: { action, version, ...extra },
  });
}

export async function actOk(
  t: TestApp,
  cookie: Cookie,
  id: string,
  action: string,
  extra: Record<string, unknown> = {},
  versionFrom: Cookie = cookie,
) {
  const response = await act(t, cookie, id, action, extra, versionFrom);
  expect(response.statusCode, `${action}: ${response.body}`).toBe(200);
  return response.json() as OrderView;
}

/** A 4xx body carries a stable code and the message in Chinese and English. */
export function expectBilingual(response: { statusCode: number; body: string }, status: number) {
  expect(response.statusCode, response.body).toBe(status);
  const error = (JSON.parse(response.body) as { error: { code: string; message: string; messageEn: string } })
    .error;
  expect(error.code).toBeTruthy();
  expect(error.message).toMatch(/[\u4e00-\u9fff]/);
  expect(error.messageEn).toMatch(/[a-z]/i);
  return error;
}

/** Any full mobile number in a JSON text (masked ones have ****; order numbers are longer digit runs). */
export const FULL_PHONE = /(?<![0-9])1[3-9][0-9]{9}(?![0-9])/;
