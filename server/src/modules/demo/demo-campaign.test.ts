import { zebraCrossingFields } from '@cityloop/contracts/field';
import { describe, expect, it } from 'vitest';
import { demoGeography } from '../geo/index.js';
import { generateZebraEntries } from './demo-campaign.js';

const geography = demoGeography();
const grids = geography.grids.map((g) => ({ streetCode: g.streetCode, bbox: g.bbox }));
const entries = generateZebraEntries(grids, { dq: 45, xq: 24, rh: 21 });
const districtCode = { dq: '510402', xq: '510403', rh: '510411', ft: '510471' } as const;
const shanghaiDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

describe('the demo zebra-crossing campaign (July 2019)', () => {
  it('has the seed’s 5524 entries: 东区 2741, 西区 1500, 仁和区 1283', () => {
    expect(entries).toHaveLength(5524);
    const by: Record<string, number> = {};
    for (const e of entries) by[e.district] = (by[e.district] ?? 0) + 1;
    expect(by).toEqual({ dq: 2741, xq: 1500, rh: 1283 });
  });

  it('is the same on every run', () => {
    const again = generateZebraEntries(grids, { dq: 45, xq: 24, rh: 21 });
    expect(again.map((e) => [e.observedAt.toISOString(), e.place, e.plate, e.lng, e.lat])).toEqual(
      entries.map((e) => [e.observedAt.toISOString(), e.place, e.plate, e.lng, e.lat]),
    );
  });

  it('times fall in July on every day, at daytime hours, sent before the day ends', () => {
    const days = new Set(entries.map((e) => shanghaiDay(e.observedAt)));
    expect(days.size).toBe(31);
    for (const e of entries) {
      expect(shanghaiDay(e.observedAt) >= '2019-07-01' && shanghaiDay(e.observedAt) <= '2019-07-31').toBe(
        true,
      );
      const hour = (e.observedAt.getUTCHours() + 8) % 24;
      expect(hour >= 7 && hour < 20).toBe(true);
      expect(e.createdAt.getTime()).toBeGreaterThan(e.observedAt.getTime());
      expect(shanghaiDay(e.createdAt)).toBe(shanghaiDay(e.observedAt));
    }
  });

  it('places name a road of the district, points lie in a grid of that district', () => {
    for (const e of entries) {
      expect(e.place.startsWith({ dq: '东区', xq: '西区', rh: '仁和区', ft: '' }[e.district])).toBe(true);
      const grid = geography.grids.find(
        (g) => e.lng > g.bbox[0] && e.lng < g.bbox[2] && e.lat > g.bbox[1] && e.lat < g.bbox[3],
      );
      expect(grid?.districtCode).toBe(districtCode[e.district]);
    }
    expect(new Set(entries.map((e) => e.place)).size).toBeGreaterThan(100);
  });

  it('plates are plausible (川D mostly) and pass the campaign’s plate rule', () => {
    const rule = new RegExp(zebraCrossingFields.find((f) => f.key === 'plate')?.pattern ?? '', 'u');
    for (const e of entries) expect(rule.test(e.plate), e.plate).toBe(true);
    const local = entries.filter((e) => e.plate.startsWith('川D')).length;
    expect(local / entries.length).toBeGreaterThan(0.6);
    expect(new Set(entries.map((e) => e.plate)).size).toBeGreaterThan(5000);
  });

  it('marks two 典型 entries a day', () => {
    const featured = entries.filter((e) => e.featured);
    expect(featured).toHaveLength(62);
    expect(new Set(featured.map((e) => shanghaiDay(e.observedAt))).size).toBe(31);
  });
});
