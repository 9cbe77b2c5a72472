import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hotlineMonthlyFigures, seedDemoHotlineHistory } from '../src/modules/hotline/index.js';
import { findUnitByName } from '../src/modules/org/index.js';
import type { OpenDatabase } from '../src/platform/db/database.js';
import { openTestDatabase } from './support/test-db.js';

// The seed bulletin's 12345 figures for July 2019, copied literally from
// ../shared/seed/000_8549f45999aa701a.txt ("(三)热线工作情况" and the 联动单位 table).
const SEED_TABLE: [
  group: 'district' | 'department' | 'enterprise',
  unit: string,
  received: number,
  done: number,
  inProgress: number,
  rate: string,
][] = [
  ['district', '仁和区政府', 164, 164, 0, '100%'],
  ['district', '钒钛高新区管委会', 10, 10, 0, '100%'],
  ['district', '花城新区管委会', 5, 5, 0, '100%'],
  ['district', '米易县政府', 25, 22, 3, '88%'],
  ['district', '盐边县政府', 75, 58, 17, '77.33%'],
  ['district', '西区政府', 94, 67, 27, '71.28%'],
  ['district', '东区政府', 455, 262, 193, '57.58%'],
  ['department', '市交通局', 38, 38, 0, '100%'],
  ['department', '市卫生健康委员会', 15, 15, 0, '100%'],
  ['department', '市自然资源和规划局', 14, 14, 0, '100%'],
  ['department', '市城市管理行政执法局', 8, 8, 0, '100%'],
  ['department', '市生态环境局', 4, 4, 0, '100%'],
  ['department', '市民政局', 3, 3, 0, '100%'],
  ['department', '市政务服务中心', 3, 3, 0, '100%'],
  ['department', '市国资委', 2, 2, 0, '100%'],
  ['department', '烟草专卖局', 2, 2, 0, '100%'],
  ['department', '市市场监督管理局', 1, 1, 0, '100%'],
  ['department', '攀枝花银监局', 1, 1, 0, '100%'],
  ['department', '市水利局', 1, 1, 0, '100%'],
  ['department', '市公安局', 91, 81, 10, '89.01%'],
  ['department', '市人社局', 18, 16, 2, '88.89%'],
  ['department', '市教育和体育局', 6, 5, 1, '83.33%'],
  ['department', '市邮政管理局', 5, 4, 1, '80%'],
  ['department', '市住建局', 33, 26, 7, '78.79%'],
  ['department', '市医疗保障局', 4, 3, 1, '75%'],
  ['department', '市文化广播电视和旅游局', 3, 2, 1, '66.67%'],
  ['department', '市退役军人事务局', 2, 1, 1, '50%'],
  ['enterprise', '市供电公司', 30, 30, 0, '100%'],
  ['enterprise', '市煤气公司', 29, 29, 0, '100%'],
  ['enterprise', '市公交客运总公司', 15, 15, 0, '100%'],
  ['enterprise', '中国石油攀枝花销售分公司', 2, 2, 0, '100%'],
  ['enterprise', '钢城集团', 1, 1, 0, '100%'],
  ['enterprise', '十九冶集团', 1, 1, 0, '100%'],
  ['enterprise', '攀煤集团', 11, 10, 1, '90.91%'],
  ['enterprise', '攀钢集团', 29, 26, 3, '89.66%'],
  ['enterprise', '市水务集团', 36, 32, 4, '88.89%'],
  ['enterprise', '攀枝花学院', 3, 2, 1, '66.67%'],
  ['enterprise', '中国移动攀枝花分公司', 1, 0, 1, '0%'],
  ['enterprise', '中国电信攀枝花分公司', 4, 0, 4, '0%'],
  ['enterprise', '中国联通攀枝花分公司', 1, 0, 1, '0%'],
];

/** How the seed prints a rate: two decimals, trailing zeros dropped (88%, 77.33%). */
const printed = (rate: number) => `${Number((rate * 100).toFixed(2))}%`;
const oneDecimal = (rate: number) => `${(rate * 100).toFixed(1)}%`;

let database: OpenDatabase;
const CITY = '510400';

beforeAll(async () => {
  database = await openTestDatabase('seeded');
  const result = await seedDemoHotlineHistory(database.db, CITY);
  expect(result.skipped).toBe(false);
}, 300_000);
afterAll(() => database.close());

describe('the demo hotline history reproduces the seed bulletin', () => {
  it('prints July’s 受理, 有效, 无效, 直接答复, 转办, 办结, 满意率 and appeal types as the seed does', async () => {
    const july = await hotlineMonthlyFigures(
      database.db,
      CITY,
      '2019-07',
      new Date('2019-08-01T00:00:00+08:00'),
    );
    expect(july.received).toBe(3706);
    expect(july.valid).toBe(2828);
    expect(july.invalid).toBe(878);
    expect(july.directReply).toBe(1618);
    expect(oneDecimal(july.directReplyShare)).toBe('43.7%');
    expect(july.transferred).toBe(1245);
    expect(july.completed).toBe(966);
    expect(printed(july.completionRate)).toBe('77.59%');
    expect(oneDecimal(july.satisfaction.unit)).toBe('96.7%');
    expect(oneDecimal(july.satisfaction.agent)).toBe('99.9%');
    const types = Object.fromEntries(july.byType.map((t) => [t.label, t.count]));
    expect(types).toEqual({ 咨询: 932, 投诉举报: 1054, 求助: 656, 意见建议: 181, 表扬: 5 });
    // The seed's shares: 33%, 37.3%, 23.2%, 6.4%, 0.2% (of valid calls).
    expect(july.byType.map((t) => oneDecimal(t.share))).toEqual(['33.0%', '37.3%', '23.2%', '6.4%', '0.2%']);
    // 城乡建设 1,109 = 29.92% (of all contacts).
    const building = july.bySubjectGroup.find((g) => g.group === '城乡建设');
    expect(building?.count).toBe(1109);
    expect(printed(building?.share ?? 0)).toBe('29.92%');
  });

  it('prints the 联动单位 table row by row, grouped as the seed groups it, with the 共计 row', async () => {
    const july = await hotlineMonthlyFigures(database.db, CITY, '2019-07');
    const expected = [];
    for (const [group, name, received, done, inProgress, rate] of SEED_TABLE) {
      const unit = await findUnitByName(database.db, CITY, name);
      expect(unit, name).not.toBeNull();
      expected.push({ unitId: unit?.id, group, received, done, inProgress, rate });
    }
    const actual = july.byUnit.map((r) => ({
      unitId: r.unitId,
      group: r.group,
      received: r.received,
      done: r.done,
      inProgress: r.inProgress,
      rate: printed(r.rate),
    }));
    // Same rows; the order of rows with equal rate and volume is the board's own (by name).
    expect(actual).toHaveLength(SEED_TABLE.length);
    expect(new Set(actual.map((r) => JSON.stringify(r)))).toEqual(
      new Set(expected.map((r) => JSON.stringify(r))),
    );
    // Grouped 区县 → 市级部门 → 企事业单位, each by rate then volume descending.
    const groups = ['district', 'department', 'enterprise'];
    for (let i = 1; i < july.byUnit.length; i++) {
      const [a, b] = [july.byUnit[i - 1], july.byUnit[i]];
      if (!a || !b) continue;
      const order =
        groups.indexOf(a.group) - groups.indexOf(b.group) || b.rate - a.rate || b.received - a.received;
      expect(order).toBeLessThanOrEqual(0);
    }
    const total = july.byUnit.reduce(
      (s, r) => ({ received: s.received + r.received, done: s.done + r.done }),
      { received: 0, done: 0 },
    );
    expect(total).toEqual({ received: 1245, done: 966 });
  });

  it('has June 250 calls fewer than July (3,456) and does not write the history twice', async () => {
    const june = await hotlineMonthlyFigures(database.db, CITY, '2019-06');
    expect(june.received).toBe(3456);
    expect(june.received + 250).toBe(3706);
    expect(await seedDemoHotlineHistory(database.db, CITY)).toEqual({ created: 0, skipped: true });
  });
});
