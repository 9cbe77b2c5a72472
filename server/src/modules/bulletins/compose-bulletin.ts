import { toShanghaiIso } from '../../platform/time.js';
import {
  type AssessmentTable,
  type AssessmentTableResult,
  assessmentTableLabels,
  countChangeText,
  formatNumber,
  formatPercent,
  type MonthlyFigures,
  rateChangeText,
} from '../statistics/index.js';
import type { VendorAssessment } from '../vendors/index.js';
import type { BulletinNode, BulletinTable, Cell } from './bulletin-document.js';

// Composes the monthly bulletin (月度简报) from the month's figures, the contractors'
// assessments and the text blocks staff wrote: every number and every month-over-month sentence
// is computed here from the figures, none is typed. Pure.

export type BlockSection = 'work_news' | 'district_news' | 'team_news';

export interface BlockForBulletin {
  section: BlockSection;
  title: string;
  body: string;
  byline: string;
  photos: { storageKey: string; contentType: string; caption: string }[];
}

/**
 * The campaign exposure list (e.g. 斑马线前不礼让行为曝光), one per campaign with entries in the
 * month (campaign-exposure.ts words it from the field module's counts); with none the bulletin
 * has no such section (never invented rows).
 */
export interface CampaignExposure {
  title: string;
  summary: string;
  rows: { time: string; place: string; plate: string }[];
  closing: string;
}

export interface BulletinInput {
  cityName: string;
  figures: MonthlyFigures;
  vendors: VendorAssessment[];
  blocks: BlockForBulletin[];
  campaigns: CampaignExposure[];
}

const CN_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
const cn = (i: number) => CN_NUMBERS[i] ?? String(i + 1);
const pct = (v: number | null) => formatPercent(v);
const majorLabel = (name: string) => (name.endsWith('类') ? name : `${name}类`);
const monthNumber = (month: string) => Number(month.slice(5, 7));

function joinList(items: string[]): string {
  return items.join('、');
}

function textBlocks(blocks: BlockForBulletin[], section: BlockSection): BulletinNode[] {
  const nodes: BulletinNode[] = [];
  for (const block of blocks.filter((b) => b.section === section)) {
    if (block.title) nodes.push({ type: 'heading', level: 3, text: block.title });
    for (const para of block.body.split(/\n\s*\n|\r?\n/).map((p) => p.trim())) {
      if (para) nodes.push({ type: 'paragraph', text: para });
    }
    for (const photo of block.photos) nodes.push({ type: 'photo', photo });
    if (block.byline) nodes.push({ type: 'paragraph', text: `（供稿：${block.byline}）`, align: 'right' });
  }
  return nodes;
}

function overview(f: MonthlyFigures, m: number): BulletinNode[] {
  const c = f.cases;
  const p = c.previous;
  const comparison = p
    ? `较上月案件上报总数${countChangeText(c.received - p.received)}，立案率${rateChangeText(
        c.filingRate,
        p.filingRate,
      )}，处置率${rateChangeText(c.disposalRate, p.disposalRate)}。`
    : '上月无数据，不作比较。';
  const nodes: BulletinNode[] = [
    { type: 'heading', level: 2, text: '一、本月总体情况' },
    {
      type: 'paragraph',
      text: `（一）本月（${m}月）共收到各类案件${c.received}件。根据相关立案、处置、结案标准，共立案${c.filed}件，立案率${pct(
        c.filingRate,
      )}，应处置案件${c.dueForDisposal}件，处置案件${c.disposed}件，处置率${pct(c.disposalRate)}。${comparison}`,
    },
    {
      type: 'paragraph',
      text: `本月监督员自行处置案件${c.selfDisposed}件。（自行处置：即信息监督员在巡查过程中，对力所能及的事、部件问题进行处理。）`,
    },
  ];
  const districts = c.byDistrict.map((d) => `${d.district}${d.received}件`);
  let deltaText = '';
  if (p) {
    const before = new Map(p.byDistrict.map((d) => [d.districtId, d.received]));
    const deltas = c.byDistrict.map((d) => ({
      name: d.district,
      delta: d.received - (before.get(d.districtId) ?? 0),
    }));
    const down = deltas.filter((d) => d.delta < 0);
    const up = deltas.filter((d) => d.delta > 0);
    const parts: string[] = [];
    if (down.length > 0) {
      parts.push(
        `${joinList(down.map((d) => d.name))}较上月${down.length > 1 ? '分别' : ''}减少了${joinList(
          down.map((d) => `${-d.delta}件`),
        )}`,
      );
    }
    if (up.length > 0) {
      parts.push(
        `${joinList(up.map((d) => d.name))}较上月${up.length > 1 ? '分别' : ''}增加了${joinList(
          up.map((d) => `${d.delta}件`),
        )}`,
      );
    }
    if (parts.length > 0) deltaText = `，${parts.join('，')}`;
  }
  nodes.push({
    type: 'paragraph',
    text: `（二）各区上报案件数：${districts.length > 0 ? districts.join('，') : '本月无案件'}${deltaText}。`,
  });
  return nodes;
}

const groupLabels = { district: '区县', department: '市级部门', enterprise: '企事业单位' } as const;

function hotline(f: MonthlyFigures, month: string): BulletinNode[] {
  const h = f.hotline;
  const prev = f.hotlinePrevious;
  const change = prev
    ? `，较上月${h.received - prev.received >= 0 ? '上升' : '下降'}${Math.abs(h.received - prev.received)}件`
    : '';
  const nodes: BulletinNode[] = [
    {
      type: 'paragraph',
      text: `（三）热线工作情况。12345民生政务服务热线共受理各类诉求${h.received}件${change}。其中，有效来电${h.valid}件，无效来电${h.invalid}件；坐席直接回复${h.directReply}件，占比${formatPercent(
        h.directReplyShare,
        1,
      )}；转交区县及市级部门办理${h.transferred}件，办结${h.completed}件，办结率${pct(
        h.transferred === 0 ? null : h.completionRate,
      )}；案件回访部门满意率${formatPercent(h.satisfaction.calledBack === 0 ? null : h.satisfaction.unit, 1)}，坐席人员满意率${formatPercent(
        h.satisfaction.calledBack === 0 ? null : h.satisfaction.agent,
        1,
      )}。`,
    },
  ];
  const types = h.byType.filter((t) => t.count > 0);
  if (types.length > 0) {
    nodes.push({
      type: 'paragraph',
      text: `从诉求分类来看，${types.map((t) => `${t.label}类${t.count}件，占比${formatPercent(t.share, 1)}`).join('；')}。`,
    });
  }
  const rows: Cell[][] = h.byUnit.map((u) => [
    groupLabels[u.group as keyof typeof groupLabels] ?? u.group,
    u.unit,
    u.received,
    u.done,
    u.inProgress,
    pct(u.received === 0 ? null : u.rate),
  ]);
  const total = h.byUnit.reduce((s, u) => ({ received: s.received + u.received, done: s.done + u.done }), {
    received: 0,
    done: 0,
  });
  rows.push([
    '共计',
    '',
    total.received,
    total.done,
    total.received - total.done,
    pct(total.received === 0 ? null : total.done / total.received),
  ]);
  nodes.push({
    type: 'table',
    title: `${monthNumber(month)}月12345热线联动单位办理情况`,
    sheet: '热线联动单位',
    columns: [
      { header: '类别', width: 1.2, align: 'center' },
      { header: '联动单位', width: 3.2 },
      { header: '本月接件', width: 1.2, align: 'right' },
      { header: '已办件', width: 1.2, align: 'right' },
      { header: '在办件', width: 1.2, align: 'right' },
      { header: '本月办结率', width: 1.4, align: 'right' },
    ],
    rows,
  });
  return nodes;
}

function categories(f: MonthlyFigures): BulletinNode[] {
  const c = f.cases;
  const kindText = (
    label: string,
    kind: { total: number; byMajor: { name: string; count: number; share: number | null }[] },
  ) => {
    const list = kind.byMajor.map((m) => `${majorLabel(m.name)}${m.count}件`).join('，');
    const top = kind.byMajor.slice(0, 3);
    const tail =
      top.length > 0
        ? `其中，${joinList(top.map((m) => majorLabel(m.name)))}案件为多发案件，分别占${label}类案件的${joinList(
            top.map((m) => pct(m.share)),
          )}。`
        : '';
    return `在受理的${kind.total}件${label}类案件中，${list || '无'}。${tail}`;
  };
  return [
    { type: 'heading', level: 2, text: '二、主要案件类别' },
    {
      type: 'paragraph',
      text: `本月受理的有效上报案件${c.filed}件，其中，事件${c.events.total}件，部件${c.parts.total}件。`,
    },
    { type: 'paragraph', text: `1.事件类案件分类小计：${kindText('事件', c.events)}` },
    { type: 'paragraph', text: `2.部件类案件分类小计：${kindText('部件', c.parts)}` },
    {
      type: 'table',
      title: '主要案件类别（按大类）',
      sheet: '案件类别',
      columns: [
        { header: '类型', width: 1, align: 'center' },
        { header: '大类', width: 2.5 },
        { header: '立案数', width: 1.3, align: 'right' },
        { header: '占本类比例', width: 1.5, align: 'right' },
      ],
      rows: [
        ...c.events.byMajor.map((m): Cell[] => ['事件', m.name, m.count, pct(m.share)]),
        ...c.parts.byMajor.map((m): Cell[] => ['部件', m.name, m.count, pct(m.share)]),
      ],
    },
  ];
}

function hotspots(f: MonthlyFigures, index: number): BulletinNode[] {
  const [first, ...rest] = f.cases.topMinors;
  const nodes: BulletinNode[] = [{ type: 'heading', level: 2, text: `${cn(index)}、高发、热点案件简析` }];
  if (first) {
    const next = rest.slice(0, 3);
    nodes.push({
      type: 'paragraph',
      text: `（一）本月城市管理问题中，排在首位的是${first.name}，占案件总量的${pct(first.share)}${
        next.length > 0
          ? `，其次是${joinList(next.map((m) => m.name))}等，分别占案件总数的${joinList(next.map((m) => pct(m.share)))}`
          : ''
      }。`,
    });
  }
  const group = [...f.hotline.bySubjectGroup].sort((a, b) => b.count - a.count)[0];
  if (group && group.count > 0) {
    nodes.push({
      type: 'paragraph',
      text: `（二）本月12345民生政务服务热线接到市民反映的${group.group}类诉求${group.count}件，占热线受理总量的${pct(group.share)}。`,
    });
  }
  nodes.push({
    type: 'table',
    title: '高发案件小类',
    sheet: '高发案件',
    columns: [
      { header: '序号', width: 0.8, align: 'center' },
      { header: '类型', width: 1, align: 'center' },
      { header: '小类', width: 2.6 },
      { header: '立案数', width: 1.3, align: 'right' },
      { header: '占立案总数', width: 1.5, align: 'right' },
    ],
    rows: f.cases.topMinors.map((m, i) => [
      i + 1,
      m.kind === 'event' ? '事件' : '部件',
      m.name,
      m.count,
      pct(m.share),
    ]),
  });
  return nodes;
}

function campaignNodes(campaigns: CampaignExposure[], start: number): BulletinNode[] {
  return campaigns.flatMap((c, i): BulletinNode[] => [
    { type: 'heading', level: 2, text: `${cn(start + i)}、${c.title}` },
    { type: 'paragraph', text: c.summary },
    // The 典型 list staff picked; a month without one prints the counts only.
    ...(c.rows.length > 0
      ? [
          { type: 'paragraph' as const, text: '典型不文明行为如下：' },
          {
            type: 'table' as const,
            title: `${c.title}（典型不文明行为）`,
            sheet: `曝光${i + 1}`,
            columns: [
              { header: '时间', width: 1.6 },
              { header: '地点', width: 3.4 },
              { header: '车牌', width: 1.2 },
            ],
            rows: c.rows.map((r): Cell[] => [r.time, r.place, r.plate]),
          },
        ]
      : []),
    ...(c.closing ? [{ type: 'paragraph' as const, text: c.closing }] : []),
  ]);
}

const tableNumbers: Record<AssessmentTable, string> = { regions: '一', departments: '二', enterprises: '三' };

function assessmentTable(month: string, result: AssessmentTableResult): BulletinTable {
  return {
    type: 'table',
    title: `${monthNumber(month)}月业务工作考核表（${tableNumbers[result.table]}）${assessmentTableLabels[result.table]}`,
    sheet: `考核表${tableNumbers[result.table]}`,
    columns: [
      { header: '单位', width: 3 },
      { header: '应处置数', width: 1.2, align: 'right' },
      { header: '处置数', width: 1.2, align: 'right' },
      { header: '处置率', width: 1.2, align: 'right' },
      { header: '考核得分', width: 1.2, align: 'right' },
      { header: '月度排名', width: 1, align: 'center' },
      { header: '备注', width: 1.6 },
    ],
    rows: result.rows.map((r) => [
      r.unit,
      r.due,
      r.disposed,
      pct(r.disposalRate),
      formatNumber(r.score),
      r.rank === null ? '/' : r.rank,
      r.note,
    ]),
  };
}

function assessment(f: MonthlyFigures, index: number): BulletinNode[] {
  const nodes: BulletinNode[] = [{ type: 'heading', level: 2, text: `${cn(index)}、案件处置率及排名` }];
  for (const table of ['regions', 'departments', 'enterprises'] as const) {
    const result = f.assessment[table];
    nodes.push(assessmentTable(f.month, result));
    nodes.push({
      type: 'paragraph',
      text: `考核得分按考核方案“${result.scheme.name}”（第${result.scheme.version}版）计算：${result.scheme.definition.indicators
        .map((i) => `${indicatorText(i.key)}×${formatNumber(i.weight)}%`)
        .join(' + ')}。`,
    });
  }
  return nodes;
}

const indicatorNames: Record<string, string> = {
  disposalRate: '处置率',
  onTimeDisposalRate: '按期处置率',
  closingRate: '结案率',
  onTimeClosingRate: '按期结案率',
  reworkRate: '返工率',
  extensionRate: '延期率',
  overduePendingRate: '超期待处置率',
  caseCount: '立案数',
  casesPerGrid: '每网格立案数',
  publicReportRate: '监督举报率',
};
const indicatorText = (key: string) => `${indicatorNames[key] ?? key}分值`;

function vendorNodes(vendors: VendorAssessment[]): BulletinNode[] {
  if (vendors.length === 0) return [];
  const nodes: BulletinNode[] = [{ type: 'heading', level: 1, text: '·主要业务考核评价·' }];
  const collection = vendors.filter((v) => v.contract.checklist === 'collection');
  const others = vendors.filter((v) => v.contract.checklist !== 'collection');
  let section = 0;
  if (collection.length > 0) {
    nodes.push({ type: 'heading', level: 2, text: `${cn(section++)}、信息采集外包业务` });
    collection.forEach((v, i) => {
      const c = v.collection;
      nodes.push({
        type: 'heading',
        level: 3,
        text: `（${cn(i)}）${v.contract.areaLabel}业务（${v.contract.packageName}）`,
      });
      if (c) {
        nodes.push({
          type: 'paragraph',
          text: `本月，${v.contract.company}管理的${v.contract.staffCount}名信息采集员在${v.contract.areaLabel}范围内共上报各类案件${c.reported}件，符合立案标准的案件为${c.filed}件，立案率${pct(
            c.filingRate,
          )}。同时，本月监督员自行处置案件${c.selfDisposed}件。`,
        });
      }
      nodes.push({
        type: 'table',
        title: `信息采集外包单位月度综合评价表（${v.contract.packageName}）`,
        sheet: `采集${v.contract.packageName}`.slice(0, 31),
        columns: [
          { header: '序号', width: 0.6, align: 'center' },
          { header: '考核指标', width: 1.4 },
          { header: '基本概念及评价公式', width: 2.2 },
          { header: '数据来源', width: 1.1 },
          { header: '计扣办法', width: 3.2 },
          { header: '考核结果', width: 1.8 },
        ],
        rows: v.rows.map((r) => [r.seq, r.name, r.definition, r.dataSource, r.ruleText, r.result]),
        footer: { label: '月度考核结果（以上各项累计）', text: `综合以上各项考核指标，${v.conclusion}。` },
      });
    });
  }
  for (const v of others) {
    const title =
      v.contract.checklist === 'hall'
        ? `大厅服务管理及运行业务考核（${v.contract.packageName}）`
        : `12345民生政务服务热线业务服务单位考核（${v.contract.packageName}）`;
    nodes.push({ type: 'heading', level: 2, text: `${cn(section++)}、${title}` });
    nodes.push({
      type: 'table',
      title: `${title}——${v.contract.company}`,
      sheet: (v.contract.checklist === 'hall'
        ? `大厅${v.contract.packageName}`
        : `热线${v.contract.packageName}`
      ).slice(0, 31),
      columns: [
        { header: '考核类别', width: 1.2 },
        { header: '考核指标', width: 1.4 },
        { header: v.contract.checklist === 'hall' ? '评价内容及标准' : '服务内容及标准', width: 2.6 },
        { header: '评分标准及处罚', width: 3.2 },
        { header: '考核结果', width: 1.6 },
      ],
      rows: v.rows.map((r) => [r.groupLabel, r.name, r.definition, r.ruleText, r.result]),
      footer: { label: '月度考核结果（以上各项累计）', text: `综合以上各项考核指标，${v.conclusion}。` },
    });
  }
  return nodes;
}

/** The 口径 the figures use, printed as the bulletin's appendix. */
export const definitionsAppendix: readonly string[] = [
  '统计期为北京时间自然月；数据截至统计截止时间（默认月末），之后发生的流转不计入，重新生成的简报数字不变。',
  '上报数：本月上报（按上报时间）的全部案件，不论来源；转为案件的热线工单只按案件计一次。',
  '立案数：上报数中截至统计截止时间已立案（含自行处置）的案件；立案率 = 立案数 / 上报数。',
  '应处置数：立案数 − 立案后作废数 − 截至统计截止时间仍挂账的案件数。',
  '处置数：应处置案件中截至统计截止时间已处置反馈（含自行处置）的案件；处置率 = 处置数 / 应处置数。',
  '按期处置数：处置时间不晚于当时有效处置时限（派遣、返工或批准延期所定）的处置；自行处置视为按期。',
  '自行处置数：上报数中由监督员自行处置的案件。',
  '各区上报案件数按案件所在区县统计上报数；事件、部件及大类、小类按立案案件统计，大类占比以本类立案数为分母，小类占比以立案总数为分母。',
  '单位考核：某单位的应处置数为派遣或返工至该单位的应处置案件数，处置数为其中由该单位处置反馈的案件数。案件改派时，原单位和新单位均计入，因此各单位应处置数之和可大于全市应处置数。',
  '结案率 = 结案数 / 应结案数，应结案数 = 处置数 + 超期未处置数；按期结案率 = 按期结案数 / 应结案数；返工率 = 返工数 / 应结案数；延期率 = 延期数 / 应处置数（GB/T 30428.4 式口径）。',
  '考核得分按各考核表当月有效的考核方案（指标、权重、分段）计算，非仅由表中所列处置率决定；处置数为0的单位得0分；标注“/”的单位暂不参与排名。排名按得分降序，得分相同时依次比较处置率、应处置数、单位名称。',
  '热线：受理数 = 有效来电 + 无效来电；直接回复占比以受理数为分母；办结率 = 办结数 / 转办数；诉求分类占比以有效来电为分母；满意率以本月回访为分母。',
  '比率以分数保存、打印时保留两位小数；分母为零时显示“—”。较上月的比率变化为百分点差值。',
];

export function composeBulletin(input: BulletinInput): BulletinNode[] {
  const { figures: f } = input;
  const m = monthNumber(f.month);
  const nodes: BulletinNode[] = [];
  const work = textBlocks(input.blocks, 'work_news');
  if (work.length > 0) nodes.push({ type: 'heading', level: 1, text: '工作动态' }, ...work);
  const district = textBlocks(input.blocks, 'district_news');
  if (district.length > 0) nodes.push({ type: 'heading', level: 1, text: '·区县来风·' }, ...district);
  const team = textBlocks(input.blocks, 'team_news');
  if (team.length > 0) nodes.push({ type: 'heading', level: 1, text: '·队伍风采·' }, ...team);

  nodes.push({ type: 'heading', level: 1, text: '·本月“城事”·' });
  nodes.push(...overview(f, m), ...hotline(f, f.month), ...categories(f));
  let index = 2;
  nodes.push(...hotspots(f, index++));
  nodes.push(...campaignNodes(input.campaigns, index));
  index += input.campaigns.length;
  nodes.push(...assessment(f, index));
  nodes.push(...vendorNodes(input.vendors));
  nodes.push({ type: 'heading', level: 1, text: '附录：统计口径' });
  nodes.push(
    ...definitionsAppendix.map((text, i): BulletinNode => ({ type: 'paragraph', text: `${i + 1}. ${text}` })),
  );
  nodes.push({ type: 'paragraph', text: `数据截至：${toShanghaiIso(new Date(f.asOf))}` });
  return nodes;
}

export function bulletinTitle(cityName: string, month: string): string {
  return `${cityName}数字化城市管理${month.slice(0, 4)}年${monthNumber(month)}月简报`;
}
