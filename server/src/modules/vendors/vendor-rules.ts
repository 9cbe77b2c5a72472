import { formatNumber, formatPercent, ratio } from '../statistics/index.js';

// How a contractor's month is assessed, as pure functions: the computed indicators, the money a
// threshold rule deducts, the inspectors' entries, and the month's total ("本月扣款200元" or
// "本月基本达标").

export interface IndicatorRule {
  code: string;
  seq: number;
  groupLabel: string;
  name: string;
  definition: string;
  dataSource: string;
  ruleText: string;
  formula: string | null;
  unitLabel: string;
  threshold: number | null;
  direction: 'min' | 'max' | null;
  step: number | null;
  moneyPerStep: number | null;
  moneyPerOccurrence: number | null;
  defaultResult: string;
}

export interface InspectionEntry {
  indicatorCode: string;
  occurrences: number;
  /** A measured value for an inspected indicator with a threshold (e.g. 巡查覆盖率 from a spot check). */
  measured: number | null;
  /** An explicit amount, for rules that say "视情况" or "不低于". */
  deduction: number | null;
  resultText: string;
}

export interface CollectionInputs {
  reported: number;
  filed: number;
  video: number;
  drone: number;
  voidedUnfiled: number;
  recategorized: number;
  checksSent: number;
  checkReplies: number;
  checkTimelyReplies: number;
  /** 人均日上报数's denominator: staff × calendar days, or attended person-days when entered. */
  personDays: number;
}

/**
 * The computed indicators. 差错率 counts as 上报差错 the reports voided without filing and those
 * whose category the centre corrected at filing; 核查差错 are not in the log, so inspectors add
 * them as entries. 巡查覆盖率 needs patrol tracks, which the system does not hold yet: no value
 * (an inspector's measured entry takes its place).
 */
export function computeFormula(formula: string, x: CollectionInputs): number | null {
  switch (formula) {
    case 'reports_per_person_day':
      return ratio(x.reported, x.personDays);
    case 'valid_report_rate':
      return ratio(x.filed, x.reported);
    case 'video_reports':
      return x.video;
    case 'drone_reports':
      return x.drone;
    case 'error_rate':
      return ratio(x.voidedUnfiled + x.recategorized, x.reported + x.checkReplies);
    case 'check_reply_rate':
      return ratio(x.checkReplies, x.checksSent);
    case 'check_timely_reply_rate':
      return ratio(x.checkTimelyReplies, x.checkReplies);
    default:
      return null;
  }
}

/**
 * Money a threshold rule deducts: every started step beyond the threshold costs one step's
 * money ("每降低1%扣1000元": 97.5% against 98% is one step). No value, no deduction.
 */
export function thresholdDeduction(rule: IndicatorRule, value: number | null): number {
  if (value === null || rule.threshold === null || !rule.direction || !rule.step || !rule.moneyPerStep)
    return 0;
  const shortfall = rule.direction === 'min' ? rule.threshold - value : value - rule.threshold;
  if (shortfall <= 1e-9) return 0;
  return Math.ceil(shortfall / rule.step - 1e-9) * rule.moneyPerStep;
}

/** An entry's deduction: its explicit amount, else occurrences × money per occurrence. */
export function entryDeduction(rule: IndicatorRule, entry: InspectionEntry): number {
  if (entry.deduction !== null) return entry.deduction;
  return entry.occurrences * (rule.moneyPerOccurrence ?? 0);
}

const isRate = (rule: IndicatorRule) =>
  rule.threshold !== null && rule.threshold <= 1 && rule.unitLabel === '';

/** The printed value of a computed or measured indicator. */
export function valueText(rule: IndicatorRule, value: number | null): string {
  if (value === null) return '';
  if (rule.formula === 'video_reports') return `本月视频监控采集${value}件。`;
  if (rule.formula === 'drone_reports') return `本月无人机采集${value}件。`;
  if (rule.formula === 'error_rate') return `案件差错率为${formatPercent(value)}。`;
  if (rule.unitLabel) return `${formatNumber(value)}${rule.unitLabel}`;
  return isRate(rule) ? formatPercent(value) : formatNumber(value);
}

export const NOT_ENTERED = '未录入检查结果';
export const NOT_MEASURED = '—（系统暂无该项数据，未录入抽查结果）';

export interface AssessedRow {
  code: string;
  seq: number;
  groupLabel: string;
  name: string;
  definition: string;
  dataSource: string;
  ruleText: string;
  value: number | null;
  deduction: number;
  result: string;
  entries: number;
}

export function assessRow(
  rule: IndicatorRule,
  computed: number | null,
  entries: InspectionEntry[],
): AssessedRow {
  const mine = entries.filter((e) => e.indicatorCode === rule.code);
  const measured = [...mine].reverse().find((e) => e.measured !== null)?.measured ?? null;
  const value = computed ?? measured;
  const deduction =
    thresholdDeduction(rule, value) + mine.reduce((sum, e) => sum + entryDeduction(rule, e), 0);
  const texts = [valueText(rule, value), ...mine.map((e) => e.resultText).filter(Boolean)].filter(Boolean);
  // Nothing measured and nothing entered is said as such: the standard "no findings" wording is
  // printed only once an inspector has recorded the check.
  let result = texts.join('');
  if (!result && mine.length > 0) result = rule.defaultResult || '经检查未发现问题。';
  if (!result) result = rule.formula ? NOT_MEASURED : NOT_ENTERED;
  if (deduction > 0 && !/扣款/.test(result)) result += `扣款${formatNumber(deduction)}元。`;
  return {
    code: rule.code,
    seq: rule.seq,
    groupLabel: rule.groupLabel,
    name: rule.name,
    definition: rule.definition,
    dataSource: rule.dataSource,
    ruleText: rule.ruleText,
    value,
    deduction,
    result,
    entries: mine.length,
  };
}

export function conclusion(total: number): string {
  return total > 0 ? `本月扣款${formatNumber(total)}元` : '本月基本达标';
}
