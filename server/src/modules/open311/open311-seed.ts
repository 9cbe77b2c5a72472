import { randomBytes } from 'node:crypto';
import type { ServiceAttribute } from '@cityloop/contracts/open311';
import type { Db } from '../../platform/db/database.js';
import { createUser, findUserIdByLogin } from '../users/index.js';
import { upsertServiceSetting } from './open311.repository.js';

/** The system login that public reports are filed under (a 受理员 nobody can log in as). */
export const intakeLogin = (cityCode: string) => `public-intake-${cityCode}`;

const coverState: ServiceAttribute = {
  variable: true,
  code: 'cover_state',
  datatype: 'singlevaluelist',
  required: true,
  datatype_description: null,
  order: 1,
  description: '井盖状况',
  values: [
    { key: 'missing', name: '缺失' },
    { key: 'broken', name: '破损' },
    { key: 'loose', name: '松动/移位' },
    { key: 'sunken', name: '高差/下沉' },
  ],
};

// A small attribute table for the categories citizens report most; the rest have none. It is
// data (open311_services), so a city can change it without a release.
const demoServices: {
  serviceCode: string;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string | null;
  attributes: ServiceAttribute[];
}[] = [
  {
    serviceCode: 'E0102',
    type: 'realtime',
    keywords: '垃圾,暴露垃圾,脏乱',
    attributes: [
      {
        variable: true,
        code: 'waste_kind',
        datatype: 'multivaluelist',
        required: true,
        datatype_description: '可多选',
        order: 1,
        description: '垃圾种类',
        values: [
          { key: 'household', name: '生活垃圾' },
          { key: 'construction', name: '建筑垃圾' },
          { key: 'bulky', name: '大件垃圾' },
          { key: 'green', name: '园林垃圾' },
        ],
      },
      {
        variable: true,
        code: 'volume_m3',
        datatype: 'number',
        required: false,
        datatype_description: '立方米，估计即可',
        order: 2,
        description: '大约体积',
      },
      {
        variable: false,
        code: 'notice',
        datatype: 'text',
        required: false,
        datatype_description: null,
        order: 3,
        description: '请勿靠近正在作业的清运车辆。',
      },
    ],
  },
  { serviceCode: 'C0101', type: 'realtime', keywords: '井盖,上水', attributes: [coverState] },
  { serviceCode: 'C0102', type: 'realtime', keywords: '井盖,污水', attributes: [coverState] },
  {
    serviceCode: 'C0118',
    type: 'batch',
    keywords: '路灯,不亮',
    attributes: [
      {
        variable: true,
        code: 'lamp_no',
        datatype: 'string',
        required: false,
        datatype_description: '灯杆上的编号',
        order: 1,
        description: '路灯编号',
      },
      {
        variable: true,
        code: 'noticed_at',
        datatype: 'datetime',
        required: false,
        datatype_description: 'ISO 8601，带时区',
        order: 2,
        description: '发现时间',
      },
    ],
  },
  { serviceCode: 'E0101', type: 'blackbox', keywords: '违建,私搭乱建', attributes: [] },
];

/**
 * Open311 settings of a city and its public-intake login. Idempotent. The login gets a random
 * password that is never printed or stored anywhere but as its hash.
 */
export async function seedOpen311(db: Db, cityCode: string): Promise<void> {
  for (const service of demoServices) await upsertServiceSetting(db, { cityCode, ...service });
  const login = intakeLogin(cityCode);
  if (await findUserIdByLogin(db, login)) return;
  await createUser(db, null, cityCode, {
    login,
    displayName: '公众随手拍（系统）',
    role: 'acceptor',
    password: `Aa1!${randomBytes(24).toString('base64url')}`,
    unitId: null,
    regionId: null,
  });
}
