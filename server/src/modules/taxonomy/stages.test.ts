import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.js';
import { categoryPatchSchema } from './category-schemas.js';
import { parseOrInvalid } from './category-validation.js';
import {
  formatStageLimit,
  orderTimeLimits,
  sameTimeLimits,
  stageLabels,
  stages,
  timeLimitsSchema,
} from './stages.js';

describe('stages', () => {
  it('lists the eight stages in workflow order, each with a Chinese label', () => {
    expect(stages).toEqual([
      'accept',
      'verify',
      'file',
      'dispatch',
      'dispose',
      'request_check',
      'check',
      'close',
    ]);
    expect(stages.map((s) => stageLabels[s])).toEqual([
      '受理',
      '核实',
      '立案',
      '派遣',
      '处置',
      '发送核查',
      '核查',
      '结案',
    ]);
    expect(formatStageLimit({ amount: 4, unit: 'hour' })).toBe('4 工作时');
  });

  it('orders limits the way jsonb does not: stages in workflow order, { amount, unit }', () => {
    const fromJsonb = {
      file: { unit: 'minute', amount: 30 },
      dispose: { unit: 'hour', amount: 4 },
      accept: { unit: 'minute', amount: 10 },
    };
    const ordered = orderTimeLimits(fromJsonb);
    expect(JSON.stringify(ordered)).toBe(
      '{"accept":{"amount":10,"unit":"minute"},"file":{"amount":30,"unit":"minute"},"dispose":{"amount":4,"unit":"hour"}}',
    );
    expect(sameTimeLimits(fromJsonb, ordered)).toBe(true);
    expect(sameTimeLimits(fromJsonb, { ...ordered, dispose: { amount: 5, unit: 'hour' } })).toBe(false);
  });

  it('accepts a limit set with only 处置', () => {
    expect(timeLimitsSchema.parse({ dispose: { amount: 1, unit: 'day' } })).toEqual({
      dispose: { amount: 1, unit: 'day' },
    });
  });

  it.each([
    ['no dispose', { accept: { amount: 30, unit: 'minute' } }],
    ['an unknown stage', { dispose: { amount: 1, unit: 'day' }, repair: { amount: 1, unit: 'day' } }],
    ['zero', { dispose: { amount: 0, unit: 'day' } }],
    ['a fraction', { dispose: { amount: 1.5, unit: 'day' } }],
    ['too large', { dispose: { amount: 10_001, unit: 'minute' } }],
    ['a bad unit', { dispose: { amount: 1, unit: 'week' } }],
    ['an extra field', { dispose: { amount: 1, unit: 'day', note: 'x' } }],
    ['a string amount', { dispose: { amount: '4', unit: 'hour' } }],
  ])('rejects %s', (_what, limits) => {
    expect(timeLimitsSchema.safeParse(limits).success).toBe(false);
  });
});

describe('parseOrInvalid', () => {
  const failure = (input: unknown): AppError => {
    try {
      parseOrInvalid(categoryPatchSchema, input);
    } catch (error) {
      if (error instanceof AppError) return error;
      throw error;
    }
    throw new Error('expected a failure');
  };

  it('explains a missing 处置 limit in both languages, as 422', () => {
    const error = failure({ timeLimits: { accept: { amount: 30, unit: 'minute' } } });
    expect(error.status).toBe(422);
    expect(error.code).toBe('INVALID');
    expect(error.messages.zh).toContain('必须设置处置时限');
    expect(error.messages.en).toContain('dispose');
  });

  it('names unknown stages, bad amounts and bad units', () => {
    expect(
      failure({ timeLimits: { dispose: { amount: 1, unit: 'day' }, repair: { amount: 1, unit: 'day' } } })
        .messages.zh,
    ).toContain('未知环节：repair');
    const amount = failure({ timeLimits: { dispose: { amount: -2, unit: 'day' } } });
    expect(amount.messages.zh).toBe('处置时限的数值须为 1 至 10000 的整数');
    expect(amount.details).toEqual([expect.objectContaining({ path: 'timeLimits.dispose.amount' })]);
    expect(
      failure({ timeLimits: { dispose: { amount: 1, unit: 'week' }, check: { amount: 1, unit: 'week' } } })
        .messages.zh,
    ).toBe('处置时限的单位须为 minute、hour、day 之一；核查时限的单位须为 minute、hour、day 之一');
  });

  it('rejects identity fields in a patch and empty standards', () => {
    expect(failure({ code: '0199' }).messages.zh).toContain('code');
    expect(failure({ filingStandard: '  ' }).messages.zh).toBe('立案标准不合法');
  });
});
