import { days, type LocalMinorSpec, type MinorSpec } from './demo-limits.js';
import type { DemoUnitName } from './demo-units.js';
import type { StageLimit } from './stages.js';

// 部件 (parts): a part case is a facility that is missing, broken or unsafe. Many minors share a
// family wording (forty kinds of manhole cover fail the same way), so the texts are written
// once per family with the part's name in them; the odd ones have their own sentences.

interface Standards {
  filing: string;
  closing: string;
}
type Wording = (name: string) => Standards;

const cover: Wording = (n) => ({
  filing: `${n}丢失、破损、移位、凹陷，或与路面高差超过2cm`,
  closing: `${n}补齐或更换，安装牢固，与周边路面平整`,
});
const light: Wording = (n) => ({
  filing: `${n}夜间不亮、频闪，或灯杆倾斜、灯具灯罩破损缺失`,
  closing: `${n}修复，亮灯正常，灯杆灯具完好`,
});
const cabinet: Wording = (n) => ({
  filing: `${n}箱体破损、箱门缺失或未锁闭，线缆外露，存在安全隐患`,
  closing: `${n}箱体修复、箱门锁闭，线缆无外露，现场无安全隐患`,
});
const kiosk: Wording = (n) => ({
  filing: `${n}亭体破损、污损、倾斜，或废弃无人管理影响市容`,
  closing: `${n}修复清洗或依法拆除，亭体完好整洁`,
});
const sign: Wording = (n) => ({
  filing: `${n}缺失、倾斜、破损、褪色或被遮挡，无法清晰辨识`,
  closing: `${n}补齐、扶正或更换，安装牢固，内容清晰可辨`,
});
const signal: Wording = (n) => ({
  filing: `${n}不亮、灯色异常、倒计时故障或灯杆倾斜`,
  closing: `${n}修复，显示正常，运行可靠`,
});
const railing: Wording = (n) => ({
  filing: `${n}缺失、断裂、倾斜、变形或松动`,
  closing: `${n}补齐或修复，安装牢固，线形整齐`,
});
const display: Wording = (n) => ({
  filing: `${n}黑屏、花屏、显示内容错误或屏体破损`,
  closing: `${n}修复，显示正常、内容准确`,
});
const monitor: Wording = (n) => ({
  filing: `${n}设备损坏、外观破损或停止运行`,
  closing: `${n}修复并恢复正常运行，外观完好`,
});
const structure: Wording = (n) => ({
  filing: `${n}结构、栏杆、照明或排水设施损坏，地面破损积水或出现明显裂缝`,
  closing: `${n}修复完好，照明和排水正常，通行安全`,
});
const facility: Wording = (n) => ({
  filing: `${n}破损、缺失、倾斜或严重污损，影响正常使用或存在安全隐患`,
  closing: `${n}修复或更换到位，功能正常，外观整洁`,
});
const own =
  (filing: string, closing: string): Wording =>
  () => ({ filing, closing });

interface PartSpec {
  wording: Wording;
  unit: DemoUnitName | null;
  dispose: StageLimit;
}
const spec = (wording: Wording, unit: DemoUnitName | null, dispose: StageLimit): PartSpec => ({
  wording,
  unit,
  dispose,
});

// Cover repairs ≤ 24 h follow the Nanning rule quoted in DOMAIN §1.1. Telecom and cable covers
// default to the most common owner; the dispatcher re-routes by the owner's mark on the lid.
// unit null = no demo unit owns it (post, sport, weather offices) or it is street-level:
// dispatch sends it to the district by location.
const legacyPartSpecs: Record<string, PartSpec> = {
  // 01 公共设施
  '0101': spec(cover, '市水务集团', days(1)),
  '0102': spec(cover, '市水务集团', days(1)),
  '0103': spec(cover, '市住建局', days(1)),
  '0104': spec(
    own('雨水箅子丢失、破损、移位，或被垃圾杂物堵塞影响排水', '雨水箅子补齐或更换并清除堵塞物，排水通畅'),
    '市住建局',
    days(1),
  ),
  '0105': spec(cover, '市供电公司', days(1)),
  '0106': spec(cover, '市城市管理行政执法局', days(1)),
  '0107': spec(cover, '中国电信攀枝花分公司', days(1)),
  '0108': spec(cover, '四川广电网络攀枝花分公司', days(1)),
  '0109': spec(cover, '中国移动攀枝花分公司', days(1)),
  '0110': spec(cover, '市住建局', days(1)),
  '0111': spec(cover, '市煤气公司', days(1)),
  '0112': spec(cover, '市公安局', days(1)),
  '0113': spec(
    own(
      '消火栓等消防设施缺失、损坏、漏水，或被圈占、遮挡影响使用',
      '消防设施修复完好，周边无遮挡，可正常使用',
    ),
    '市水务集团',
    days(2),
  ),
  '0114': spec(
    own(
      '无法确认权属的井盖丢失、破损、移位、凹陷，或与路面高差超过2cm',
      '井盖补齐或更换并恢复平整，权属单位已明确或由市政部门代管',
    ),
    '市住建局',
    days(1),
  ),
  '0115': spec(cabinet, '中国电信攀枝花分公司', days(3)),
  '0116': spec(cabinet, '市供电公司', days(3)),
  '0117': spec(
    own('立杆倾斜、破损、锈蚀严重，或废弃无用影响通行和市容', '立杆扶正、修复或拆除，现场无安全隐患'),
    '市供电公司',
    days(3),
  ),
  '0118': spec(light, '市城市管理行政执法局', days(3)),
  '0119': spec(light, '市城市管理行政执法局', days(3)),
  '0120': spec(light, '市城市管理行政执法局', days(3)),
  '0121': spec(kiosk, '市城市管理行政执法局', days(5)),
  '0122': spec(kiosk, '中国电信攀枝花分公司', days(5)),
  '0123': spec(facility, null, days(5)),
  '0124': spec(kiosk, '市城市管理行政执法局', days(5)),
  '0125': spec(
    own('自动售货机破损、倾倒、严重污损，或占用人行道影响通行', '售货机修复清洁或移至规定位置，不影响通行'),
    '市城市管理行政执法局',
    days(5),
  ),
  '0126': spec(
    own('健身器材损坏、部件缺失或松动，存在安全隐患', '器材修复或更换，安装牢固，可安全使用'),
    null,
    days(3),
  ),
  '0127': spec(cover, '市水务集团', days(1)),
  '0128': spec(cover, '市交通运输局', days(1)),
  '0129': spec(cover, '市煤气公司', days(1)),
  '0130': spec(cover, null, days(1)),
  '0131': spec(
    own('民用水井井口无盖板、井圈破损或周边无防护，存在坠落隐患', '井口加盖、井圈修复并设置防护，隐患消除'),
    '市水务集团',
    days(3),
  ),
  '0132': spec(own('供水器损坏、漏水或无法正常取水', '供水器修复，无漏水，出水正常'), '市水务集团', days(2)),
  '0133': spec(
    own(
      '高压线铁塔塔材缺失、锈蚀严重、倾斜，或塔下有违章搭建、堆物',
      '塔材补齐、防腐修复，塔下违章清除，铁塔安全',
    ),
    '市供电公司',
    days(3),
  ),
  '0134': spec(
    own(
      '变压器或变压器箱体破损、箱门缺失未锁闭、漏油，或周边堆物存在安全隐患',
      '箱体修复、箱门锁闭，周边堆物清除，现场无安全隐患',
    ),
    '市供电公司',
    days(2),
  ),
  '0135': spec(
    own(
      '燃气调压站（箱）箱体破损、锈蚀、箱门缺失，或周边有燃气异味',
      '设施修复或更换，经检测无泄漏，现场安全',
    ),
    '市煤气公司',
    days(1),
  ),
  '0136': spec(
    own('监控设备损坏、脱落、镜头偏移或被遮挡，无法正常工作', '监控设备修复，监控画面恢复正常'),
    '市公安局',
    days(5),
  ),
  '0137': spec(kiosk, '市城市管理行政执法局', days(5)),
  '0138': spec(kiosk, '市公安局', days(5)),

  // 02 道路交通
  '0201': spec(
    own(
      '停车场标志标线缺失模糊、设施损坏，或场地破损积水影响停放',
      '设施和标志标线修复，场地平整，停放秩序正常',
    ),
    '市交通运输局',
    days(5),
  ),
  '0202': spec(
    own('停车咪表损坏、黑屏、无法缴费或表体倾斜', '咪表修复，可正常计时缴费'),
    '市交通运输局',
    days(3),
  ),
  '0203': spec(
    own('公交站亭顶棚、座椅、站牌破损或严重污损，影响候车', '站亭修复清洁，候车设施完好'),
    '市交通运输局',
    days(3),
  ),
  '0204': spec(sign, '市交通运输局', days(3)),
  '0205': spec(structure, '市住建局', days(5)),
  '0206': spec(structure, '市住建局', days(5)),
  '0207': spec(structure, '市住建局', days(5)),
  '0208': spec(structure, '市住建局', days(5)),
  '0209': spec(sign, '市公安局', days(3)),
  '0210': spec(signal, '市公安局', days(1)),
  '0211': spec(railing, '市公安局', days(2)),
  '0212': spec(facility, null, days(5)),
  '0213': spec(sign, '市城市管理行政执法局', days(5)),
  '0214': spec(signal, '市公安局', days(1)),
  '0215': spec(display, '市公安局', days(3)),
  '0216': spec(
    own('道路隔音屏屏体破损、脱落、变形或严重污损', '屏体修复或更换，安装牢固，外观整洁'),
    '市住建局',
    days(5),
  ),
  '0217': spec(kiosk, '市公安局', days(5)),

  // 03 市容环境
  '0301': spec(
    own('公共厕所设施损坏、便器堵塞、无水无电，或未按规定时间开放', '设施修复、保洁到位，公厕正常开放使用'),
    '市城市管理行政执法局',
    days(1),
  ),
  '0302': spec(
    own('化粪池满溢、盖板破损缺失或散发恶臭', '清掏到位、盖板修复，周边无污水溢流'),
    '市城市管理行政执法局',
    days(1),
  ),
  '0303': spec(sign, '市城市管理行政执法局', days(5)),
  '0304': spec(
    own('垃圾间（楼）设施破损、门窗缺失，或垃圾满溢、污水外流', '设施修复、垃圾清运，周边整洁无污水'),
    '市城市管理行政执法局',
    days(2),
  ),
  '0305': spec(
    own('垃圾箱破损、缺失、倾倒，或箱体严重污损', '垃圾箱修复、更换或扶正，箱体完好整洁'),
    '市城市管理行政执法局',
    days(2),
  ),
  '0306': spec(
    own('灯箱、霓虹灯破损、残缺、不亮或局部亮灯，存在脱落隐患', '修复或拆除到位，亮灯完整、安装牢固'),
    '市城市管理行政执法局',
    days(3),
  ),
  '0307': spec(
    own('广告牌匾破损、残缺、字体缺失、严重污损或存在坠落隐患', '牌匾修复、更换或依法拆除，牢固整洁'),
    '市城市管理行政执法局',
    days(3),
  ),
  '0308': spec(monitor, '市生态环境局', days(5)),
  '0309': spec(monitor, null, days(5)),
  '0310': spec(monitor, '市生态环境局', days(5)),
  '0311': spec(display, '市生态环境局', days(5)),

  // 04 园林绿化
  '0401': spec(
    own(
      '古树名木枝干枯死、倾斜、病虫害严重，或保护设施损坏、遭人为损害',
      '经专业养护处理，树木长势稳定，保护设施完好',
    ),
    '市城市管理行政执法局',
    days(3),
  ),
  '0402': spec(
    own(
      '行道树倒伏、倾斜、枯死、缺株，或枝叶遮挡交通设施、影响通行',
      '倒伏树木扶正或移除，缺株补植，遮挡枝叶修剪到位',
    ),
    '市城市管理行政执法局',
    days(3),
  ),
  '0403': spec(facility, '市城市管理行政执法局', days(5)),
  '0404': spec(facility, '市城市管理行政执法局', days(5)),
  // 绿地养护 5 wd is DOMAIN §1.1's example.
  '0405': spec(
    own('绿地植被枯死、缺损、黄土裸露，或被踩踏、占用', '补植复绿到位，绿地恢复完整'),
    '市城市管理行政执法局',
    days(5),
  ),
  '0406': spec(
    own('雕塑破损、污损、倾斜或附属设施缺失', '雕塑修复清洗，基座稳固，外观完好'),
    '市城市管理行政执法局',
    days(10),
  ),
  '0407': spec(
    own('街头坐椅破损、缺失、松动或严重污损，影响使用', '坐椅修复或更换，安装牢固、表面整洁'),
    '市城市管理行政执法局',
    days(5),
  ),
  '0408': spec(railing, '市城市管理行政执法局', days(5)),
  '0409': spec(facility, '市城市管理行政执法局', days(5)),
  '0410': spec(
    own('喷泉设施损坏、漏水，池内积存垃圾或水质发臭', '设施修复，池内清洁，水质正常'),
    '市城市管理行政执法局',
    days(5),
  ),

  // 05 房屋土地
  '0501': spec(
    own('宣传栏破损、倾斜、玻璃缺失，或内容过期、污损', '宣传栏修复，内容更新，外观整洁'),
    null,
    days(5),
  ),
  '0502': spec(
    own('人防工事出入口破损、防护门缺失，或被违规占用、积水', '设施修复，出入口封闭完好，违规占用清除'),
    '市住建局',
    days(10),
  ),
  '0503': spec(
    own('公房地下室积水、违规住人或堆放易燃物品，存在安全隐患', '积水排除，违规使用清理完毕，隐患消除'),
    '市住建局',
    days(10),
  ),

  // 06 其他设施
  '0601': spec(
    own(
      '重大危险源安全警示标志缺失、防护设施损坏，或周边有违规作业',
      '警示标志和防护设施补齐，违规作业停止，隐患消除',
    ),
    null,
    days(1),
  ),
  '0602': spec(
    own(
      '工地围挡破损、倒塌或缺失，出入口未硬化、驶出车辆未冲洗',
      '围挡修复到位，出入口硬化并设置车辆冲洗设施',
    ),
    '市住建局',
    days(3),
  ),
  '0603': spec(facility, '市水务集团', days(5)),
  '0604': spec(railing, '市住建局', days(2)),
  '0605': spec(facility, '市交通运输局', days(5)),
  '0606': spec(
    own('防汛墙墙体破损、开裂、渗漏或闸门损坏', '墙体及闸门修复，防汛功能恢复'),
    '市水务集团',
    days(3),
  ),
};

/** The part minors of CJ/T 214 with their demo standards, by code (the name comes from the TSV). */
export function legacyPartSpec(code: string, name: string): MinorSpec | undefined {
  const found = legacyPartSpecs[code];
  if (!found) return undefined;
  return { unit: found.unit, dispose: found.dispose, ...found.wording(name) };
}

// 07 扩展部件 — LOCAL EXTENSION: facilities newer than CJ/T 214-2007 that this demo city
// inventories as parts. Codes and names are ours, not the standard's.
export const localPartMinors: LocalMinorSpec[] = [
  {
    code: '0701',
    name: '共享单车停放点',
    nameEn: 'shared-bike parking zone (local extension)',
    unit: '市城市管理行政执法局',
    dispose: days(3),
    filing: '共享单车停放点标线模糊、电子围栏失效，或停放车辆超出停放区域、堆积倒伏',
    closing: '标线和电子围栏修复，车辆在停放区域内整齐停放',
  },
  {
    code: '0702',
    name: '电动汽车充电桩',
    nameEn: 'EV charging post (local extension)',
    unit: '市供电公司',
    dispose: days(3),
    filing: '公共电动汽车充电桩损坏、无法充电、线缆外露，或桩体倾斜存在安全隐患',
    closing: '充电桩修复，可正常充电，线缆无外露',
  },
  {
    code: '0703',
    name: '智能垃圾分类箱',
    nameEn: 'smart sorting bin (local extension)',
    unit: '市城市管理行政执法局',
    dispose: days(2),
    filing: '智能垃圾分类箱投放口故障、箱体破损、满溢未清运或分类标识缺失',
    closing: '设备修复、垃圾清运，分类标识完整，可正常投放',
  },
  {
    code: '0704',
    name: '电动自行车充电设施',
    nameEn: 'e-bike charging point (local extension)',
    unit: null,
    dispose: days(3),
    filing: '电动自行车集中充电设施损坏、线缆外露，或周边堆放易燃物',
    closing: '设施修复，线缆规范敷设，周边易燃物清除',
  },
  {
    code: '0705',
    name: '阻车桩',
    nameEn: 'bollard (local extension)',
    unit: '市城市管理行政执法局',
    dispose: days(5),
    filing: '人行道、广场出入口阻车桩缺失、倾斜、松动或断裂，影响通行安全',
    closing: '阻车桩补齐或修复，安装牢固，排列整齐',
  },
];
