import type { z } from 'zod';
import { type Bilingual, invalid } from '../../platform/http/errors.js';
import { MAX_LIMIT_AMOUNT, stageLabels, stageSchema, timeUnitSchema } from './stages.js';

type Issue = z.core.$ZodIssue;

const fieldLabels: Record<string, string> = {
  kind: '类别种类',
  majorCode: '大类代码',
  majorName: '大类名称',
  code: '类别代码',
  name: '类别名称',
  nameEn: '英文名称',
  filingStandard: '立案标准',
  closingStandard: '结案标准',
  defaultUnitId: '默认处置单位',
  timeLimits: '时限',
  active: '启用状态',
  expectedVersion: '版本号',
};

const stageZh = (stage: string) =>
  stageSchema.safeParse(stage).success ? stageLabels[stage as keyof typeof stageLabels] : stage;

function describeTimeLimitIssue(issue: Issue, path: string[]): Bilingual {
  const stage = path[1];
  if (issue.code === 'unrecognized_keys' && stage === undefined) {
    return {
      zh: `时限中有未知环节：${issue.keys.join('、')}（可用：${stageSchema.options.join('、')}）`,
      en: `unknown time-limit stage(s): ${issue.keys.join(', ')} (known: ${stageSchema.options.join(', ')})`,
    };
  }
  if (stage === undefined)
    return {
      zh: '时限须为 { 环节: { amount, unit } } 对象',
      en: 'timeLimits must be an object of { stage: { amount, unit } }',
    };
  if (
    path.length === 2 &&
    stage === 'dispose' &&
    issue.code === 'invalid_type' &&
    issue.input === undefined
  ) {
    return { zh: '必须设置处置时限（dispose）', en: 'a dispose (处置) time limit is required' };
  }
  const field = path[2];
  if (field === 'amount') {
    return {
      zh: `${stageZh(stage)}时限的数值须为 1 至 ${MAX_LIMIT_AMOUNT} 的整数`,
      en: `${stage} limit amount must be a whole number from 1 to ${MAX_LIMIT_AMOUNT}`,
    };
  }
  if (field === 'unit') {
    return {
      zh: `${stageZh(stage)}时限的单位须为 ${timeUnitSchema.options.join('、')} 之一`,
      en: `${stage} limit unit must be one of ${timeUnitSchema.options.join(', ')}`,
    };
  }
  if (issue.code === 'unrecognized_keys') {
    return {
      zh: `${stageZh(stage)}时限只能包含 amount 和 unit`,
      en: `${stage} limit may only have amount and unit`,
    };
  }
  return { zh: `${stageZh(stage)}时限须为 { amount, unit }`, en: `${stage} limit must be { amount, unit }` };
}

/** One issue in both languages, for people (the zod message is English-only and technical). */
export function describeIssue(issue: Issue): Bilingual {
  const path = issue.path.map(String);
  if (path[0] === 'timeLimits') return describeTimeLimitIssue(issue, path);
  if (issue.code === 'unrecognized_keys') {
    return {
      zh: `不能修改或提交的字段：${issue.keys.join('、')}`,
      en: `fields not allowed here: ${issue.keys.join(', ')}`,
    };
  }
  const field = path[0] ?? '';
  const zhField = fieldLabels[field] ?? field;
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return { zh: `缺少${zhField}`, en: `${field} is required` };
  }
  if (field === 'code' && issue.code === 'custom') {
    return { zh: '类别代码须以大类代码开头', en: 'code must start with majorCode' };
  }
  return { zh: `${zhField}不合法`, en: `${field}: ${issue.message}` };
}

/**
 * Parses input with a domain schema; on failure throws 422 naming every problem in Chinese
 * and English, with a machine-readable list in details.
 */
export function parseOrInvalid<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  const described = result.error.issues.map((issue) => ({ issue, text: describeIssue(issue) }));
  throw invalid(
    described.map((d) => d.text.zh).join('；'),
    described.map((d) => d.text.en).join('; '),
    described.map((d) => ({
      path: d.issue.path.map(String).join('.'),
      code: d.issue.code,
      message: d.text.en,
    })),
  );
}
