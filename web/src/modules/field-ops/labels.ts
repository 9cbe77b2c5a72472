import type { PartChange, PartStatus, RejectReason } from './field-api';

export const partStatusLabels: Record<PartStatus, string> = {
  intact: '完好',
  damaged: '破损',
  lost: '丢失',
  scrapped: '废弃',
  removed: '移除',
};

export const partStatusColors: Record<PartStatus, string> = {
  intact: '#389e0d',
  damaged: '#fa8c16',
  lost: '#cf1322',
  scrapped: '#8c8c8c',
  removed: '#bfbfbf',
};

/** Which column or field of the imported file a rejection is about. */
export const rejectFieldLabels: Record<RejectReason, string> = {
  bad_id: '部件标识码',
  bad_position: '经度/纬度',
  bad_status: '状态',
  outside_city: '经度/纬度',
  unknown_category: '部件标识码（第7–10位类别）',
  unknown_unit: '权属/主管/养护单位',
  duplicate_id: '部件标识码',
};

export const changeKindLabels: Record<PartChange['kind'], string> = {
  new: '新增',
  moved: '移位',
  removed: '移除',
};

export const changeStatusLabels: Record<PartChange['status'], string> = {
  pending: '待入库',
  applied: '已入库',
  rejected: '已驳回',
};

export const machineSourceLabels = { video: '视频监控', drone: '无人机' } as const;
export const machineDeviceLabels = { video: '摄像头', drone: '航班' } as const;

export const rejectedPointLabels = {
  speed: '速度异常',
  accuracy: '精度过低',
  future: '时间超前',
  repeated: '重复上传',
} as const;

/** 720 米 / 3.46 公里 */
export function distanceText(metres: number): string {
  return metres < 1000 ? `${Math.round(metres)} 米` : `${(metres / 1000).toFixed(2)} 公里`;
}

/** 3小时25分 / 12分钟 */
export function minutesText(minutes: number): string {
  const total = Math.round(minutes);
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours === 0) return `${rest}分钟`;
  return rest === 0 ? `${hours}小时` : `${hours}小时${rest}分`;
}

export function percentText(share: number | null | undefined): string {
  return share == null ? '—' : `${(share * 100).toFixed(1)}%`;
}
