// Handling units (处置单位 / 联动单位) of the demo city, 攀枝花市 — DATA.
//
// Every unit named in the seed bulletin's tables (the 12345 hotline table of 区县 / 市级部门 /
// 企事业单位 and the three 业务工作考核表) is here, under one canonical name, with the other
// spellings the seed uses as aliases, so each exact name in the seed finds its unit
// (demo-units.test.ts lists them all). The bulletin writes the same body differently in
// different tables (市交通局 in the hotline table, 市交通运输局 in the assessment table):
// one unit, so that a month's cases and calls for it add up in one place.
//
// Judgement calls:
// - 市供电公司 (hotline table) and 四川省电力公司攀枝花电业局 (assessment table) are the same
//   power supplier under its everyday and its old formal name (today 国网四川省电力公司攀枝花
//   供电公司): one unit.
// - 市邮政公司 (the postal company, which owns post boxes and kiosks) and 市邮政管理局 (the
//   regulator, which takes complaints about couriers) are different bodies: two units.
// - 市交警支队 is part of 市公安局 but receives cases on its own (the seed sends zebra-crossing
//   cases to it): a unit of its own. Units have no hierarchy in the schema yet.
// - The district rows are the district governments (区县政府 / 管委会); the assessment table
//   names them by the bare district name, sometimes with spaces ("东  区"), which lookups ignore.
// - Kinds follow the seed's own grouping (攀枝花银监局, 烟草专卖局 and 市邮政管理局 are listed
//   as 市级部门 although they are central vertical agencies).

export type UnitKind = 'district_government' | 'city_department' | 'enterprise';

export interface DemoUnit {
  name: string;
  kind: UnitKind;
  aliases: string[];
  /** for district governments: the district region's code (see geo/demo-geography.ts) */
  districtCode?: string;
}

const district = (name: string, districtCode: string, aliases: string[]): DemoUnit => ({
  name,
  kind: 'district_government',
  aliases,
  districtCode,
});
const dept = (name: string, aliases: string[] = []): DemoUnit => ({ name, kind: 'city_department', aliases });
const enterprise = (name: string, aliases: string[] = []): DemoUnit => ({
  name,
  kind: 'enterprise',
  aliases,
});

export const demoUnits: readonly DemoUnit[] = [
  // 区县 — district and county governments, functional-zone management committees
  district('东区政府', '510402', ['东区', '东区人民政府', '攀枝花市东区人民政府']),
  district('西区政府', '510403', ['西区', '西区人民政府', '攀枝花市西区人民政府']),
  district('仁和区政府', '510411', ['仁和区', '仁和区人民政府', '攀枝花市仁和区人民政府']),
  district('米易县政府', '510421', ['米易县', '米易县人民政府']),
  district('盐边县政府', '510422', ['盐边县', '盐边县人民政府']),
  district('钒钛高新区管委会', '510471', [
    '钒钛高新区',
    '攀枝花钒钛高新技术产业开发区管理委员会',
    '钒钛高新技术产业开发区管委会',
  ]),
  district('花城新区管委会', '510472', ['花城新区', '攀枝花花城新区管理委员会']),

  // 市级部门 — city departments
  dept('市城市管理行政执法局', ['市城管执法局', '市城管局', '攀枝花市城市管理行政执法局']),
  dept('市交通运输局', ['市交通局', '攀枝花市交通运输局']),
  dept('市公安局', ['攀枝花市公安局']),
  dept('市交警支队', ['市公安局交通警察支队', '攀枝花市公安局交通警察支队', '交警支队']),
  dept('市住建局', ['市住房和城乡建设局', '攀枝花市住房和城乡建设局']),
  dept('市自然资源和规划局', ['攀枝花市自然资源和规划局']),
  dept('市生态环境局', ['攀枝花市生态环境局']),
  dept('市卫生健康委员会', ['市卫健委', '攀枝花市卫生健康委员会']),
  dept('市民政局', ['攀枝花市民政局']),
  dept('市政务服务中心', ['攀枝花市政务服务中心']),
  dept('市国资委', ['市国有资产监督管理委员会', '攀枝花市国资委']),
  dept('市烟草专卖局', ['烟草专卖局', '攀枝花市烟草专卖局']),
  dept('市市场监督管理局', ['市市场监管局', '攀枝花市市场监督管理局']),
  // Since 2018 formally 攀枝花银保监分局; the seed still writes the old name.
  dept('攀枝花银监局', ['攀枝花银保监分局']),
  dept('市水利局', ['攀枝花市水利局']),
  dept('市人社局', ['市人力资源和社会保障局', '攀枝花市人力资源和社会保障局']),
  dept('市教育和体育局', ['市教体局', '攀枝花市教育和体育局']),
  dept('市邮政管理局', ['攀枝花市邮政管理局']),
  dept('市医疗保障局', ['市医保局', '攀枝花市医疗保障局']),
  dept('市文化广播电视和旅游局', ['市文广旅局', '攀枝花市文化广播电视和旅游局']),
  dept('市退役军人事务局', ['攀枝花市退役军人事务局']),
  // Default handlers for categories the seed's units do not cover (fire hydrants, disasters).
  dept('市消防救援支队', ['攀枝花市消防救援支队']),
  dept('市应急管理局', ['攀枝花市应急管理局']),

  // 企事业单位 — enterprises and public institutions
  enterprise('市供电公司', [
    '四川省电力公司攀枝花电业局',
    '攀枝花电业局',
    '国网攀枝花供电公司',
    '国网四川省电力公司攀枝花供电公司',
  ]),
  enterprise('市水务集团', ['攀枝花市水务集团', '攀枝花水务（集团）有限公司']),
  enterprise('市煤气公司', ['攀枝花市煤气公司']),
  enterprise('市公交客运总公司', ['攀枝花市公交客运总公司']),
  enterprise('市城投公司', ['攀枝花市城市建设投资经营有限公司', '攀枝花城投']),
  enterprise('市邮政公司', ['中国邮政攀枝花市分公司', '攀枝花市邮政公司']),
  enterprise('中国石油攀枝花销售分公司', ['中石油攀枝花销售分公司']),
  enterprise('钢城集团有限公司', ['钢城集团', '攀钢集团钢城企业总公司']),
  enterprise('中国十九冶集团有限公司', ['十九冶集团', '十九冶', '中国十九冶']),
  enterprise('攀煤集团', ['攀枝花煤业（集团）有限责任公司', '攀枝花煤业集团']),
  enterprise('攀钢集团有限公司', ['攀钢集团', '攀钢']),
  enterprise('攀枝花学院'),
  enterprise('中国移动攀枝花分公司', ['中国移动攀枝花市分公司', '中国移动通信集团四川有限公司攀枝花分公司']),
  enterprise('中国电信攀枝花分公司', ['中国电信攀枝花市分公司', '中国电信股份有限公司攀枝花分公司']),
  enterprise('中国联通攀枝花分公司', ['中国联通攀枝花市分公司', '中国联合网络通信有限公司攀枝花市分公司']),
  enterprise('四川广电网络攀枝花分公司', [
    '四川广电网络攀枝花市分公司',
    '四川省有线广播电视网络股份有限公司攀枝花分公司',
  ]),
];
