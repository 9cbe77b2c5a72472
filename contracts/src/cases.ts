import { z } from 'zod';

export const caseStatusSchema = z.enum([
  'reported', // 上报/待受理
  'verifying', // 待核实
  'accepted', // 已受理/待立案
  'filed', // 已立案/待派遣
  'dispatched', // 已派遣/处置中
  'disposed', // 处置反馈/待核查
  'checking', // 核查中
  'checked', // 核查通过/待结案
  'check_failed', // 核查未通过/待返工
  'closed', // 已结案
  'parked', // 挂账
  'voided', // 作废/不予立案
]);
export type CaseStatus = z.infer<typeof caseStatusSchema>;

export const caseStatusLabels: Record<CaseStatus, string> = {
  reported: '待受理',
  verifying: '待核实',
  accepted: '待立案',
  filed: '待派遣',
  dispatched: '处置中',
  disposed: '待核查',
  checking: '核查中',
  checked: '待结案',
  check_failed: '待返工',
  closed: '已结案',
  parked: '挂账',
  voided: '作废',
};

export const caseActionSchema = z.enum([
  'report', // 上报
  'self_dispose', // 自行处置
  'accept', // 受理
  'request_verify', // 发送核实
  'verify', // 核实
  'file', // 立案
  'void', // 作废
  'dispatch', // 派遣
  'return', // 回退
  'request_extension', // 申请延期
  'approve_extension', // 批准延期
  'deny_extension', // 驳回延期
  'dispose', // 处置反馈
  'request_check', // 发送核查
  'check_pass', // 核查通过
  'check_fail', // 核查不通过
  'rework', // 返工
  'close', // 结案
  'park', // 挂账
  'unpark', // 解除挂账
  'supervise', // 督办
]);
export type CaseAction = z.infer<typeof caseActionSchema>;

export const caseActionLabels: Record<CaseAction, string> = {
  report: '上报',
  self_dispose: '自行处置',
  accept: '受理',
  request_verify: '发送核实',
  verify: '核实',
  file: '立案',
  void: '作废',
  dispatch: '派遣',
  return: '回退',
  request_extension: '申请延期',
  approve_extension: '批准延期',
  deny_extension: '驳回延期',
  dispose: '处置反馈',
  request_check: '发送核查',
  check_pass: '核查通过',
  check_fail: '核查不通过',
  rework: '返工',
  close: '结案',
  park: '挂账',
  unpark: '解除挂账',
  supervise: '督办',
};

export const caseSourceSchema = z.enum([
  'patrol',
  'hotline',
  'video',
  'drone',
  'public',
  'leader',
  'media',
  'mailbox',
  'wechat',
]);
export type CaseSource = z.infer<typeof caseSourceSchema>;

export const caseKindSchema = z.enum(['event', 'part']);
export type CaseKind = z.infer<typeof caseKindSchema>;

export const supervisionSchema = z.enum(['normal', 'yellow', 'red']); // 普通/黄牌/红牌督办

/** Traffic light of the current stage: 绿灯 on time, 黄灯 warning, 红灯 overdue. */
export const lightSchema = z.enum(['green', 'yellow', 'red', 'none']);

export const categoryCodeSchema = z.string().regex(/^[0-9]{4}$/, 'category code is 4 digits');

/**
 * A photo a report declares (照片登记): the phone sends the report at once with each photo's
 * digest, type and size, and the bytes follow when the network allows; the case shows the photos
 * still to come, and an upload is matched to its declaration by the digest of the bytes sent.
 */
export const declaredPhotoSchema = z.object({
  stage: z.enum(['report', 'before', 'after']).default('report'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'sha256 is 64 lowercase hex digits'),
  contentType: z.enum(['image/jpeg', 'image/png', 'image/webp']),
  byteSize: z.number().int().positive(),
});
export type DeclaredPhoto = z.infer<typeof declaredPhotoSchema>;
/** Photos one report may declare (more may still be uploaded to the case). */
export const MAX_DECLARED_PHOTOS = 9;

export const reportCaseSchema = z.object({
  kind: caseKindSchema,
  categoryCode: categoryCodeSchema,
  description: z.string().trim().min(1).max(2000),
  lng: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  address: z.string().trim().max(200).optional(),
  source: caseSourceSchema.default('patrol'),
  urgent: z.boolean().default(false),
  /** Self-disposal (自行处置): the collector fixed it on the spot; closes in one step. */
  selfDisposed: z.boolean().default(false),
  reportedAt: z.iso.datetime({ offset: true }).optional(),
  /** A part case about an inventoried part (部件普查): dispatch defaults to its maintaining unit. */
  partId: z.uuid().optional(),
  photos: z
    .array(declaredPhotoSchema)
    .max(MAX_DECLARED_PHOTOS)
    .refine((photos) => new Set(photos.map((p) => `${p.stage}:${p.sha256}`)).size === photos.length, {
      message: 'a photo is declared twice',
    })
    .optional(),
});
export type ReportCaseInput = z.infer<typeof reportCaseSchema>;

export const transitionSchema = z.object({
  action: caseActionSchema.exclude(['report', 'self_dispose']),
  /** The version the client saw; a stale one gets 409. */
  version: z.number().int().min(1),
  note: z.string().trim().max(2000).optional(),
  /** dispatch: target unit; defaults to the category's default unit. */
  unitId: z.uuid().optional(),
  /** dispatch / rework: explicit deadline instead of the category limit. */
  deadlineAt: z.iso.datetime({ offset: true }).optional(),
  /** request_extension: the deadline asked for. */
  extendTo: z.iso.datetime({ offset: true }).optional(),
  /** verify: whether the report is true (属实). */
  confirmed: z.boolean().optional(),
  /** request_verify / request_check: the collector to send; defaults to the grid's collector. */
  assigneeId: z.uuid().optional(),
  supervision: supervisionSchema.optional(),
  /** file: category correction at filing. */
  categoryCode: categoryCodeSchema.optional(),
  kind: caseKindSchema.optional(),
});
export type TransitionInput = z.infer<typeof transitionSchema>;

export const queueSchema = z.enum([
  'to_accept', // 待受理
  'to_verify', // 待核实
  'to_file', // 待立案
  'to_dispatch', // 待派遣
  'disposing', // 处置中
  'to_check', // 待核查
  'to_close', // 待结案
  'overdue', // 超期
  'parked', // 挂账
  'all',
]);
export type Queue = z.infer<typeof queueSchema>;

/** 延期申请 on case lists: `pending` 待审批延期 (a request waits for the dispatcher), `none` no request waiting. */
export const extensionFilterSchema = z.enum(['pending', 'none']);
export type ExtensionFilter = z.infer<typeof extensionFilterSchema>;

/** Why a collector is proposed for a 核实/核查 task (the order the server tries them in). */
export const collectorSuggestionReasonSchema = z.enum([
  'responsible', // 网格责任监督员
  'nearest_on_shift', // 在岗且距离最近
  'reporter', // 上报监督员（巡查上报）
]);
export type CollectorSuggestionReason = z.infer<typeof collectorSuggestionReasonSchema>;

export const collectorSuggestionReasonLabels: Record<CollectorSuggestionReason, string> = {
  responsible: '网格责任监督员',
  nearest_on_shift: '在岗最近的监督员',
  reporter: '上报监督员',
};

/** A collector who could be sent to a case for 核实/核查, with what makes them a good choice. */
export interface CaseCollectorCandidate {
  userId: string;
  login: string;
  displayName: string;
  /** Answers for the case's grid now (责任网格). */
  responsible: boolean;
  /** Answers for a grid in the case's district. */
  inDistrict: boolean;
  /** On a shift now (在岗). */
  onShift: boolean;
  /** Metres from the case to the last position sent in the past 30 minutes; null without one. */
  distanceM: number | null;
}

/** GET /api/cases/:id/collectors: the suggested collector (what the server picks without a choice) and the list to choose from. */
export interface CaseCollectorChoice {
  suggested: { userId: string; reason: CollectorSuggestionReason } | null;
  items: CaseCollectorCandidate[];
  /** All active collectors of the city; `items` holds at most the first 200 in order of fitness. */
  total: number;
}
