import type { AppealType } from '@cityloop/contracts/hotline';

// DATA: the default 12345 dictionaries a city starts with (seeded by seedHotlineDictionaries,
// editable in the database afterwards). Subject groups follow the grouping hotline reports use
// (the seed counts 城乡建设 calls); a subject that is also a 数字城管 matter names its CJ/T 214
// category (kind + 4-digit code) so an order can be converted into a case.

export interface SubjectSpec {
  code: string;
  group: string;
  name: string;
  caseCategory?: { kind: 'event' | 'part'; code: string };
}

const ev = (code: string) => ({ kind: 'event' as const, code });
const part = (code: string) => ({ kind: 'part' as const, code });

export const subjectGroups = [
  '城乡建设',
  '市容环境',
  '交通出行',
  '社会保障',
  '教育卫生',
  '市场监管',
  '公共安全',
  '公用事业',
  '其他',
] as const;

export const defaultSubjects: readonly SubjectSpec[] = [
  { code: 'CX01', group: '城乡建设', name: '违章搭建', caseCategory: ev('0101') },
  { code: 'CX02', group: '城乡建设', name: '房屋质量与物业管理' },
  { code: 'CX03', group: '城乡建设', name: '小区配套设施' },
  { code: 'CX04', group: '城乡建设', name: '道路破损', caseCategory: ev('0110') },
  { code: 'CX05', group: '城乡建设', name: '施工扰民', caseCategory: ev('0301') },
  { code: 'CX06', group: '城乡建设', name: '工地扬尘', caseCategory: ev('0302') },
  { code: 'CX07', group: '城乡建设', name: '下水道堵塞', caseCategory: ev('0404') },
  { code: 'CX08', group: '城乡建设', name: '规划与拆迁' },
  { code: 'SR01', group: '市容环境', name: '暴露垃圾', caseCategory: ev('0102') },
  { code: 'SR02', group: '市容环境', name: '积存垃圾渣土', caseCategory: ev('0103') },
  { code: 'SR03', group: '市容环境', name: '油烟污染', caseCategory: ev('0116') },
  { code: 'SR04', group: '市容环境', name: '非法小广告', caseCategory: ev('0201') },
  { code: 'SR05', group: '市容环境', name: '店外经营', caseCategory: ev('0504') },
  { code: 'SR06', group: '市容环境', name: '露天烧烤', caseCategory: ev('0510') },
  { code: 'SR07', group: '市容环境', name: '井盖缺损', caseCategory: part('0102') },
  { code: 'SR08', group: '市容环境', name: '环境污染' },
  { code: 'JT01', group: '交通出行', name: '机动车乱停放', caseCategory: ev('0505') },
  { code: 'JT02', group: '交通出行', name: '公交线路与站点' },
  { code: 'JT03', group: '交通出行', name: '出租车服务' },
  { code: 'JT04', group: '交通出行', name: '道路交通秩序' },
  { code: 'SB01', group: '社会保障', name: '社保与医保' },
  { code: 'SB02', group: '社会保障', name: '劳动纠纷与欠薪' },
  { code: 'SB03', group: '社会保障', name: '低保与社会救助' },
  { code: 'SB04', group: '社会保障', name: '退役军人事务' },
  { code: 'JW01', group: '教育卫生', name: '教育招生' },
  { code: 'JW02', group: '教育卫生', name: '医疗服务' },
  { code: 'JW03', group: '教育卫生', name: '公共卫生' },
  { code: 'SC01', group: '市场监管', name: '食品安全' },
  { code: 'SC02', group: '市场监管', name: '价格与消费纠纷' },
  { code: 'SC03', group: '市场监管', name: '无照经营', caseCategory: ev('0501') },
  { code: 'GA01', group: '公共安全', name: '治安问题' },
  { code: 'GA02', group: '公共安全', name: '噪音扰民', caseCategory: ev('0508') },
  { code: 'GA03', group: '公共安全', name: '地质灾害隐患' },
  { code: 'GA04', group: '公共安全', name: '燃气安全' },
  { code: 'GA05', group: '公共安全', name: '道路积水', caseCategory: ev('0406') },
  { code: 'GY01', group: '公用事业', name: '供电' },
  { code: 'GY02', group: '公用事业', name: '供水' },
  { code: 'GY03', group: '公用事业', name: '燃气供应' },
  { code: 'GY04', group: '公用事业', name: '通信服务' },
  { code: 'GY05', group: '公用事业', name: '邮政快递' },
  { code: 'GY06', group: '公用事业', name: '成品油供应' },
  { code: 'QT01', group: '其他', name: '政策咨询' },
  { code: 'QT02', group: '其他', name: '表扬感谢' },
  { code: 'QT99', group: '其他', name: '其他事项' },
];

export type LimitKey = AppealType | 'emergency';

/** The limit an order's stay at a unit runs by: 'emergency' for 突发事件, else its appeal type. */
export const limitKeyOf = (order: { emergency?: string | null; appealType?: string | null }): LimitKey =>
  order.emergency ? 'emergency' : ((order.appealType ?? 'consult') as LimitKey);
export interface OrderTimeLimit {
  amount: number;
  unit: 'minute' | 'hour' | 'day' | 'same_day';
}

/** DOMAIN.md §2 (one bureau's rules): emergencies the same day; 咨询/求助 3 wd; 投诉举报/建议 13 wd. */
export const defaultTimeLimits: Record<LimitKey, OrderTimeLimit> = {
  emergency: { amount: 0, unit: 'same_day' },
  consult: { amount: 3, unit: 'day' },
  help: { amount: 3, unit: 'day' },
  complaint: { amount: 13, unit: 'day' },
  suggestion: { amount: 13, unit: 'day' },
  praise: { amount: 3, unit: 'day' },
};

/**
 * Place words jieba must keep whole (road, estate and landmark names of the demo city); the
 * city's region names are added from the database at run time.
 */
export const demoPlaceWords: readonly string[] = [
  '新源路',
  '金碧天下',
  '金海世纪城',
  '攀枝花大道',
  '龙珠路',
  '江边街',
  '苏铁中路',
  '苏铁西路',
  '清香坪北街',
  '清香坪东街',
  '陶家渡东路',
  '和苑路',
  '联通街',
  '鸿海巷',
  '玉泉广场',
  '大河中学',
  '马店河工业园',
];

export interface ArticleSpec {
  title: string;
  body: string;
  tags: string[];
  unitName: string;
}

/** A starter knowledge base (知识库) for the demo city's agents. */
export const demoArticles: readonly ArticleSpec[] = [
  {
    title: '生活垃圾清运时间安排',
    body:
      '中心城区生活垃圾每日清运两次：早班6:00—9:00，晚班18:00—21:00。东区、西区主次干道由环卫作业单位负责，' +
      '小区内垃圾由物业收集至收集点后统一清运。节假日照常清运。发现垃圾未及时清运可拨打12345反映。',
    tags: ['环卫', '垃圾'],
    unitName: '市城市管理行政执法局',
  },
  {
    title: '城市道路临时停车收费标准',
    body: '中心城区道路临时停车泊位实行分时段收费：首小时内2元，超过1小时每小时加收1元，夜间22:00至次日7:00免费。',
    tags: ['停车', '收费'],
    unitName: '市交通运输局',
  },
  {
    title: '停水信息查询与报修方式',
    body: '计划停水提前24小时通过市水务集团微信公众号和社区公告发布；突发爆管可拨打水务集团24小时报修电话。',
    tags: ['供水', '停水'],
    unitName: '市水务集团',
  },
  {
    title: '汛期紧急避险场所分布',
    body:
      '汛期遇山洪、滑坡、泥石流等地质灾害，请就近前往各区县公布的应急避难场所：东区炳草岗广场、西区玉泉广场、' +
      '仁和区法治文化广场等。发现地质灾害隐患点请立即拨打12345或当地防汛值班电话。',
    tags: ['汛期', '地质灾害', '避险'],
    unitName: '市自然资源和规划局',
  },
  {
    title: '社会保障卡办理与补办',
    body: '首次办理社会保障卡请携带身份证到就近社保卡服务网点；遗失补办可先电话挂失，再持身份证到网点补办，工本费按规定收取。',
    tags: ['社保', '社保卡'],
    unitName: '市人社局',
  },
];
