import { z } from 'zod';

// 12345 热线 work orders (工单): shapes shared by the server and the console.

export const hotlineChannelSchema = z.enum([
  'phone', // 电话
  'web', // 网站
  'wechat', // 微信
  'mailbox', // 市长信箱
  'leader', // 领导交办
]);
export type HotlineChannel = z.infer<typeof hotlineChannelSchema>;

export const hotlineChannelLabels: Record<HotlineChannel, string> = {
  phone: '电话',
  web: '网站',
  wechat: '微信',
  mailbox: '市长信箱',
  leader: '领导交办',
};

/** 诉求类型, the five the seed bulletin counts. */
export const appealTypeSchema = z.enum([
  'consult', // 咨询
  'complaint', // 投诉举报
  'help', // 求助
  'suggestion', // 意见建议
  'praise', // 表扬
]);
export type AppealType = z.infer<typeof appealTypeSchema>;

export const appealTypeLabels: Record<AppealType, string> = {
  consult: '咨询',
  complaint: '投诉举报',
  help: '求助',
  suggestion: '意见建议',
  praise: '表扬',
};

/** Why a call was recorded as invalid (无效来电). */
export const invalidReasonSchema = z.enum([
  'prank', // 骚扰/恶意来电
  'silent', // 无声电话
  'wrong_number', // 打错电话
  'hang_up', // 接通即挂断
  'test', // 测试
  'other', // 其他
]);
export type InvalidReason = z.infer<typeof invalidReasonSchema>;

export const invalidReasonLabels: Record<InvalidReason, string> = {
  prank: '骚扰来电',
  silent: '无声电话',
  wrong_number: '打错电话',
  hang_up: '接通即挂断',
  test: '测试',
  other: '其他',
};

/** 突发事件 kinds that trigger the emergency information report. */
export const emergencyTypeSchema = z.enum([
  'flood', // 汛情
  'geological', // 地质灾害
  'gas', // 燃气
  'other', // 其他突发事件
]);
export type EmergencyType = z.infer<typeof emergencyTypeSchema>;

export const emergencyTypeLabels: Record<EmergencyType, string> = {
  flood: '汛情',
  geological: '地质灾害',
  gas: '燃气',
  other: '其他突发事件',
};

export const hotlineStatusSchema = z.enum([
  'received', // 已受理/待处理
  'answered', // 已直接答复
  'transferred', // 已转办/待签收
  'signed', // 已签收/办理中
  'replied', // 已办结/待回访
  'archived', // 已归档
  'converted', // 已转数字城管案件
  'invalid', // 无效来电
  'merged', // 已并单
]);
export type HotlineStatus = z.infer<typeof hotlineStatusSchema>;

export const hotlineStatusLabels: Record<HotlineStatus, string> = {
  received: '待处理',
  answered: '已直接答复',
  transferred: '待签收',
  signed: '办理中',
  replied: '已办结',
  archived: '已归档',
  converted: '已转案件',
  invalid: '无效来电',
  merged: '已并单',
};

export const hotlineActionSchema = z.enum([
  'receive', // 受理登记
  'receive_invalid', // 登记无效来电
  'answer', // 直接答复
  'transfer', // 转办
  'sign', // 签收
  'return', // 退单
  'reply', // 办结
  'request_extension', // 申请延期
  'approve_extension', // 批准延期
  'deny_extension', // 驳回延期
  'callback', // 回访
  'archive', // 归档（未回访）
  'urge', // 催办
  'supervise', // 督办
  'merge', // 并单
  'convert', // 转数字城管案件
  'case_closed', // 案件结案（自动办结）
  'progress_call', // 首接回复（向来电人通报进度）
]);
export type HotlineAction = z.infer<typeof hotlineActionSchema>;

export const hotlineActionLabels: Record<HotlineAction, string> = {
  receive: '受理登记',
  receive_invalid: '登记无效来电',
  answer: '直接答复',
  transfer: '转办',
  sign: '签收',
  return: '退单',
  reply: '办结',
  request_extension: '申请延期',
  approve_extension: '批准延期',
  deny_extension: '驳回延期',
  callback: '回访',
  archive: '归档',
  urge: '催办',
  supervise: '督办',
  merge: '并单',
  convert: '转数字城管案件',
  case_closed: '案件结案自动办结',
  progress_call: '向来电人回复进度',
};

/** 满意 / 基本满意 / 不满意. */
export const satisfactionSchema = z.enum(['satisfied', 'basically', 'unsatisfied']);
export type Satisfaction = z.infer<typeof satisfactionSchema>;

export const satisfactionLabels: Record<Satisfaction, string> = {
  satisfied: '满意',
  basically: '基本满意',
  unsatisfied: '不满意',
};

/** Mobile (1[3-9]x, 11 digits) or landline with area code (0812-3334444). */
export const callerPhoneSchema = z
  .string()
  .trim()
  .regex(/^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$/, 'not a phone number / 不是有效的电话号码');

export const receiveOrderSchema = z
  .object({
    channel: hotlineChannelSchema.default('phone'),
    /** Optional: a caller may stay anonymous (minimum necessary). */
    callerName: z.string().trim().max(50).optional(),
    callerPhone: callerPhoneSchema.optional(),
    /** 保密: units never see the contacts. */
    confidential: z.boolean().default(false),
    valid: z.boolean().default(true),
    invalidReason: invalidReasonSchema.optional(),
    appealType: appealTypeSchema.optional(),
    subjectCode: z.string().trim().min(1).max(20).optional(),
    content: z.string().trim().max(4000).default(''),
    address: z.string().trim().max(200).optional(),
    lng: z.number().min(-180).max(180).optional(),
    lat: z.number().min(-90).max(90).optional(),
    urgent: z.boolean().default(false),
    emergency: emergencyTypeSchema.optional(),
    receivedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((v) => (v.lng === undefined) === (v.lat === undefined), {
    message: 'lng and lat come together / 经纬度须同时提供',
    path: ['lng'],
  });
export type ReceiveOrderInput = z.infer<typeof receiveOrderSchema>;

export const orderActionSchema = z.object({
  action: hotlineActionSchema.exclude(['receive', 'receive_invalid', 'case_closed']),
  /** The version the client saw; a stale one gets 409. */
  version: z.number().int().min(1),
  note: z.string().trim().max(4000).optional(),
  /** answer / reply: the text told to the caller. */
  replyText: z.string().trim().max(4000).optional(),
  /** answer: the knowledge-base article used. */
  articleId: z.uuid().optional(),
  /** transfer: the lead unit (主办) and co-units (协办). */
  leadUnitId: z.uuid().optional(),
  coUnitIds: z.array(z.uuid()).max(10).optional(),
  /** transfer: explicit deadline instead of the appeal type's limit. */
  deadlineAt: z.iso.datetime({ offset: true }).optional(),
  /** request_extension: the deadline asked for. */
  extendTo: z.iso.datetime({ offset: true }).optional(),
  /** callback */
  unitSatisfaction: satisfactionSchema.optional(),
  agentSatisfaction: satisfactionSchema.optional(),
  /** callback on a direct answer: false when the caller's matter is not resolved (goes back to be transferred). */
  resolved: z.boolean().optional(),
  /** merge: the order this one duplicates. */
  masterId: z.uuid().optional(),
  /** supervise: 普通/黄牌/红牌. */
  supervision: z.enum(['normal', 'yellow', 'red']).optional(),
});
export type OrderActionInput = z.infer<typeof orderActionSchema>;

export const monthSchema = z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, 'month is YYYY-MM');

export const articleInputSchema = z.object({
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(20000),
  tags: z.array(z.string().trim().min(1).max(20)).max(20).default([]),
  unitId: z.uuid().optional(),
  validFrom: z.iso.date().optional(),
  validTo: z.iso.date().optional(),
});
export type ArticleInput = z.infer<typeof articleInputSchema>;

/** The seed's grouping of units on the hotline board. */
export const unitGroupSchema = z.enum(['district', 'department', 'enterprise']);
export type UnitGroup = z.infer<typeof unitGroupSchema>;
export const unitGroupLabels: Record<UnitGroup, string> = {
  district: '区县',
  department: '市级部门',
  enterprise: '企事业单位',
};
