import { z } from 'zod';

// Field operations (外业): collectors, GPS tracks, the parts inventory, machine intake and
// campaigns. Shared by the server's routes and the web/field apps.

const lng = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);
const instant = z.iso.datetime({ offset: true });
const lngLat = z.tuple([lng, lat]);

/** Tunables of the track computations and machine intake, per city. */
export const fieldSettingsSchema = z.object({
  /** 巡查覆盖率: half-width of the corridor around the track that counts as patrolled */
  bufferM: z.number().int().min(1).max(500).default(30),
  /** a silence longer than this breaks the track (offline) */
  gapMinutes: z.number().int().min(1).max(240).default(10),
  /** 间隔密度: visits to a grid count separately only this far apart */
  intervalMinutes: z.number().int().min(10).max(1440).default(120),
  maxSpeedKmh: z.number().int().min(10).max(1000).default(120),
  maxAccuracyM: z.number().int().min(5).max(5000).default(100),
  /** machine intake: an open case of the same category this close … */
  duplicateRadiusM: z.number().int().min(1).max(5000).default(50),
  /** … and reported this recently makes a new detection a duplicate */
  duplicateWindowHours: z.number().int().min(1).max(720).default(24),
});
export type FieldSettings = z.infer<typeof fieldSettingsSchema>;
export const fieldSettingsPatchSchema = fieldSettingsSchema.partial();

// ── Collectors ───────────────────────────────────────────────────────────────────────────────

export const collectorProfileSchema = z.object({
  /** the contractor company (外包公司) */
  company: z.string().trim().max(100).default(''),
  /** the contract package (合同包), e.g. 第一合同包; vendors join on this text */
  contractPackage: z.string().trim().max(100).default(''),
  /** the assigned device (定设备) */
  deviceId: z.string().trim().min(1).max(64).nullable().default(null),
  /** the patrol route as GeoJSON LineString coordinates */
  route: z.array(lngLat).min(2).max(5000).nullable().default(null),
  /** responsibility grids by 15-digit code (定区域) */
  gridCodes: z
    .array(z.string().regex(/^[0-9]{15}$/))
    .max(200)
    .optional(),
});
export type CollectorProfileInput = z.infer<typeof collectorProfileSchema>;

export const shiftsSchema = z.object({
  shifts: z
    .array(z.object({ startsAt: instant, endsAt: instant }))
    .min(1)
    .max(400),
});

// ── Tracks ───────────────────────────────────────────────────────────────────────────────────

export const MAX_POINTS_PER_BATCH = 5000;

export const positionsBatchSchema = z.object({
  deviceId: z.string().trim().min(1).max(64),
  /** a client-made id: a resent batch is answered from the first result and stores nothing */
  batchId: z.string().trim().min(8).max(64).optional(),
  points: z
    .array(
      z.object({
        t: instant,
        lng,
        lat,
        /** horizontal accuracy in metres */
        accuracy: z.number().min(0).max(100_000).optional(),
      }),
    )
    .min(1)
    .max(MAX_POINTS_PER_BATCH),
});
export type PositionsBatch = z.infer<typeof positionsBatchSchema>;

export const positionsResultSchema = z.object({
  received: z.number().int(),
  stored: z.number().int(),
  /** already stored (same device and instant) */
  duplicates: z.number().int(),
  rejected: z.object({
    speed: z.number().int(),
    accuracy: z.number().int(),
    future: z.number().int(),
    repeated: z.number().int(),
  }),
  /** true when the batch id was seen before and nothing was done */
  replayed: z.boolean(),
});
export type PositionsResult = z.infer<typeof positionsResultSchema>;

export const dayQuerySchema = z.object({
  day: z.iso.date().describe('Shanghai calendar date'),
  bufferM: z.coerce.number().int().min(1).max(500).optional(),
  gapMinutes: z.coerce.number().int().min(1).max(240).optional(),
  intervalMinutes: z.coerce.number().int().min(10).max(1440).optional(),
});

// ── Parts inventory (部件普查) ───────────────────────────────────────────────────────────────

export const partStatusSchema = z.enum(['intact', 'damaged', 'lost', 'scrapped', 'removed']);
export const partStatusLabels: Record<z.infer<typeof partStatusSchema>, string> = {
  intact: '完好',
  damaged: '破损',
  lost: '丢失',
  scrapped: '废弃',
  removed: '移除',
};
/** 16 digits: 6 area + 2 major + 2 minor + 6 sequence (DOMAIN.md §1.2). */
export const partCodeSchema = z.string().regex(/^[0-9]{16}$/, 'part id is 16 digits');

export const partChangeSchema = z.object({
  kind: z.enum(['new', 'moved', 'removed']),
  /** moved/removed: the part; new: absent (a code is made on approval) */
  partCode: partCodeSchema.optional(),
  /** new: the 4-digit part category */
  categoryCode: z
    .string()
    .regex(/^[0-9]{4}$/)
    .optional(),
  lng: lng.optional(),
  lat: lat.optional(),
  note: z.string().trim().max(500).optional(),
  /** when the collector found the change (defaults to now) */
  observedAt: instant.optional(),
});
export type PartChangeInput = z.infer<typeof partChangeSchema>;

// ── Machine intake (视频/无人机) ─────────────────────────────────────────────────────────────

export const machineSourceSchema = z.enum(['video', 'drone']);
export const intakeFieldsSchema = z.object({
  /** camera id (video) or flight id (drone) */
  deviceId: z.string().trim().min(1).max(64),
  kind: z.enum(['event', 'part']).default('event'),
  categoryCode: z.string().regex(/^[0-9]{4}$/),
  lng: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
  capturedAt: instant,
  description: z.string().trim().max(2000).optional(),
});
export type IntakeFields = z.infer<typeof intakeFieldsSchema>;

export const intakeTokenSchema = z.object({
  name: z.string().trim().min(1).max(100),
  source: machineSourceSchema,
  /** the centre user (受理员/值班长) the cases are filed as */
  actingLogin: z.string().min(1).max(64),
});

// ── Campaigns (专项行动) ─────────────────────────────────────────────────────────────────────

export const campaignFieldSchema = z.object({
  key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,31}$/),
  label: z.string().trim().min(1).max(40),
  type: z.enum(['text', 'number', 'datetime', 'date', 'boolean', 'choice']),
  required: z.boolean().default(false),
  /** text: a regular expression the value must match (e.g. a plate number) */
  pattern: z.string().max(300).optional(),
  /** choice: the allowed values */
  options: z.array(z.string().max(100)).max(100).optional(),
});
export type CampaignField = z.infer<typeof campaignFieldSchema>;

export const campaignSchema = z.object({
  name: z.string().trim().min(1).max(100),
  startsOn: z.iso.date(),
  endsOn: z.iso.date(),
  fields: z.array(campaignFieldSchema).min(1).max(40),
  /** the bulletin section's heading (e.g. 斑马线前不礼让行为曝光); default: the name + 曝光 */
  bulletinTitle: z.string().trim().min(1).max(60).optional(),
  /** the section's closing sentence (e.g. 上述案件信息已推送媒体曝光…) */
  bulletinClosing: z.string().trim().min(1).max(300).optional(),
});
export type CampaignInput = z.infer<typeof campaignSchema>;

export const campaignEntrySchema = z.object({
  data: z.record(z.string(), z.unknown()),
  observedAt: instant.optional(),
  lng: lng.optional(),
  lat: lat.optional(),
  /** when no position is known: the district by name */
  districtName: z.string().trim().max(40).optional(),
});
export type CampaignEntryInput = z.infer<typeof campaignEntrySchema>;

/** A campaign's entry list: paged, by district and by Shanghai dates (inclusive). */
export const campaignEntryFilterSchema = z.object({
  districtId: z.uuid().optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  /** only the entries marked 典型 */
  featured: z.enum(['true', 'false']).optional(),
});
export type CampaignEntryFilter = z.infer<typeof campaignEntryFilterSchema>;

/** 典型: the entry is listed in the bulletin's exposure table. */
export const campaignEntryPatchSchema = z.object({ featured: z.boolean() });

/** The zebra-crossing campaign (斑马线不礼让行人): time, place, plate. */
export const zebraCrossingFields: CampaignField[] = [
  { key: 'time', label: '时间', type: 'datetime', required: true },
  { key: 'place', label: '地点', type: 'text', required: true },
  {
    key: 'plate',
    label: '车牌',
    type: 'text',
    required: true,
    pattern:
      '^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][A-HJ-NP-Z0-9]{4,5}[A-HJ-NP-Z0-9挂学警港澳]$',
  },
];
