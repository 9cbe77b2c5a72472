import { z } from 'zod';
import { categoryKindSchema } from './category-kind.js';
import { stageLimitSchema, timeLimitsSchema } from './stages.js';

const text = (max: number) => z.string().trim().min(1).max(max);

// The domain rules for writing a category. Services parse with these (errors → 422 with a
// Chinese and an English message); routes only describe the shape, so an HTTP client and a
// CLI caller get the same answer for the same bad input.
export const categoryCreateSchema = z
  .object({
    kind: categoryKindSchema,
    majorCode: z.string().regex(/^[0-9]{2}$/),
    /** Required for a new major; for an existing one it may be omitted but must match. */
    majorName: text(50).optional(),
    code: z.string().regex(/^[0-9]{4}$/),
    name: text(100),
    nameEn: z.string().trim().max(200).nullable().optional(),
    filingStandard: text(2000), // 立案标准
    closingStandard: text(2000), // 结案标准
    defaultUnitId: z.uuid().nullable().optional(),
    timeLimits: timeLimitsSchema,
    active: z.boolean().optional(),
  })
  .strict()
  .refine((v) => v.code.startsWith(v.majorCode), {
    path: ['code'],
    message: 'code must start with majorCode',
  });
export type CategoryCreateInput = z.input<typeof categoryCreateSchema>;

// Code, kind and major are identity: cases and statistics key on them, so they are not
// patchable; retire a category (active=false) and create another instead.
export const categoryPatchSchema = z
  .object({
    name: text(100).optional(),
    nameEn: z.string().trim().max(200).nullable().optional(),
    filingStandard: text(2000).optional(),
    closingStandard: text(2000).optional(),
    defaultUnitId: z.uuid().nullable().optional(),
    timeLimits: timeLimitsSchema.optional(),
    active: z.boolean().optional(),
    /** Optimistic lock: the version the editor saw; a stale edit gets 409. */
    expectedVersion: z.number().int().positive().optional(),
  })
  .strict();
export type CategoryPatchInput = z.input<typeof categoryPatchSchema>;

// ---- HTTP shapes (documentation and response serialisation) ----

export const categoryResponseSchema = z.object({
  id: z.string(),
  cityCode: z.string(),
  scheme: z.string(),
  kind: categoryKindSchema,
  majorCode: z.string(),
  majorName: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  filingStandard: z.string(),
  closingStandard: z.string(),
  defaultUnitId: z.string().nullable(),
  timeLimits: z.record(z.string(), stageLimitSchema),
  active: z.boolean(),
  version: z.number().int(),
});

export const categoryTreeResponseSchema = z.object({
  tree: z.array(
    z.object({
      kind: categoryKindSchema,
      label: z.string(),
      majors: z.array(
        z.object({
          majorCode: z.string(),
          majorName: z.string(),
          categories: z.array(categoryResponseSchema),
        }),
      ),
    }),
  ),
});

export const categoryListQuerySchema = z.object({
  kind: categoryKindSchema.optional(),
  majorCode: z
    .string()
    .regex(/^[0-9]{2}$/)
    .optional(),
  q: z.string().trim().max(50).optional(),
  /** tree=1: kind → major → minors instead of a flat list. */
  tree: z.stringbool().optional(),
  /** Retired categories are hidden unless asked for (admin screens). */
  includeInactive: z.stringbool().optional(),
});

const limitsBody = z
  .record(z.string(), z.unknown())
  .describe('{ [stage]: { amount, unit } }; dispose required');

// Loose on purpose: unknown keys and bad values travel on to the service, which rejects them
// with 422 (a plain z.object would silently strip e.g. a `code` in a PATCH).
export const categoryCreateBodySchema = z.looseObject({
  kind: z.string(),
  majorCode: z.string(),
  majorName: z.string().optional(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable().optional(),
  filingStandard: z.string(),
  closingStandard: z.string(),
  defaultUnitId: z.string().nullable().optional(),
  timeLimits: limitsBody,
  active: z.boolean().optional(),
});

export const categoryPatchBodySchema = z.looseObject({
  name: z.string().optional(),
  nameEn: z.string().nullable().optional(),
  filingStandard: z.string().optional(),
  closingStandard: z.string().optional(),
  defaultUnitId: z.string().nullable().optional(),
  timeLimits: limitsBody.optional(),
  active: z.boolean().optional(),
  expectedVersion: z.number().optional(),
});
