import type { CaseSource } from '@cityloop/contracts/cases';

export const sourceLabels: Record<CaseSource, string> = {
  patrol: '监督员上报',
  hotline: '12345热线',
  video: '视频监控',
  drone: '无人机',
  public: '公众举报',
  leader: '领导交办',
  media: '媒体曝光',
  mailbox: '市长信箱',
  wechat: '微信公众号',
};

export const kindLabels = { event: '事件', part: '部件' } as const;

export const supervisionLabels = { normal: '普通督办', yellow: '黄牌督办', red: '红牌督办' } as const;

export const photoStageLabels = {
  report: '上报照片',
  before: '处置前',
  after: '处置后',
  dispose: '处置反馈',
  check: '核查照片',
} as const;
