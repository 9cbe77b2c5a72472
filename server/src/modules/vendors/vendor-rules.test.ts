import { describe, expect, it } from 'vitest';
import { collectionIndicators, hallIndicators, hotlineIndicators } from './default-indicators.js';
import {
  assessRow,
  type CollectionInputs,
  computeFormula,
  conclusion,
  entryDeduction,
  type IndicatorRule,
  NOT_ENTERED,
  thresholdDeduction,
} from './vendor-rules.js';

const rule = (code: string): IndicatorRule => {
  const spec = [...collectionIndicators, ...hallIndicators, ...hotlineIndicators].find(
    (s) => s.code === code,
  );
  if (!spec) throw new Error(code);
  return {
    code: spec.code,
    seq: 1,
    groupLabel: spec.groupLabel ?? '',
    name: spec.name,
    definition: spec.definition,
    dataSource: spec.dataSource ?? '',
    ruleText: spec.ruleText,
    formula: spec.formula ?? null,
    unitLabel: spec.unitLabel ?? '',
    threshold: spec.threshold ?? null,
    direction: spec.direction ?? null,
    step: spec.step ?? null,
    moneyPerStep: spec.moneyPerStep ?? null,
    moneyPerOccurrence: spec.moneyPerOccurrence ?? null,
    defaultResult: spec.defaultResult,
  };
};

const inputs: CollectionInputs = {
  reported: 12969,
  filed: 12921,
  video: 132,
  drone: 150,
  voidedUnfiled: 48,
  recategorized: 0,
  checksSent: 1000,
  checkReplies: 1000,
  checkTimelyReplies: 983,
  personDays: 45 * 31,
};

describe('contractors’ checklists', () => {
  it('holds the seed’s 25 collection indicators and the two other checklists as data', () => {
    expect(collectionIndicators).toHaveLength(25);
    expect(collectionIndicators.map((i) => i.name)).toContain('案件差错率');
    expect(new Set(collectionIndicators.map((i) => i.code)).size).toBe(25);
    expect(hallIndicators.length).toBeGreaterThan(20);
    expect(hotlineIndicators.length).toBeGreaterThan(20);
  });

  it('computes the system indicators', () => {
    expect(computeFormula('reports_per_person_day', inputs)).toBeCloseTo(12969 / 1395);
    expect(computeFormula('valid_report_rate', inputs)).toBeCloseTo(0.9963, 4);
    expect(computeFormula('video_reports', inputs)).toBe(132);
    expect(computeFormula('error_rate', inputs)).toBeCloseTo(48 / 13969);
    expect(computeFormula('check_reply_rate', inputs)).toBe(1);
    expect(computeFormula('check_timely_reply_rate', inputs)).toBeCloseTo(0.983);
    expect(computeFormula('check_reply_rate', { ...inputs, checksSent: 0 })).toBeNull();
    expect(computeFormula('patrol_coverage', inputs)).toBeNull();
  });

  it('deducts per started step beyond the threshold', () => {
    expect(thresholdDeduction(rule('C01'), 10)).toBe(0);
    expect(thresholdDeduction(rule('C01'), 9.5)).toBe(1000);
    expect(thresholdDeduction(rule('C01'), 8)).toBe(2000);
    expect(thresholdDeduction(rule('C02'), 0.98)).toBe(0);
    expect(thresholdDeduction(rule('C02'), 0.975)).toBe(1000);
    expect(thresholdDeduction(rule('C03'), 97)).toBe(300);
    expect(thresholdDeduction(rule('C05'), 0.03)).toBe(0);
    expect(thresholdDeduction(rule('C05'), 0.032)).toBe(500);
    expect(thresholdDeduction(rule('C05'), 0.04)).toBe(1000);
    expect(thresholdDeduction(rule('C08'), null)).toBe(0);
    expect(thresholdDeduction(rule('C06'), 0.5)).toBe(0);
  });

  it('deducts per occurrence or an explicit amount', () => {
    const entry = {
      indicatorCode: 'C05',
      occurrences: 1,
      measured: null,
      deduction: null,
      resultText: '本月有重复案件，扣款200元。',
    };
    expect(entryDeduction(rule('C05'), entry)).toBe(200);
    expect(entryDeduction(rule('C06'), { ...entry, indicatorCode: 'C06', deduction: 5000 })).toBe(5000);
    const row = assessRow(rule('C05'), 0.0032, [entry]);
    expect(row.deduction).toBe(200);
    expect(row.result).toBe('案件差错率为0.32%。本月有重复案件，扣款200元。');
  });

  it('says when nothing was entered instead of claiming a check', () => {
    expect(assessRow(rule('C06'), null, []).result).toBe(NOT_ENTERED);
    const checked = assessRow(rule('C06'), null, [
      { indicatorCode: 'C06', occurrences: 0, measured: null, deduction: null, resultText: '' },
    ]);
    expect(checked.result).toBe('经检查无重大漏报。');
    expect(assessRow(rule('C11'), null, []).result).toMatch(/暂无/);
    const measured = assessRow(rule('C11'), null, [
      { indicatorCode: 'C11', occurrences: 0, measured: 0.875, deduction: null, resultText: '' },
    ]);
    expect(measured.deduction).toBe(3000);
    expect(measured.result).toBe('87.5%扣款3000元。');
    expect(assessRow(rule('C01'), 17.932, []).result).toBe('17.93条/人.天');
  });

  it('ends with the month’s total', () => {
    expect(conclusion(0)).toBe('本月基本达标');
    expect(conclusion(400)).toBe('本月扣款400元');
  });
});
