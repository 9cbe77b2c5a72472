// Handling units the demo dictionary names as defaults. The org module seeds units with
// exactly these names; the taxonomy seed resolves them to ids through a callback, so the
// two modules agree on names only, never on ids or each other's tables.
export const demoUnitNames = [
  '市城市管理行政执法局',
  '市住建局',
  '市交通运输局',
  '市公安局',
  '市水务集团',
  '市供电公司',
  '市煤气公司',
  '中国电信攀枝花分公司',
  '中国移动攀枝花分公司',
  '中国联通攀枝花分公司',
  '四川广电网络攀枝花分公司',
  '市自然资源和规划局',
  '市生态环境局',
  '东区政府',
] as const;

export type DemoUnitName = (typeof demoUnitNames)[number];
