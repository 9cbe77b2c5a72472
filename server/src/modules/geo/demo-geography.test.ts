import { describe, expect, it } from 'vitest';
import { DEMO_CITY_CODE, type DemoRegion, demoGeography } from './demo-geography.js';
import { checkAreaGeometry } from './geometry-validation.js';
import { type BBox, pointInGeometry } from './point-in-polygon.js';

const geo = demoGeography();
const byLevel = (level: DemoRegion['level']) => geo.regions.filter((r) => r.level === level);
const districts = byLevel('district');
const streets = byLevel('street');
const communities = byLevel('community');
const regionByCode = new Map([geo.city, ...geo.regions].map((r) => [r.code, r]));

const within = (inner: BBox, outer: BBox) =>
  inner[0] >= outer[0] && inner[1] >= outer[1] && inner[2] <= outer[2] && inner[3] <= outer[3];
// Interiors overlap (sharing an edge is allowed: neighbouring grids do).
const overlap = (a: BBox, b: BBox) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

function pairwiseOverlaps<T extends { code: string; bbox: BBox }>(items: T[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i];
      const b = items[j];
      if (a && b && overlap(a.bbox, b.bbox)) found.push(`${a.code} × ${b.code}`);
    }
  }
  return found;
}

describe('demo geography (攀枝花市)', () => {
  it('has the expected shape and a moderate size', () => {
    expect(geo.city.code).toBe(DEMO_CITY_CODE);
    expect(districts.map((d) => d.name)).toEqual([
      '东区',
      '西区',
      '仁和区',
      '米易县',
      '盐边县',
      '钒钛高新区',
      '花城新区',
    ]);
    expect(districts.map((d) => d.code)).toEqual([
      '510402',
      '510403',
      '510411',
      '510421',
      '510422',
      '510471',
      '510472',
    ]);
    expect(streets.length).toBe(24);
    expect(communities.length).toBe(52);
    expect(geo.grids.length).toBe(256);
    for (const community of communities) {
      expect(geo.grids.filter((g) => g.communityCode === community.code).length).toBeGreaterThanOrEqual(3);
    }
  });

  it('is deterministic', () => {
    expect(demoGeography()).toEqual(geo);
  });

  it('codes follow 6 / 9 / 12 / 15 digits and extend their parent code', () => {
    for (const d of districts) expect(d.code).toMatch(/^[0-9]{6}$/);
    for (const s of streets) {
      expect(s.code).toMatch(/^[0-9]{9}$/);
      expect(s.code.startsWith(s.parentCode ?? 'x')).toBe(true);
    }
    for (const c of communities) {
      expect(c.code).toMatch(/^[0-9]{12}$/);
      expect(c.code.startsWith(c.parentCode ?? 'x')).toBe(true);
    }
    for (const g of geo.grids) {
      expect(g.code).toMatch(/^[0-9]{15}$/);
      expect(g.code.slice(0, 12)).toBe(g.communityCode);
      expect(g.code.slice(0, 9)).toBe(g.streetCode);
      expect(g.code.slice(0, 6)).toBe(g.districtCode);
    }
    const codes = [geo.city, ...geo.regions].map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(geo.grids.map((g) => g.code)).size).toBe(geo.grids.length);
  });

  it('names are unique per level, so a name lookup is unambiguous', () => {
    for (const level of ['district', 'street', 'community'] as const) {
      const names = byLevel(level).map((r) => r.name);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('every polygon is valid and matches its bbox', () => {
    for (const shape of [geo.city, ...geo.regions, ...geo.grids]) {
      const checked = checkAreaGeometry(shape.boundary);
      expect(checked.ok).toBe(true);
      if (checked.ok) expect(checked.bbox).toEqual(shape.bbox);
    }
  });

  it('nests: grid ⊂ community ⊂ street ⊂ district ⊂ city', () => {
    for (const region of geo.regions) {
      const parent = regionByCode.get(region.parentCode ?? '');
      expect(parent, region.code).toBeDefined();
      if (parent) expect(within(region.bbox, parent.bbox), `${region.code} in ${parent.code}`).toBe(true);
    }
    for (const grid of geo.grids) {
      const community = regionByCode.get(grid.communityCode);
      expect(community && within(grid.bbox, community.bbox), grid.code).toBe(true);
    }
  });

  it('siblings never overlap (districts, streets, communities, grids)', () => {
    expect(pairwiseOverlaps(districts)).toEqual([]);
    expect(pairwiseOverlaps(streets)).toEqual([]);
    expect(pairwiseOverlaps(communities)).toEqual([]);
    expect(pairwiseOverlaps(geo.grids)).toEqual([]);
  });

  it('grids are about 100 m × 100 m', () => {
    for (const grid of geo.grids) {
      const widthM = (grid.bbox[2] - grid.bbox[0]) * 111_320 * Math.cos((grid.bbox[1] * Math.PI) / 180);
      const heightM = (grid.bbox[3] - grid.bbox[1]) * 110_950;
      expect(widthM).toBeGreaterThan(90);
      expect(widthM).toBeLessThan(110);
      expect(heightM).toBeGreaterThan(90);
      expect(heightM).toBeLessThan(110);
    }
  });

  it('sits roughly where Panzhihua is', () => {
    const centre = (code: string) => {
      const b = regionByCode.get(code)?.bbox ?? [0, 0, 0, 0];
      return [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
    };
    const [eastLng] = centre('510402');
    const [westLng] = centre('510403');
    const [, renheLat] = centre('510411');
    const [, dongLat] = centre('510402');
    expect(westLng).toBeLessThan(eastLng ?? 0); // 西区 west of 东区
    expect(renheLat).toBeLessThan(dongLat ?? 0); // 仁和区 south of 东区
    expect(centre('510421')[1]).toBeGreaterThan(26.8); // 米易 in the north-east
  });

  it('known points: at least one per district, each inside its grid and no other', () => {
    for (const d of districts)
      expect(
        geo.knownPoints.some((p) => p.districtCode === d.code),
        d.name,
      ).toBe(true);
    for (const point of geo.knownPoints) {
      const hits = geo.grids
        .filter((g) => pointInGeometry(point.lng, point.lat, g.boundary))
        .map((g) => g.code);
      expect(hits, point.label).toEqual([point.gridCode]);
      expect(point.gridCode.startsWith(point.communityCode)).toBe(true);
      expect(point.communityCode.startsWith(point.streetCode)).toBe(true);
      expect(point.streetCode.startsWith(point.districtCode)).toBe(true);
    }
  });

  it('outside points are in no grid', () => {
    expect(geo.outsidePoints.length).toBeGreaterThan(0);
    for (const point of geo.outsidePoints) {
      expect(
        geo.grids.some((g) => pointInGeometry(point.lng, point.lat, g.boundary)),
        point.label,
      ).toBe(false);
    }
  });
});
