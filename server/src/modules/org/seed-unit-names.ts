// Every handling-unit name in the seed bulletin's tables (../shared/seed/000_8549f45999aa701a.txt,
// 攀枝花 July 2019), copied literally, table by table, in the seed's order. The assessment
// table's district names carry a no-break space and a space ("东\u00a0 区"), kept here as bytes.
// Used by the tests (each must find its unit) and handy for bulletin fixtures.

/** 12345 热线 联动单位 table, 区县 rows. */
export const seedHotlineDistrictNames = [
  '仁和区政府',
  '钒钛高新区管委会',
  '花城新区管委会',
  '米易县政府',
  '盐边县政府',
  '西区政府',
  '东区政府',
] as const;

/** 12345 热线 联动单位 table, 市级部门 rows. */
export const seedHotlineDepartmentNames = [
  '市交通局',
  '市卫生健康委员会',
  '市自然资源和规划局',
  '市城市管理行政执法局',
  '市生态环境局',
  '市民政局',
  '市政务服务中心',
  '市国资委',
  '烟草专卖局',
  '市市场监督管理局',
  '攀枝花银监局',
  '市水利局',
  '市公安局',
  '市人社局',
  '市教育和体育局',
  '市邮政管理局',
  '市住建局',
  '市医疗保障局',
  '市文化广播电视和旅游局',
  '市退役军人事务局',
] as const;

/** 12345 热线 联动单位 table, 企事业单位 rows. */
export const seedHotlineEnterpriseNames = [
  '市供电公司',
  '市煤气公司',
  '市公交客运总公司',
  '中国石油攀枝花销售分公司',
  '钢城集团',
  '十九冶集团',
  '攀煤集团',
  '攀钢集团',
  '市水务集团',
  '攀枝花学院',
  '中国移动攀枝花分公司',
  '中国电信攀枝花分公司',
  '中国联通攀枝花分公司',
] as const;

/** 7月业务工作考核表（一）区（县）. */
export const seedAssessmentDistrictNames = [
  '钒钛高新区',
  '仁和区',
  '东\u00a0 区',
  '西\u00a0 区',
  '米易县',
  '盐边县',
] as const;

/** 7月业务工作考核表（二）有处置业务的市级部门. */
export const seedAssessmentDepartmentNames = [
  '市公安局',
  '市交通运输局',
  '市城市管理行政执法局',
  '市自然资源和规划局',
  '市住建局',
  '市国资委',
] as const;

/** 7月业务工作考核表（三）有处置业务的企事业单位. */
export const seedAssessmentEnterpriseNames = [
  '市水务集团',
  '中国十九冶集团有限公司',
  '四川省电力公司攀枝花电业局',
  '四川广电网络攀枝花分公司',
  '中国电信攀枝花市分公司',
  '攀钢集团有限公司',
  '攀煤集团',
  '中国移动攀枝花市分公司',
  '市城投公司',
  '中国联通攀枝花市分公司',
  '市邮政公司',
  '钢城集团有限公司',
] as const;

/** Named in the text: the zebra-crossing cases "派遣至市交警支队依法查处". */
export const seedTextUnitNames = ['市交警支队'] as const;

export const seedUnitNameTables = {
  hotlineDistricts: seedHotlineDistrictNames,
  hotlineDepartments: seedHotlineDepartmentNames,
  hotlineEnterprises: seedHotlineEnterpriseNames,
  assessmentDistricts: seedAssessmentDistrictNames,
  assessmentDepartments: seedAssessmentDepartmentNames,
  assessmentEnterprises: seedAssessmentEnterpriseNames,
  text: seedTextUnitNames,
} as const;
