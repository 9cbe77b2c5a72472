import { z } from 'zod';

// Open311 GeoReport v2, citizen reporting (公众随手拍) and outbound integration: the shapes the
// console and the server share. Open311's own wire format keeps the spec's snake_case names.

export const open311DatatypeSchema = z.enum([
  'string',
  'number',
  'datetime',
  'text',
  'singlevaluelist',
  'multivaluelist',
]);
export type Open311Datatype = z.infer<typeof open311DatatypeSchema>;

/** One attribute of a service definition (the spec's field names). */
export const serviceAttributeSchema = z.object({
  variable: z.boolean(),
  code: z.string().regex(/^[A-Za-z0-9_]{1,40}$/),
  datatype: open311DatatypeSchema,
  required: z.boolean(),
  datatype_description: z.string().max(200).nullable(),
  order: z.number().int().positive(),
  description: z.string().max(500),
  values: z.array(z.object({ key: z.string().min(1).max(40), name: z.string().min(1).max(100) })).optional(),
});
export type ServiceAttribute = z.infer<typeof serviceAttributeSchema>;

export const open311ServiceTypeSchema = z.enum(['realtime', 'batch', 'blackbox']);

// ── API keys (admins issue them; only a hash is stored) ──
export const createApiKeySchema = z.object({
  name: z.string().trim().min(1).max(100),
  perMinute: z.number().int().min(1).max(10000).default(60),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;

export const apiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  keyPrefix: z.string(),
  perMinute: z.number().int(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKeyDto = z.infer<typeof apiKeySchema>;

// ── Moderation of public output ──
export const moderationSchema = z.object({
  hidden: z.boolean(),
  reason: z.string().trim().min(1).max(500),
});

// ── Citizen page: public status (no personal data) ──
export const publicStepSchema = z.object({ at: z.string(), label: z.string() });
export const publicStatusSchema = z.object({
  trackingNo: z.string(),
  status: z.enum(['open', 'closed']),
  statusLabel: z.string(),
  category: z.string(),
  description: z.string(),
  reportedAt: z.string(),
  expectedAt: z.string().nullable(),
  steps: z.array(publicStepSchema),
});
export type PublicStatus = z.infer<typeof publicStatusSchema>;

// ── Outbound webhooks ──
export const webhookEventTypeSchema = z.enum([
  'case.filed',
  'case.dispatched',
  'case.disposed',
  'case.closed',
  'case.overdue',
]);
export type WebhookEventType = z.infer<typeof webhookEventTypeSchema>;

export const createSubscriptionSchema = z.object({
  name: z.string().trim().min(1).max(100),
  url: z.url({ protocol: /^https?$/ }).max(2000),
  eventTypes: z.array(webhookEventTypeSchema).min(1),
});
export type CreateSubscriptionInput = z.infer<typeof createSubscriptionSchema>;

// ── Upper-level platform exchange (省级/国家平台对接) ──
export const exchangeSettingsSchema = z
  .object({
    targetUrl: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .nullable()
      .default(null),
    targetDir: z.string().trim().min(1).max(500).nullable().default(null),
    active: z.boolean().default(true),
  })
  .refine((v) => v.targetUrl !== null || v.targetDir !== null, {
    message: 'targetUrl or targetDir is required',
  });
export type ExchangeSettingsInput = z.infer<typeof exchangeSettingsSchema>;

export const exchangeRunRequestSchema = z.object({
  period: z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, 'period is YYYY-MM'),
});
