import type { Queue } from '@cityloop/contracts/cases';
import type { Role } from '@cityloop/contracts/roles';

export interface QueueDef {
  queue: Exclude<Queue, 'all'> | 'all';
  label: string;
  hint: string;
}

export const queueDefs: Record<QueueDef['queue'], QueueDef> = {
  to_accept: { queue: 'to_accept', label: '待受理', hint: '新上报的问题：受理、发送核实、立案或作废' },
  to_verify: { queue: 'to_verify', label: '待核实', hint: '已派监督员到现场核实' },
  to_file: { queue: 'to_file', label: '待立案', hint: '已受理，按立案标准立案或作废' },
  to_dispatch: { queue: 'to_dispatch', label: '待派遣', hint: '已立案、被回退或核查不通过待返工的案卷' },
  disposing: { queue: 'disposing', label: '处置中', hint: '处置单位正在处置；延期申请在此审批' },
  to_check: { queue: 'to_check', label: '待核查', hint: '处置单位已反馈，发送监督员核查' },
  to_close: { queue: 'to_close', label: '待结案', hint: '核查通过，结案或返工' },
  parked: { queue: 'parked', label: '挂账', hint: '暂不具备处置条件的案卷' },
  overdue: { queue: 'overdue', label: '超期', hint: '当前环节已超过时限（红灯）' },
  all: { queue: 'all', label: '全部案卷', hint: '按条件查询全部案卷' },
};

/** The queues each role works from, first one on its home page. */
export const roleQueues: Record<Role, QueueDef['queue'][]> = {
  acceptor: ['to_accept', 'to_verify', 'to_check', 'overdue', 'all'],
  shift_lead: ['to_accept', 'to_file', 'to_dispatch', 'to_close', 'parked', 'overdue', 'all'],
  dispatcher: ['to_dispatch', 'disposing', 'overdue', 'all'],
  unit_staff: ['disposing', 'all'],
  leader: ['overdue', 'all'],
  hotline_agent: ['all'],
  admin: ['all'],
  collector: [],
};

/** Sections outside the case queues; later features (热线, 考核, 通报) add theirs here. */
export interface NavSection {
  key: string;
  label: string;
  roles: readonly Role[];
  items: { path: string; label: string }[];
}

export const navSections: NavSection[] = [
  {
    key: 'hotline',
    label: '12345热线',
    roles: ['hotline_agent', 'shift_lead'],
    items: [
      { path: '/hotline', label: '热线工作台' },
      { path: '/hotline/new', label: '新来电' },
      { path: '/hotline/orders', label: '我的工单' },
      { path: '/hotline/callbacks', label: '回访' },
    ],
  },
  {
    key: 'hotline-unit',
    label: '12345热线',
    roles: ['unit_staff'],
    items: [
      { path: '/hotline', label: '热线工单概况' },
      { path: '/hotline/orders', label: '转办工单' },
    ],
  },
  {
    key: 'command',
    label: '指挥大屏',
    roles: ['leader', 'shift_lead', 'admin'],
    items: [
      { path: '/dashboard', label: '运行态势' },
      { path: '/bigscreen', label: '大屏' },
    ],
  },
  {
    key: 'assessment',
    label: '考核统计',
    roles: ['leader', 'shift_lead', 'dispatcher', 'acceptor', 'admin'],
    items: [
      { path: '/statistics', label: '月度统计与通报' },
      { path: '/bulletins/editor', label: '通报编辑' },
      { path: '/vendors/assessment', label: '外包考核' },
    ],
  },
  {
    key: 'field-ops',
    label: '外业管理',
    roles: ['acceptor', 'shift_lead', 'dispatcher', 'leader', 'admin'],
    items: [
      { path: '/field/collectors', label: '监督员管理' },
      { path: '/field/track', label: '巡查轨迹' },
      { path: '/field/parts', label: '部件普查' },
      { path: '/field/intakes', label: '视频/无人机' },
    ],
  },
  {
    key: 'campaigns',
    label: '专项行动',
    roles: ['acceptor', 'shift_lead', 'dispatcher', 'leader', 'admin'],
    items: [{ path: '/campaigns', label: '专项行动与测评' }],
  },
  {
    key: 'admin',
    label: '系统管理',
    roles: ['admin'],
    items: [
      { path: '/admin/users', label: '用户与角色' },
      { path: '/admin/units', label: '处置单位' },
      { path: '/admin/categories', label: '案件类别与时限' },
      { path: '/admin/calendar', label: '工作日历' },
      { path: '/admin/grids', label: '单元网格' },
    ],
  },
  {
    key: 'open-api',
    label: '开放接口',
    roles: ['admin'],
    items: [
      { path: '/integration/keys', label: 'Open311 密钥' },
      { path: '/integration/webhooks', label: 'Webhook 订阅' },
      { path: '/integration/deliveries', label: '投递记录' },
      { path: '/integration/dead-letters', label: '死信' },
      { path: '/integration/exchange', label: '上级平台交换' },
    ],
  },
];
