import { z } from 'zod';

export const roleSchema = z.enum([
  'collector', // 监督员 / 信息采集员
  'acceptor', // 受理员
  'shift_lead', // 值班长
  'dispatcher', // 派遣员
  'unit_staff', // 处置单位人员
  'hotline_agent', // 热线坐席
  'leader', // 领导
  'admin', // 管理员
]);
export type Role = z.infer<typeof roleSchema>;

export const roleLabels: Record<Role, string> = {
  collector: '监督员',
  acceptor: '受理员',
  shift_lead: '值班长',
  dispatcher: '派遣员',
  unit_staff: '处置单位人员',
  hotline_agent: '热线坐席',
  leader: '领导',
  admin: '管理员',
};

/** Roles that work for the whole city (the command hall); the others see a slice. */
export const centreRoles: readonly Role[] = ['acceptor', 'shift_lead', 'dispatcher', 'admin'];
