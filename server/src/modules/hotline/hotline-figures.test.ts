import { describe, expect, it } from 'vitest';
import { type CallbackFact, monthlyFigures, type OrderFact, type UnitInfo } from './hotline-figures.js';

// The repository hands over facts grouped, each row with how many orders (or callbacks) share
// it. The figures must be those of the same orders one row each.
const units: UnitInfo[] = [
  { id: 'u-east', name: '东区人民政府', kind: 'district_government' },
  { id: 'u-water', name: '市水务公司', kind: 'enterprise' },
];
const order = (o: Partial<OrderFact> & { orders: number }): OrderFact => ({
  valid: true,
  appealType: 'complaint',
  subjectGroup: '城乡建设',
  answered: false,
  transferred: false,
  lastLeadUnitId: null,
  statusAtAsOf: 'received',
  convertedToCase: false,
  ...o,
});
const grouped: OrderFact[] = [
  order({ orders: 5, answered: true, statusAtAsOf: 'archived', appealType: 'consult' }),
  order({ orders: 3, transferred: true, lastLeadUnitId: 'u-east', statusAtAsOf: 'replied' }),
  order({ orders: 2, transferred: true, lastLeadUnitId: 'u-east', statusAtAsOf: 'signed' }),
  order({
    orders: 4,
    transferred: true,
    lastLeadUnitId: 'u-water',
    statusAtAsOf: 'archived',
    subjectGroup: null,
  }),
  order({
    orders: 1,
    answered: true,
    transferred: true,
    lastLeadUnitId: 'u-water',
    statusAtAsOf: 'transferred',
  }),
  order({ orders: 2, valid: false, appealType: null, subjectGroup: null, statusAtAsOf: 'archived' }),
  order({ orders: 1, convertedToCase: true, statusAtAsOf: 'converted' }),
];
const callbacks: CallbackFact[] = [
  { unitSatisfaction: 'satisfied', agentSatisfaction: 'satisfied', callbacks: 6 },
  { unitSatisfaction: 'basically', agentSatisfaction: null, callbacks: 2 },
  { unitSatisfaction: 'unsatisfied', agentSatisfaction: 'unsatisfied', callbacks: 2 },
  { unitSatisfaction: null, agentSatisfaction: 'basically', callbacks: 1 },
];
const oneEach = <T extends { orders?: number; callbacks?: number }>(rows: T[]) =>
  rows.flatMap((r) =>
    Array.from({ length: r.orders ?? r.callbacks ?? 0 }, () => ({ ...r, orders: 1, callbacks: 1 })),
  );

describe('hotline monthly figures over grouped facts', () => {
  const figures = monthlyFigures(grouped, callbacks, units, ['城乡建设']);

  it('counts orders, not rows', () => {
    expect(figures).toMatchObject({
      received: 18,
      valid: 16,
      invalid: 2,
      directReply: 6,
      transferred: 10,
      completed: 7,
      convertedToCase: 1,
    });
    expect(figures.completionRate).toBeCloseTo(0.7);
    expect(figures.byType.find((t) => t.type === 'consult')?.count).toBe(5);
    expect(figures.byType.find((t) => t.type === 'complaint')?.count).toBe(11);
    expect(figures.bySubjectGroup).toEqual([
      { group: '城乡建设', count: 12, share: 12 / 18 },
      { group: '其他', count: 4, share: 4 / 18 },
    ]);
    expect(figures.byUnit.map((r) => [r.unit, r.received, r.done, r.inProgress])).toEqual([
      ['东区人民政府', 5, 3, 2],
      ['市水务公司', 5, 4, 1],
    ]);
    expect(figures.satisfaction).toEqual({ unit: 8 / 10, agent: 7 / 9, calledBack: 11 });
  });

  it('equals the figures of the same orders one row each', () => {
    expect(monthlyFigures(oneEach(grouped), oneEach(callbacks), units, ['城乡建设'])).toEqual(figures);
  });
});
