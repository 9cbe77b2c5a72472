import { type CampaignInput, zebraCrossingFields } from '@cityloop/contracts/field';
import { allocate, DISTRICT_NAMES, type DistrictKey } from './demo-plan.js';
import { DemoRandom, seedOf } from './demo-random.js';

// The demo city's July 2019 zebra-crossing campaign (seed: 四、斑马线前不礼让行为曝光 — 5524 cases,
// 东区 2741, 西区 1500, 仁和区 1283): raw entries, one per car that did not yield at a crossing,
// each with its time, place and plate, never a stored total. Pure and deterministic: the same
// geography gives the same entries on every run.

export const ZEBRA_CAMPAIGN: CampaignInput = {
  name: '斑马线秩序持续监督行动',
  startsOn: '2019-07-01',
  endsOn: '2019-07-31',
  fields: zebraCrossingFields,
  bulletinTitle: '斑马线前不礼让行为曝光',
  bulletinClosing: '上述案件信息已推送媒体曝光，同时派遣至市交警支队依法查处。',
};

export const ZEBRA_COUNTS: Partial<Record<DistrictKey, number>> = { dq: 2741, xq: 1500, rh: 1283 };

/** 典型 entries per day (the seed lists two or three a day). */
const FEATURED_PER_DAY = 2;

/**
 * Crossings where collectors watched, by street of the demo geography (district code + street
 * code). `#` is a house number; the weight is how busy the crossing is.
 */
const CROSSINGS: Record<DistrictKey, { street: string; place: string; weight: number }[]> = {
  dq: [
    { street: '510402001', place: '新源路金海世纪城2号门岗', weight: 6 },
    { street: '510402001', place: '攀枝花大道中段#号', weight: 5 },
    { street: '510402001', place: '炳草岗大街人民街路口', weight: 4 },
    { street: '510402001', place: '新华街#号', weight: 2 },
    { street: '510402002', place: '江边街#号', weight: 4 },
    { street: '510402002', place: '大渡口大桥北桥头', weight: 2 },
    { street: '510402003', place: '龙珠路路口', weight: 6 },
    { street: '510402003', place: '东华街#号', weight: 2 },
    { street: '510402005', place: '攀枝花大道东段鸿海巷路口', weight: 5 },
    { street: '510402005', place: '攀枝花大道东段鸿茂巷路口', weight: 3 },
    { street: '510402005', place: '攀枝花大道东段#号', weight: 2 },
  ],
  xq: [
    { street: '510403001', place: '清香坪北街沃尔玛超市左侧', weight: 5 },
    { street: '510403001', place: '清香坪北街沃尔玛右侧', weight: 3 },
    { street: '510403001', place: '清香坪东街#号', weight: 5 },
    { street: '510403002', place: '苏铁中路玉泉广场', weight: 5 },
    { street: '510403002', place: '苏铁中路西区政府前', weight: 3 },
    { street: '510403002', place: '苏铁西路#号', weight: 4 },
    { street: '510403004', place: '陶家渡东路#号', weight: 4 },
  ],
  rh: [
    { street: '510411001', place: '和苑路大河中学门前', weight: 5 },
    { street: '510411001', place: '和苑路法治文化主题公园前', weight: 3 },
    { street: '510411001', place: '和苑路#号', weight: 3 },
    { street: '510411001', place: '联通街#号', weight: 4 },
    { street: '510411101', place: '攀枝花大道南段#号', weight: 6 },
  ],
  ft: [],
};

/** Rush hours carry most of the cases: [from, to) in minutes after midnight, weight. */
const TIME_BANDS: [number, number, number][] = [
  [7 * 60, 9 * 60 + 30, 35],
  [9 * 60 + 30, 11 * 60 + 30, 8],
  [11 * 60 + 30, 13 * 60 + 30, 20],
  [13 * 60 + 30, 17 * 60, 7],
  [17 * 60, 19 * 60 + 30, 30],
];

/** 川D is 攀枝花; some cars come from 成都 (川A), 凉山 (川W) and 云南. */
const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

function plate(random: DemoRandom): string {
  const prefix = ['川D', '川D', '川D', '川D', '川D', '川D', '川D', '川D', '川D', '川A', '川W', '云D'][
    random.int(0, 11)
  ] as string;
  if (random.chance(0.03)) {
    // 新能源 (8 characters): D/F then five digits.
    return `${prefix}${random.pick(['D', 'F'])}${String(random.int(0, 99999)).padStart(5, '0')}`;
  }
  const letters = random.weighted([45, 35, 20]);
  const chars = Array.from({ length: 5 }, () => String(random.int(0, 9)));
  const positions = random.shuffle([0, 1, 2, 3]).slice(0, letters);
  for (const p of positions) chars[p] = random.pick([...PLATE_LETTERS]);
  return `${prefix}${chars.join('')}`;
}

export interface DemoGridBox {
  streetCode: string;
  bbox: readonly [number, number, number, number];
}

export interface DemoCampaignEntry {
  district: DistrictKey;
  observedAt: Date;
  createdAt: Date;
  place: string;
  plate: string;
  lng: number;
  lat: number;
  /** index into the district's collectors */
  collector: number;
  featured: boolean;
}

const MINUTE = 60_000;

/**
 * The campaign's entries, in time order. `grids` are the demo geography's unit grids; every
 * entry's point lies inside a grid of its crossing's street, so it is in its district.
 */
export function generateZebraEntries(
  grids: readonly DemoGridBox[],
  collectors: Partial<Record<DistrictKey, number>>,
): DemoCampaignEntry[] {
  const random = new DemoRandom(seedOf('campaign:2019-07:zebra'));
  const days = Array.from({ length: 31 }, (_, i) => `2019-07-${String(i + 1).padStart(2, '0')}`);
  const entries: DemoCampaignEntry[] = [];
  for (const [district, total] of Object.entries(ZEBRA_COUNTS) as [DistrictKey, number][]) {
    const crossings = CROSSINGS[district];
    const streetGrids = new Map(
      crossings.map((c) => [c.street, grids.filter((g) => g.streetCode === c.street)]),
    );
    for (const [street, list] of streetGrids) {
      if (list.length === 0) throw new Error(`demo campaign: street ${street} has no grids`);
    }
    // Weekdays are busier than weekends (2019-07-06 was a Saturday).
    const perDay = allocate(
      total,
      Object.fromEntries(days.map((d, i) => [d, (i + 1) % 7 === 6 || (i + 1) % 7 === 0 ? 3 : 4])),
    );
    for (const day of days) {
      const midnight = Date.parse(`${day}T00:00:00+08:00`);
      for (let n = 0; n < (perDay[day] ?? 0); n++) {
        const crossing = crossings[random.weighted(crossings.map((c) => c.weight))] as (typeof crossings)[0];
        const band = TIME_BANDS[random.weighted(TIME_BANDS.map((b) => b[2]))] as [number, number, number];
        const observedAt = new Date(midnight + random.int(band[0], band[1] - 1) * MINUTE);
        const grid = random.pick(streetGrids.get(crossing.street) ?? []);
        const [w, s, e, nn] = grid.bbox;
        entries.push({
          district,
          observedAt,
          // Sent from the phone a few minutes later (never after the day's end: bands end 19:30).
          createdAt: new Date(observedAt.getTime() + random.int(1, 20) * MINUTE),
          place: `${DISTRICT_NAMES[district]}${crossing.place.replace('#', String(random.int(1, 900)))}`,
          plate: plate(random),
          lng: Math.round((w + (e - w) * random.between(0.1, 0.9)) * 1e6) / 1e6,
          lat: Math.round((s + (nn - s) * random.between(0.1, 0.9)) * 1e6) / 1e6,
          collector: random.int(0, Math.max(0, (collectors[district] ?? 1) - 1)),
          featured: false,
        });
      }
    }
  }
  entries.sort((a, b) => a.observedAt.getTime() - b.observedAt.getTime() || a.plate.localeCompare(b.plate));
  // 典型: a few a day, spread over the day's entries.
  const byDay = new Map<string, DemoCampaignEntry[]>();
  for (const e of entries) {
    const day = new Date(e.observedAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const list = byDay.get(day);
    if (list) list.push(e);
    else byDay.set(day, [e]);
  }
  for (const list of byDay.values()) {
    for (let k = 0; k < FEATURED_PER_DAY; k++) {
      const e = list[Math.floor(((k + 0.5) * list.length) / FEATURED_PER_DAY)];
      if (e) e.featured = true;
    }
  }
  return entries;
}
