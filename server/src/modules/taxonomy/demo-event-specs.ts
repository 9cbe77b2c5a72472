import { days, hours, type LocalMinorSpec, type MinorSpec } from './demo-limits.js';

// 事件 (events): the demo 立结案标准 for every CJ/T 214 event minor, by code. Disposal limits use
// DOMAIN §1.1's local examples where one exists (私搭乱建 15 wd, 暴露垃圾 4 wh, 道路不洁 2 wh,
// 水域不洁 15 wd, 绿地脏乱 4 wh, 道路积水 4 wh) and typical local values otherwise.
// unit null = a street-level matter: dispatch sends it to the district by the case's location.
export const legacyEventSpecs: Record<string, MinorSpec> = {
  // 01 市容环境
  '0101': {
    unit: null,
    dispose: days(15),
    filing: '在道路、广场、绿地、屋顶等公共区域或建筑物外未经批准搭建建（构）筑物',
    closing: '违法建（构）筑物已拆除，现场清理干净',
  },
  '0102': {
    unit: null,
    dispose: hours(4),
    filing: '道路、广场、绿地等公共区域有暴露垃圾，面积大于0.5平方米或散落垃圾超过3处',
    closing: '垃圾清除干净，现场无残留',
  },
  '0103': {
    unit: null,
    dispose: days(2),
    filing: '公共区域积存生活垃圾、建筑垃圾或渣土，体积超过1立方米或长期未清运',
    closing: '垃圾渣土清运完毕，现场无残留',
  },
  '0104': {
    unit: null,
    dispose: hours(2),
    filing: '道路、人行道有明显污渍、油渍、泥沙或散落垃圾，连续面积大于1平方米',
    closing: '路面清扫冲洗干净，无明显污渍和垃圾',
  },
  '0105': {
    unit: '市水务集团',
    dispose: days(15),
    filing: '河道、湖塘等水面有漂浮垃圾、油污或水生植物大面积滋生，面积大于1平方米',
    closing: '水面漂浮物打捞干净，水面无明显污染',
  },
  '0106': {
    unit: null,
    dispose: hours(4),
    filing: '绿地内有暴露垃圾、杂物或积存枯枝落叶，面积大于0.5平方米',
    closing: '绿地清理干净，无垃圾杂物',
  },
  '0107': {
    unit: '市公安局',
    dispose: days(5),
    filing: '道路或公共区域停放无牌无主、破损锈蚀的机动车或非机动车，长期无人使用',
    closing: '废弃车辆移走或由车主自行清理，现场恢复整洁',
  },
  '0108': {
    unit: null,
    dispose: days(1),
    filing: '公共区域随意丢弃旧家具、家电、床垫等大件废弃物',
    closing: '废弃家具设备清运完毕，现场无残留',
  },
  '0109': {
    unit: null,
    dispose: days(1),
    filing: '在行道树、绿化带上晾晒衣物，或拉挂绳索、横幅、灯线等非装饰性物品',
    closing: '树挂物品全部清除，树木和绿化无损伤',
  },
  '0110': {
    unit: '市住建局',
    dispose: days(5),
    filing: '车行道、人行道出现坑槽、沉陷、裂缝或铺装松动缺失，面积大于0.5平方米或深度超过3cm',
    closing: '路面修补平整，与周边路面衔接顺畅',
  },
  '0111': {
    unit: '市水务集团',
    dispose: days(10),
    filing: '河堤、护岸出现坍塌、裂缝、冲刷掏空或砌体松动',
    closing: '河堤修复加固，结构完好，无安全隐患',
  },
  '0112': {
    unit: '市城市管理行政执法局',
    dispose: hours(4),
    filing: '车辆在道路上遗撒渣土、砂石、垃圾或泥浆，长度超过5米或面积超过1平方米',
    closing: '遗撒物清除干净，路面冲洗无残留',
  },
  '0113': {
    unit: null,
    dispose: days(10),
    filing: '临街建筑物外立面有明显污渍、乱涂乱画、饰面破损脱落或悬挂杂物',
    closing: '外立面清洗粉刷到位，杂物清除，立面整洁',
  },
  '0114': {
    unit: '市交通运输局',
    dispose: days(3),
    filing: '在河道、湖库等水域违规停泊船只、设置网箱，或在禁止区域捕捞、洗涤',
    closing: '违规船只、设施移除，违规行为制止，水域秩序恢复正常',
  },
  '0115': {
    unit: '市城市管理行政执法局',
    dispose: hours(2),
    filing: '在公共区域露天焚烧垃圾、树叶、秸秆等物品',
    closing: '火源熄灭，焚烧残留物清理干净',
  },
  '0116': {
    unit: '市生态环境局',
    dispose: days(10),
    filing: '餐饮经营者未安装或未正常使用油烟净化设施，油烟直排影响周边居民',
    closing: '油烟净化设施安装并正常使用，油烟达标排放',
  },
  '0117': {
    unit: null,
    dispose: hours(2),
    filing: '道路、绿地、水域等公共区域出现动物尸体',
    closing: '动物尸体清运并做无害化处理，现场清洁消毒',
  },
  '0118': {
    unit: null,
    dispose: days(5),
    filing: '在城市建成区内擅自饲养鸡、鸭、猪、羊等家禽家畜，影响环境卫生',
    closing: '家禽家畜清理完毕，饲养棚圈拆除，现场整洁',
  },
  '0199': {
    unit: null,
    dispose: days(3),
    filing: '其他影响市容环境卫生、未列入本大类其他小类的问题',
    closing: '问题整改到位，市容环境恢复整洁',
  },

  // 02 宣传广告
  '0201': {
    unit: null,
    dispose: days(1),
    filing: '在建（构）筑物、公共设施、树木上乱张贴、乱涂写、乱刻画、喷涂小广告，同一处超过3张（处）',
    closing: '小广告清除干净，无明显残留痕迹',
  },
  '0202': {
    unit: '市城市管理行政执法局',
    dispose: days(2),
    filing: '未经批准或超出批准范围设置广告牌匾，或在建筑物、公共设施上悬挂横幅、条幅',
    closing: '违章广告牌匾、横幅条幅依法拆除，墙面设施恢复原状',
  },
  '0203': {
    unit: '市城市管理行政执法局',
    dispose: days(1),
    filing: '在道路、人行道上摆放落地广告牌、灯箱、充气拱门等，占用通行空间',
    closing: '占道广告牌清除，道路恢复通行',
  },
  '0204': {
    unit: null,
    dispose: hours(2),
    filing: '在道路、广场、路口等公共场所向行人或车辆散发广告传单、卡片',
    closing: '散发行为制止，散落传单清理干净',
  },
  '0205': {
    unit: '市城市管理行政执法局',
    dispose: days(2),
    filing: '广告招牌画面破损、字体残缺、灯光不全，或存在松动、坠落隐患',
    closing: '招牌修复或拆除，画面完整、安装牢固',
  },

  // 03 施工管理
  '0301': {
    unit: '市生态环境局',
    dispose: days(1),
    filing: '夜间（22时至次日6时）等禁止时段违规施工，或施工噪声明显超标影响周边居民',
    closing: '违规施工停止，施工噪声控制达标',
  },
  '0302': {
    unit: '市住建局',
    dispose: days(1),
    filing: '施工工地未落实围挡、覆盖、洒水、车辆冲洗等防尘措施，产生明显扬尘',
    closing: '防尘措施落实到位，现场无明显扬尘',
  },
  '0303': {
    unit: '市住建局',
    dispose: days(2),
    filing: '施工废弃料、建筑垃圾在工地外或道路上随意堆放',
    closing: '施工废弃料清运完毕，现场恢复整洁',
  },
  '0304': {
    unit: '市城市管理行政执法局',
    dispose: days(3),
    filing: '施工超出审批范围或时限占用道路，或未按规定设置围挡和警示标志',
    closing: '占道恢复到审批范围内，围挡和警示标志规范设置',
  },
  '0305': {
    unit: '市城市管理行政执法局',
    dispose: days(1),
    filing: '未经批准擅自挖掘城市道路、人行道',
    closing: '违规掘路停止，路面恢复平整',
  },
  '0399': {
    unit: null,
    dispose: days(3),
    filing: '其他施工管理不规范、未列入本大类其他小类的问题',
    closing: '问题整改到位，施工现场规范有序',
  },

  // 04 突发事件: the disposal limit is "make safe and restore use", repairs may follow as a new case.
  '0401': {
    unit: '市住建局',
    dispose: hours(2),
    filing: '道路路面突然塌陷、下沉，危及行人车辆通行安全',
    closing: '现场围挡警示并完成修复，道路恢复通行',
  },
  '0402': {
    unit: '市水务集团',
    dispose: hours(2),
    filing: '供水管道破裂、漏水，路面冒水或积水',
    closing: '管道抢修完成，恢复供水，路面无冒水',
  },
  '0403': {
    unit: '市煤气公司',
    dispose: hours(2),
    filing: '燃气管道破裂、泄漏，现场有明显燃气气味',
    closing: '泄漏点封堵修复，经检测无泄漏，现场安全',
  },
  '0404': {
    unit: '市水务集团',
    dispose: hours(2),
    filing: '下水道堵塞、破损，污水外溢或路面积存污水',
    closing: '管道疏通修复，排水通畅，路面无污水',
  },
  '0405': {
    unit: '市住建局',
    dispose: hours(2),
    filing: '热力管道破裂，冒汽、漏水',
    closing: '管道修复，无冒汽漏水',
  },
  '0406': {
    unit: '市住建局',
    dispose: hours(4),
    filing: '降雨后道路、下穿通道积水深度超过15cm，或积水超过2小时未退，影响通行',
    closing: '积水排除，道路恢复正常通行',
  },
  '0407': {
    unit: '市城市管理行政执法局',
    dispose: hours(4),
    filing: '道路、桥梁、人行道积雪或结冰，影响车辆行人通行安全',
    closing: '积雪清除、冰面处理完毕，道路安全通行',
  },
  '0408': {
    unit: '中国电信攀枝花分公司',
    dispose: hours(4),
    filing: '架空线缆断落、低垂（离地不足4.5米）或线杆倾斜，影响通行安全',
    closing: '线缆修复、规整或拆除，离地高度符合要求',
  },
  '0409': {
    unit: '市公安局',
    dispose: hours(2),
    filing: '公共场所出现人员聚集、围堵等群体性事件，影响公共秩序',
    closing: '人员疏散，现场秩序恢复正常',
  },
  '0499': {
    unit: null,
    dispose: hours(2),
    filing: '其他需要紧急处置、危及公共安全的突发情况',
    closing: '险情排除，现场恢复安全',
  },

  // 05 街面秩序
  '0501': {
    unit: null,
    dispose: hours(2),
    filing: '在道路、广场等公共区域无照流动摆卖',
    closing: '游商劝离或依法处理，现场无摆卖',
  },
  '0502': {
    unit: null,
    dispose: hours(4),
    filing: '道路、广场、地下通道等公共场所有流浪乞讨人员滞留',
    closing: '流浪乞讨人员已劝离或护送至救助机构',
  },
  '0503': {
    unit: null,
    dispose: hours(4),
    filing: '在道路、人行道上占道收购、堆放、分拣废品',
    closing: '占道废品收购清理，道路恢复整洁',
  },
  '0504': {
    unit: null,
    dispose: hours(4),
    filing: '临街商户超出门窗、外墙，在人行道等公共区域摆放商品、设摊经营',
    closing: '店外经营物品收回店内，现场恢复整洁',
  },
  '0505': {
    unit: '市公安局',
    dispose: hours(2),
    filing: '机动车在人行道、盲道、绿地或禁停区域停放，影响通行',
    closing: '车辆驶离或依法处理，现场无违停',
  },
  '0506': {
    unit: null,
    dispose: hours(2),
    filing: '非机动车未在规定区域停放，堵塞人行道、盲道或出入口',
    closing: '车辆规整或移除，停放有序',
  },
  '0507': {
    unit: null,
    dispose: days(1),
    filing: '在道路、人行道、绿地等公共区域乱堆物品、材料，面积超过1平方米',
    closing: '堆物堆料清理完毕，现场恢复整洁',
  },
  '0508': {
    unit: null,
    dispose: hours(2),
    filing: '商户使用高音广播、音响招揽顾客，噪声影响周边居民',
    closing: '高音设备关闭或移除，噪声消除',
  },
  '0509': {
    unit: '市交通运输局',
    dispose: hours(2),
    filing: '非法营运车辆在车站、医院、路口等处揽客',
    closing: '非法营运行为制止，车辆驶离',
  },
  '0510': {
    unit: null,
    dispose: hours(2),
    filing: '在道路、广场、居民区等公共区域露天烧烤经营，产生油烟',
    closing: '露天烧烤停止，设施收回，现场清理干净',
  },
  '0511': {
    unit: null,
    dispose: hours(4),
    filing: '在临街阳台外、门窗外、道路及公共设施上吊挂、晾晒衣物',
    closing: '晾挂物品收回，沿街立面整洁',
  },
  '0512': {
    unit: null,
    dispose: days(1),
    filing: '在公共场所摆卖非法出版物、盗版音像制品',
    closing: '非法出版物收缴，摆卖行为制止',
  },
  '0513': {
    unit: null,
    dispose: days(10),
    filing: '临街空调室外机安装高度不足2米，或冷凝水直接滴落人行道',
    closing: '室外机移高或规范安装，冷凝水有组织排放',
  },
  '0599': {
    unit: null,
    dispose: days(1),
    filing: '其他影响街面秩序、未列入本大类其他小类的问题',
    closing: '问题整改到位，街面秩序恢复正常',
  },
};

// 06 扩展事件 — LOCAL EXTENSION. CJ/T 214 reserves the major for a city's own event types but
// defines no minors, and the shared categories.tsv has no event 06 rows at all; these are demo
// choices of the kind cities put there (DOMAIN §1.1 cites 垃圾满溢 as one city's extension).
export const localEventMinors: LocalMinorSpec[] = [
  {
    code: '0601',
    name: '共享单车乱停放',
    nameEn: 'dock-less shared bikes parked illegally (local extension)',
    unit: '市城市管理行政执法局',
    dispose: hours(2),
    filing: '共享单车未在停放点内停放，堆积、倒伏或堵塞人行道、盲道、出入口，同一处超过5辆',
    closing: '运营企业清运或规整到位，车辆在停放区域内有序停放',
  },
  {
    code: '0602',
    name: '占道洗车',
    nameEn: 'car washing on the road (local extension)',
    unit: null,
    dispose: hours(2),
    filing: '在道路、人行道上占道洗车，污水外流',
    closing: '占道洗车停止，路面清理干净无积水',
  },
  {
    code: '0603',
    name: '违规养犬',
    nameEn: 'dog-keeping violations (local extension)',
    unit: '市公安局',
    dispose: days(1),
    filing: '携犬出户未牵绳、未及时清理犬只粪便，或饲养禁养犬只',
    closing: '违规行为制止，粪便清理干净，禁养犬只依法处置',
  },
  {
    code: '0604',
    name: '渣土车未密闭运输',
    nameEn: 'muck truck not covered (local extension)',
    unit: '市城市管理行政执法局',
    dispose: hours(2),
    filing: '渣土运输车辆未密闭、超载或车轮带泥上路',
    closing: '车辆整改密闭到位，沿途遗撒清理干净',
  },
  {
    code: '0605',
    name: '占道维修',
    nameEn: 'repair work on the road (local extension)',
    unit: null,
    dispose: hours(4),
    filing: '占用道路、人行道修理车辆、家电等，油污杂物影响市容',
    closing: '占道维修停止，现场油污杂物清理干净',
  },
  {
    code: '0606',
    name: '垃圾满溢',
    nameEn: 'overflowing bins (local extension)',
    unit: null,
    dispose: hours(2),
    filing: '垃圾桶（箱）、垃圾收集点垃圾满溢，溢出物散落周边',
    closing: '垃圾清运完毕，桶（箱）周边清洁无散落',
  },
  {
    code: '0699',
    name: '其他扩展事件',
    nameEn: 'other local event (local extension)',
    unit: null,
    dispose: days(1),
    filing: '本市确定纳入数字城管处置、未列入其他小类的问题',
    closing: '问题整改到位，现场恢复正常',
  },
];
