import { describe, expect, it } from 'vitest';
import { buildDemoCategories, demoMajors, loadLegacyRows } from './demo-categories.js';
import { demoUnitNames } from './demo-units.js';
import { timeLimitsSchema } from './stages.js';

const demo = buildDemoCategories();
const legacy = loadLegacyRows();
const find = (kind: 'event' | 'part', code: string) => demo.find((c) => c.kind === kind && c.code === code);

// The seed bulletin's own major names (二、主要案件类别), which users read and type.
const seedEventMajors = ['市容环境', '街面秩序', '宣传广告', '突发事件', '施工管理', '扩展事件'];
const seedPartMajors = ['公共设施', '园林绿化', '市容环境', '道路交通', '扩展部件'];

describe('demo category dictionary', () => {
  it('contains every legacy CJ/T 214 minor under its code and name', () => {
    for (const row of legacy) {
      const c = find(row.kind, row.code);
      expect(c, `${row.kind} ${row.code}`).toBeDefined();
      expect(c?.name).toBe(row.nameZh);
      expect(c?.majorCode).toBe(row.majorCode);
      expect(c?.local).toBe(false);
    }
  });

  it('uses the seed bulletin’s major names (公共设施, not the TSV’s 公用设施)', () => {
    const majorNames = (kind: 'event' | 'part') =>
      new Set(demo.filter((c) => c.kind === kind).map((c) => c.majorName));
    for (const name of seedEventMajors) expect(majorNames('event')).toContain(name);
    for (const name of seedPartMajors) expect(majorNames('part')).toContain(name);
    expect(majorNames('part')).not.toContain('公用设施');
    expect(find('part', '0101')?.majorName).toBe('公共设施');
    expect(demoMajors.find((m) => m.kind === 'part' && m.code === '01')?.aliases).toContain('公用设施');
  });

  it('has one name per major and every minor under a declared major', () => {
    for (const c of demo) {
      const major = demoMajors.find((m) => m.kind === c.kind && m.code === c.majorCode);
      expect(major?.name, `${c.kind} ${c.code}`).toBe(c.majorName);
      expect(c.code.startsWith(c.majorCode)).toBe(true);
      expect(c.code).toMatch(/^[0-9]{4}$/);
    }
  });

  it('has the expected majors: 6 event (… 06 扩展事件) and 7 part (… 07 扩展部件)', () => {
    const codes = (kind: 'event' | 'part') => [
      ...new Set(demo.filter((c) => c.kind === kind).map((c) => c.majorCode)),
    ];
    expect(codes('event')).toEqual(['01', '02', '03', '04', '05', '06']);
    expect(codes('part')).toEqual(['01', '02', '03', '04', '05', '06', '07']);
    expect(find('event', '0601')?.majorName).toBe('扩展事件');
    expect(find('part', '0701')?.majorName).toBe('扩展部件');
  });

  it('puts local extension minors (and only those) under 06 扩展事件 / 07 扩展部件', () => {
    const localEvents = demo.filter((c) => c.kind === 'event' && c.majorCode === '06');
    const localParts = demo.filter((c) => c.kind === 'part' && c.majorCode === '07');
    expect(localEvents.length).toBeGreaterThanOrEqual(3);
    expect(localParts.length).toBeGreaterThanOrEqual(3);
    expect(localEvents.map((c) => c.name)).toEqual(
      expect.arrayContaining(['共享单车乱停放', '占道洗车', '违规养犬']),
    );
    expect(localParts.map((c) => c.name)).toEqual(
      expect.arrayContaining(['共享单车停放点', '电动汽车充电桩', '智能垃圾分类箱']),
    );
    expect(demo.filter((c) => c.local)).toEqual([...localEvents, ...localParts]);
    for (const c of [...localEvents, ...localParts]) expect(c.nameEn).toMatch(/local extension/);
  });

  it('gives every minor both standards, a valid limit set with 处置, and a known unit name or null', () => {
    for (const c of demo) {
      const label = `${c.kind} ${c.code} ${c.name}`;
      expect(c.filingStandard.trim().length, label).toBeGreaterThan(5);
      expect(c.closingStandard.trim().length, label).toBeGreaterThan(5);
      expect(c.filingStandard, label).not.toBe(c.closingStandard);
      expect(timeLimitsSchema.safeParse(c.timeLimits).success, label).toBe(true);
      expect(c.timeLimits.dispose, label).toBeDefined();
      if (c.defaultUnitName !== null) expect(demoUnitNames, label).toContain(c.defaultUnitName);
    }
  });

  it('keeps the example limits and standards the brief and DOMAIN.md give', () => {
    expect(find('event', '0102')).toMatchObject({
      name: '暴露垃圾',
      filingStandard: '道路、广场、绿地等公共区域有暴露垃圾，面积大于0.5平方米或散落垃圾超过3处',
      closingStandard: '垃圾清除干净，现场无残留',
      timeLimits: { dispose: { amount: 4, unit: 'hour' }, accept: { amount: 30, unit: 'minute' } },
    });
    expect(find('event', '0101')?.timeLimits.dispose).toEqual({ amount: 15, unit: 'day' });
    expect(find('event', '0104')?.timeLimits.dispose).toEqual({ amount: 2, unit: 'hour' });
    expect(find('event', '0406')?.timeLimits.dispose).toEqual({ amount: 4, unit: 'hour' });
    expect(find('event', '0202')?.timeLimits.dispose).toEqual({ amount: 2, unit: 'day' });
    expect(find('part', '0118')?.timeLimits.dispose).toEqual({ amount: 3, unit: 'day' });
    const cover = find('part', '0101');
    expect(cover?.timeLimits.dispose).toEqual({ amount: 1, unit: 'day' });
    expect(cover?.filingStandard).toBe('上水井盖丢失、破损、移位、凹陷，或与路面高差超过2cm');
    expect(cover?.defaultUnitName).toBe('市水务集团');
  });

  it('times the centre’s own steps tighter for 突发事件', () => {
    expect(find('event', '0403')?.timeLimits).toMatchObject({
      dispatch: { amount: 10, unit: 'minute' },
      dispose: { amount: 2, unit: 'hour' },
    });
    expect(find('event', '0102')?.timeLimits.dispatch).toEqual({ amount: 30, unit: 'minute' });
  });

  it('fails loudly when a legacy row has no demo standards', () => {
    const [first] = legacy;
    if (!first) throw new Error('legacy table is empty');
    const extra = { ...first, code: '0198', nameZh: '新增小类' };
    expect(() => buildDemoCategories([...legacy, extra])).toThrow(/no demo standards for part 0198/);
  });

  it('is sorted by kind then code, with no duplicates', () => {
    const keys = demo.map((c) => `${c.kind}|${c.code}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(keys);
    expect(demo.filter((c) => c.kind === 'event')).toHaveLength(61);
    expect(demo.filter((c) => c.kind === 'part')).toHaveLength(90);
  });
});
