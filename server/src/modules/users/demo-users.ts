import type { Role } from '@cityloop/contracts/roles';

/** One password for every demo login, printed at start; demo users are for trying the product. */
export const DEMO_PASSWORD = 'Demo#2019pzh';

export interface DemoUser {
  login: string;
  displayName: string;
  role: Role;
  /** Handling unit name (unit staff) resolved at seed time. */
  unitName?: string;
  /** District name (a district leader's data scope). */
  districtName?: string;
}

export const demoUsers: readonly DemoUser[] = [
  { login: 'jdy01', displayName: '张伟（监督员）', role: 'collector' },
  { login: 'jdy02', displayName: '李娜（监督员）', role: 'collector' },
  { login: 'slj01', displayName: '王芳（受理员）', role: 'acceptor' },
  { login: 'zbz01', displayName: '刘洋（值班长）', role: 'shift_lead' },
  { login: 'pqy01', displayName: '陈静（派遣员）', role: 'dispatcher' },
  {
    login: 'cgj01',
    displayName: '杨帆（市城管执法局）',
    role: 'unit_staff',
    unitName: '市城市管理行政执法局',
  },
  { login: 'swj01', displayName: '赵磊（市水务集团）', role: 'unit_staff', unitName: '市水务集团' },
  { login: 'dq01', displayName: '黄敏（东区政府）', role: 'unit_staff', unitName: '东区政府' },
  { login: 'rx01', displayName: '周婷（热线坐席）', role: 'hotline_agent' },
  { login: 'ld01', displayName: '吴强（市领导）', role: 'leader' },
  { login: 'ld-dq', displayName: '徐伟（东区领导）', role: 'leader', districtName: '东区' },
  { login: 'admin', displayName: '系统管理员', role: 'admin' },
];
