import { readFileSync } from 'node:fs';
import type { CategoryKind } from './category-kind.js';
import { legacyEventSpecs, localEventMinors } from './demo-event-specs.js';
import { type LocalMinorSpec, type MinorSpec, routineSteps, urgentSteps } from './demo-limits.js';
import { legacyPartSpec, localPartMinors } from './demo-part-specs.js';
import type { DemoUnitName } from './demo-units.js';
import { type CategoryTsvRow, parseCategoryTsv } from './parse-category-tsv.js';
import type { TimeLimits } from './stages.js';

/** The whole demo dictionary is one scheme: the CJ/T 214-2007 tree plus this city's extensions. */
export const LEGACY_SCHEME = 'legacy-CJT214';

export interface DemoMajor {
  kind: CategoryKind;
  code: string;
  name: string;
  nameEn: string;
  /** Other names the same major goes by (the reference TSV's wording where the seed differs). */
  aliases: readonly string[];
  /** A city extension major (扩展事件 / 扩展部件), not a standard one. */
  local: boolean;
}

// Major names follow the seed bulletin (our city's own report), which is what users will type
// and read; the reference TSV is the source of codes and minors. They differ in one place:
// part 01 is 公共设施 in the bulletin and 公用设施 in CJ/T 214 as transcribed.
export const demoMajors: readonly DemoMajor[] = [
  { kind: 'event', code: '01', name: '市容环境', nameEn: 'City appearance', aliases: [], local: false },
  { kind: 'event', code: '02', name: '宣传广告', nameEn: 'Advertising', aliases: [], local: false },
  {
    kind: 'event',
    code: '03',
    name: '施工管理',
    nameEn: 'Construction management',
    aliases: [],
    local: false,
  },
  { kind: 'event', code: '04', name: '突发事件', nameEn: 'Emergencies', aliases: [], local: false },
  { kind: 'event', code: '05', name: '街面秩序', nameEn: 'Street order', aliases: [], local: false },
  { kind: 'event', code: '06', name: '扩展事件', nameEn: 'Local event types', aliases: [], local: true },
  {
    kind: 'part',
    code: '01',
    name: '公共设施',
    nameEn: 'Public utilities',
    aliases: ['公用设施'],
    local: false,
  },
  { kind: 'part', code: '02', name: '道路交通', nameEn: 'Roads & traffic', aliases: [], local: false },
  {
    kind: 'part',
    code: '03',
    name: '市容环境',
    nameEn: 'City appearance & sanitation',
    aliases: [],
    local: false,
  },
  { kind: 'part', code: '04', name: '园林绿化', nameEn: 'Landscaping', aliases: [], local: false },
  { kind: 'part', code: '05', name: '房屋土地', nameEn: 'Buildings & land', aliases: [], local: false },
  { kind: 'part', code: '06', name: '其他设施', nameEn: 'Other facilities', aliases: [], local: false },
  { kind: 'part', code: '07', name: '扩展部件', nameEn: 'Local part types', aliases: [], local: true },
];

export interface DemoCategory {
  scheme: string;
  kind: CategoryKind;
  majorCode: string;
  majorName: string;
  code: string;
  name: string;
  nameEn: string;
  filingStandard: string; // 立案标准
  closingStandard: string; // 结案标准
  /** Resolved to a unit id at seed time; null = dispatch picks the district by location. */
  defaultUnitName: DemoUnitName | null;
  timeLimits: TimeLimits;
  /** Added by the city under 扩展事件 / 扩展部件, not in CJ/T 214. */
  local: boolean;
}

// Kept beside the module (copied from the shared reference, legacy-CJT214 rows only) so the
// repository builds its demo without reaching outside itself.
const LEGACY_TSV = new URL('./data/legacy-cjt214.tsv', import.meta.url);

let legacyRowsCache: CategoryTsvRow[] | undefined;

/** The CJ/T 214 minors as transcribed in the reference table. */
export function loadLegacyRows(): CategoryTsvRow[] {
  legacyRowsCache ??= parseCategoryTsv(readFileSync(LEGACY_TSV, 'utf8'), { scheme: LEGACY_SCHEME });
  return legacyRowsCache;
}

function majorOf(kind: CategoryKind, code: string): DemoMajor {
  const major = demoMajors.find((m) => m.kind === kind && m.code === code);
  if (!major) throw new Error(`demo dictionary has no ${kind} major ${code}`);
  return major;
}

function limitsFor(kind: CategoryKind, majorCode: string, spec: MinorSpec): TimeLimits {
  const steps = kind === 'event' && majorCode === '04' ? urgentSteps : routineSteps;
  return { ...steps, dispose: spec.dispose };
}

function toDemo(
  kind: CategoryKind,
  majorCode: string,
  code: string,
  name: string,
  nameEn: string,
  spec: MinorSpec,
  local: boolean,
): DemoCategory {
  const major = majorOf(kind, majorCode);
  return {
    scheme: LEGACY_SCHEME,
    kind,
    majorCode,
    majorName: major.name,
    code,
    name,
    nameEn,
    filingStandard: spec.filing,
    closingStandard: spec.closing,
    defaultUnitName: spec.unit,
    timeLimits: limitsFor(kind, majorCode, spec),
    local,
  };
}

function localToDemo(kind: CategoryKind, majorCode: string, spec: LocalMinorSpec): DemoCategory {
  if (!spec.code.startsWith(majorCode))
    throw new Error(`local ${kind} ${spec.code} is not under major ${majorCode}`);
  return toDemo(kind, majorCode, spec.code, spec.name, spec.nameEn, spec, true);
}

/**
 * The demo dictionary: every legacy minor with the seed's major names, standards, default
 * unit and limits, then the local extension minors. Throws if a legacy row has no demo
 * standards (so adding a row to the TSV without writing its standards fails loudly).
 */
export function buildDemoCategories(
  legacyRows: readonly CategoryTsvRow[] = loadLegacyRows(),
): DemoCategory[] {
  const out: DemoCategory[] = [];
  for (const row of legacyRows) {
    const spec = row.kind === 'event' ? legacyEventSpecs[row.code] : legacyPartSpec(row.code, row.nameZh);
    if (!spec) throw new Error(`no demo standards for ${row.kind} ${row.code} ${row.nameZh}`);
    out.push(toDemo(row.kind, row.majorCode, row.code, row.nameZh, row.glossEn, spec, false));
  }
  for (const spec of localEventMinors) out.push(localToDemo('event', '06', spec));
  for (const spec of localPartMinors) out.push(localToDemo('part', '07', spec));

  const seen = new Set<string>();
  for (const c of out) {
    const key = `${c.kind}|${c.code}`;
    if (seen.has(key)) throw new Error(`demo dictionary has ${c.kind} ${c.code} twice`);
    seen.add(key);
  }
  return out.sort((a, b) => a.kind.localeCompare(b.kind) || a.code.localeCompare(b.code));
}
