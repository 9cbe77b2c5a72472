import { z } from 'zod';

// The workflow steps a category can put a time limit on. The list is fixed (the case
// workflow and the deadline calculator key on these ids), so it is code, not data; the
// amounts per category are data. Order = the order a case passes through them.
export const stageSchema = z.enum([
  'accept', // 受理
  'verify', // 核实
  'file', // 立案
  'dispatch', // 派遣
  'dispose', // 处置
  'request_check', // 发送核查
  'check', // 核查
  'close', // 结案
]);
export type Stage = z.infer<typeof stageSchema>;

export const stages: readonly Stage[] = stageSchema.options;

export const stageLabels: Record<Stage, string> = {
  accept: '受理',
  verify: '核实',
  file: '立案',
  dispatch: '派遣',
  dispose: '处置',
  request_check: '发送核查',
  check: '核查',
  close: '结案',
};

// Limits count working time on the city calendar (DOMAIN §1.5: 工作时 / 工作日), not wall time.
export const timeUnitSchema = z.enum(['minute', 'hour', 'day']);
export type TimeUnit = z.infer<typeof timeUnitSchema>;

export const timeUnitLabels: Record<TimeUnit, string> = {
  minute: '分钟',
  hour: '工作时',
  day: '工作日',
};

/** Upper bound on an amount: 10000 working days is ~40 years, anything above is a typo. */
export const MAX_LIMIT_AMOUNT = 10_000;

export const stageLimitSchema = z
  .object({
    amount: z.number().int().positive().max(MAX_LIMIT_AMOUNT),
    unit: timeUnitSchema,
  })
  .strict();
export type StageLimit = z.infer<typeof stageLimitSchema>;

// Every stage is optional (a deployment may not time 发送核查, for example) except 处置:
// the disposal deadline is what units are scored on, so a category without one is unusable.
// strict() rejects unknown stage keys so a misspelt key cannot silently drop a limit.
export const timeLimitsSchema = z
  .object({
    accept: stageLimitSchema.optional(),
    verify: stageLimitSchema.optional(),
    file: stageLimitSchema.optional(),
    dispatch: stageLimitSchema.optional(),
    dispose: stageLimitSchema,
    request_check: stageLimitSchema.optional(),
    check: stageLimitSchema.optional(),
    close: stageLimitSchema.optional(),
  })
  .strict();
export type TimeLimits = z.infer<typeof timeLimitsSchema>;

/** "4 工作时" — for lists, exports and audit details. */
export function formatStageLimit(limit: StageLimit): string {
  return `${limit.amount} ${timeUnitLabels[limit.unit]}`;
}

/**
 * The same limits with stages in workflow order and each limit as { amount, unit }. jsonb
 * stores keys in its own order (shortest first), so rows read back shuffled; compare and
 * display through this. Keys that are not stages are kept, after the known ones.
 */
export function orderTimeLimits(limits: Readonly<Record<string, unknown>>): Record<string, StageLimit> {
  const ordered: Record<string, StageLimit> = {};
  const put = (key: string) => {
    const value = limits[key] as Partial<StageLimit> | undefined;
    if (value === undefined || value === null) return;
    ordered[key] = { amount: value.amount as number, unit: value.unit as TimeUnit };
  };
  for (const stage of stages) put(stage);
  for (const key of Object.keys(limits)) if (!(key in ordered) && !stages.includes(key as Stage)) put(key);
  return ordered;
}

export function sameTimeLimits(
  a: Readonly<Record<string, unknown>>,
  b: Readonly<Record<string, unknown>>,
): boolean {
  return JSON.stringify(orderTimeLimits(a)) === JSON.stringify(orderTimeLimits(b));
}
