import { crc32, deflateSync } from 'node:zlib';
import { expect } from 'vitest';
import { demoGeography } from '../../src/modules/geo/demo-geography.js';
import type { TestApp } from './test-app.js';

const geography = demoGeography();

/** A point inside a demo district's grids (东区 by default). */
export function pointIn(districtName = '东区'): { lng: number; lat: number } {
  const district = geography.regions.find((r) => r.level === 'district' && r.name === districtName);
  const point = geography.knownPoints.find((p) => p.districtCode === district?.code);
  if (!point) throw new Error(`no demo point in ${districtName}`);
  return { lng: point.lng, lat: point.lat };
}

export const outsidePoint = () => {
  const point = geography.outsidePoints[0];
  if (!point) throw new Error('no outside point');
  return { lng: point.lng, lat: point.lat };
};

// 1×1 PNG: the smallest real image, so uploads pass the magic-byte check.
export const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A 1×1 PNG of one colour: different colours give different photos (different hashes). */
export function pngOfColour(r: number, g: number, b: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from([0, r, g, b]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export function multipart(name: string, filename: string, bytes: Buffer, contentType: string) {
  const boundary = `----cityloop${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, bytes, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export interface CaseView {
  id: string;
  caseNo: string;
  status: string;
  version: number;
  unitId: string | null;
  assigneeId: string | null;
  deadlineAt: string | null;
  stageDeadlineAt: string | null;
  reworkCount: number;
  extensionCount: number;
  returnCount: number;
  allowedActions: string[];
  timeline: {
    seq: number;
    action: string;
    fromStatus: string | null;
    toStatus: string;
    actorRole: string | null;
    note: string | null;
  }[];
  photos: { id: string; stage: string; url: string }[];
  light: string;
  description: string;
  [key: string]: unknown;
}

export async function reportAs(t: TestApp, cookie: { cookie: string }, body: Record<string, unknown> = {}) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: cookie,
    payload: {
      kind: 'event',
      categoryCode: '0102',
      description: '人行道上有暴露垃圾',
      ...pointIn(),
      ...body,
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as CaseView;
}

export async function getCase(t: TestApp, cookie: { cookie: string }, id: string) {
  const response = await t.app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: cookie });
  return { status: response.statusCode, body: response.json() as CaseView };
}

/** Posts a transition with the case's current version; returns the raw response. */
export async function move(
  t: TestApp,
  cookie: { cookie: string },
  id: string,
  action: string,
  extra: Record<string, unknown> = {},
) {
  const current = await getCase(t, cookie, id);
  const version = current.status === 200 ? current.body.version : 1;
  return t.app.inject({
    method: 'POST',
    url: `/api/cases/${id}/transitions`,
    headers: cookie,
    payload: { action, version, ...extra },
  });
}

export async function moveOk(
  t: TestApp,
  cookie: { cookie: string },
  id: string,
  action: string,
  extra: Record<string, unknown> = {},
) {
  const response = await move(t, cookie, id, action, extra);
  expect(response.statusCode, `${action}: ${response.body}`).toBe(200);
  return response.json() as CaseView;
}

export async function uploadPhoto(
  t: TestApp,
  cookie: { cookie: string },
  id: string,
  stage: string,
  bytes: Buffer = PNG_1PX,
) {
  const form = multipart('file', 'photo.png', bytes, 'image/png');
  return t.app.inject({
    method: 'POST',
    url: `/api/cases/${id}/photos?stage=${stage}`,
    headers: { ...cookie, ...form.headers },
    payload: form.payload,
  });
}

export async function unitIdByName(t: TestApp, cookie: { cookie: string }, name: string): Promise<string> {
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/units/lookup?name=${encodeURIComponent(name)}`,
    headers: cookie,
  });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { id: string }).id;
}
