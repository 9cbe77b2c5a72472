import { type BBox, type PolygonGeometry, rectangle } from './point-in-polygon.js';

// The demo city: 攀枝花市 (Panzhihua), the city of the seed bulletin. This file is DATA plus a
// deterministic layout (no randomness): every run yields the same codes and the same shapes.
//
// Geography: axis-aligned rectangles placed roughly where the places are (city centre
// ~101.72/26.58, 东区 along the Jinsha river, 西区 to the west, 仁和区 to the south, the two
// counties further out). They are NOT surveyed boundaries: districts here are the bounding box
// of their streets, streets of their communities, and communities are exactly their unit grids.
// What the demo needs — nesting, no overlaps, valid closed polygons, codes per DOMAIN.md §1.2 —
// holds by construction and is checked in demo-geography.test.ts.

export type RegionLevel = 'city' | 'district' | 'street' | 'community';

export interface DemoRegion {
  /** city/district 6 digits, street 9, community 12 */
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  aliases: string[];
  boundary: PolygonGeometry;
  bbox: BBox;
}

export interface DemoGrid {
  /** 15 digits = 6 district + 3 street + 3 community + 3 grid */
  code: string;
  name: string;
  communityCode: string;
  streetCode: string;
  districtCode: string;
  areaClass: string;
  boundary: PolygonGeometry;
  bbox: BBox;
}

export interface DemoKnownPoint {
  /** A place name for demos (seed addresses put into a plausible street; not surveyed). */
  label: string;
  lng: number;
  lat: number;
  districtCode: string;
  streetCode: string;
  communityCode: string;
  gridCode: string;
}

export interface DemoGeography {
  city: DemoRegion;
  /** Every region below the city, parents before children (districts, streets, communities). */
  regions: DemoRegion[];
  grids: DemoGrid[];
  knownPoints: DemoKnownPoint[];
  /** Points that are in no grid of the city. */
  outsidePoints: { label: string; lng: number; lat: number }[];
}

interface LandmarkSpec {
  label: string;
  /** index of the community in the street, and of the grid in the community */
  community: number;
  grid: number;
}

interface StreetSpec {
  /** 3 digits. Convention of GB/T 10114: 001–099 街道, 100–199 镇; 4xx is used here for the
   *  functional zones' management areas (片区), which have no civil-affairs code. */
  code: string;
  name: string;
  /** south-west corner of the street's first grid [lng, lat] */
  anchor: [number, number];
  communities: string[];
  landmarks?: LandmarkSpec[];
}

interface DistrictSpec {
  code: string;
  name: string;
  aliases: string[];
  streets: StreetSpec[];
}

export const DEMO_CITY_CODE = '510400';
export const DEMO_CITY_NAME = '攀枝花市';

// District and county codes are GB/T 2260. 钒钛高新区 and 花城新区 are functional zones
// (功能区) with no GB/T 2260 code; 510471/510472 are made up for the demo in the 7x range that
// GB/T 2260 leaves unused in this prefecture, so that grid codes keep their 6-digit head.
const DISTRICTS: DistrictSpec[] = [
  {
    code: '510402',
    name: '东区',
    aliases: ['攀枝花市东区'],
    streets: [
      {
        code: '001',
        name: '炳草岗街道',
        anchor: [101.712, 26.583],
        communities: ['新华街社区', '人民街社区', '枣子坪社区'],
        landmarks: [{ label: '东区新源路金海世纪城2号门岗', community: 1, grid: 2 }],
      },
      {
        code: '002',
        name: '大渡口街道',
        anchor: [101.735, 26.576],
        communities: ['大渡口社区', '滨江社区', '五十一社区'],
        landmarks: [{ label: '东区江边街42号', community: 1, grid: 0 }],
      },
      {
        code: '003',
        name: '东华街道',
        anchor: [101.722, 26.592],
        communities: ['东华社区', '龙珠社区'],
        landmarks: [{ label: '东区龙珠路路口', community: 1, grid: 3 }],
      },
      {
        code: '004',
        name: '弄弄坪街道',
        anchor: [101.695, 26.57],
        communities: ['弄弄坪社区', '向阳村社区'],
      },
      {
        code: '005',
        name: '瓜子坪街道',
        anchor: [101.752, 26.567],
        communities: ['瓜子坪社区', '鸿海社区'],
        landmarks: [{ label: '东区攀枝花大道东段鸿海巷路口', community: 1, grid: 1 }],
      },
      { code: '101', name: '银江镇', anchor: [101.785, 26.598], communities: ['银江社区', '沙坝社区'] },
    ],
  },
  {
    code: '510403',
    name: '西区',
    aliases: ['攀枝花市西区'],
    streets: [
      {
        code: '001',
        name: '清香坪街道',
        anchor: [101.6, 26.622],
        communities: ['清香坪社区', '清香坪北街社区', '清香坪东街社区'],
        landmarks: [
          { label: '西区清香坪北街沃尔玛超市', community: 1, grid: 1 },
          { label: '西区清香坪东街1号', community: 2, grid: 0 },
        ],
      },
      {
        code: '002',
        name: '玉泉街道',
        anchor: [101.615, 26.602],
        communities: ['玉泉社区', '苏铁社区'],
        landmarks: [{ label: '西区苏铁中路玉泉广场', community: 0, grid: 2 }],
      },
      {
        code: '003',
        name: '河门口街道',
        anchor: [101.568, 26.614],
        communities: ['河门口社区', '巴关河社区'],
      },
      {
        code: '004',
        name: '陶家渡街道',
        anchor: [101.63, 26.588],
        communities: ['陶家渡社区', '新桥社区'],
        landmarks: [{ label: '西区陶家渡东路86号', community: 0, grid: 1 }],
      },
      {
        code: '005',
        name: '大宝鼎街道',
        anchor: [101.585, 26.64],
        communities: ['大宝鼎社区', '太家坪社区'],
      },
      { code: '101', name: '格里坪镇', anchor: [101.548, 26.632], communities: ['格里坪社区', '庄上社区'] },
    ],
  },
  {
    code: '510411',
    name: '仁和区',
    aliases: ['攀枝花市仁和区'],
    streets: [
      {
        code: '001',
        name: '大河中路街道',
        anchor: [101.718, 26.512],
        communities: ['大河中路社区', '和苑社区', '联通街社区'],
        landmarks: [
          { label: '仁和区和苑路大河中学门前', community: 1, grid: 0 },
          { label: '仁和区联通街50号', community: 2, grid: 2 },
        ],
      },
      { code: '002', name: '南山街道', anchor: [101.742, 26.526], communities: ['南山社区', '学府社区'] },
      {
        code: '101',
        name: '仁和镇',
        anchor: [101.738, 26.497],
        communities: ['仁和社区', '总发社区'],
        landmarks: [{ label: '仁和区攀枝花大道南段873号', community: 0, grid: 3 }],
      },
      { code: '102', name: '金江镇', anchor: [101.77, 26.515], communities: ['金江社区', '沙沟社区'] },
    ],
  },
  {
    code: '510421',
    name: '米易县',
    aliases: ['攀枝花市米易县'],
    streets: [
      {
        code: '101',
        name: '攀莲镇',
        anchor: [102.105, 26.885],
        communities: ['攀莲社区', '迎宾社区'],
        landmarks: [{ label: '米易县城（攀莲镇）', community: 0, grid: 0 }],
      },
      { code: '102', name: '丙谷镇', anchor: [102.055, 26.835], communities: ['丙谷社区', '芭蕉箐社区'] },
    ],
  },
  {
    code: '510422',
    name: '盐边县',
    aliases: ['攀枝花市盐边县'],
    streets: [
      {
        code: '101',
        name: '桐子林镇',
        anchor: [101.85, 26.685],
        communities: ['桐子林社区', '新县城社区'],
        landmarks: [{ label: '盐边县城（桐子林镇）', community: 1, grid: 1 }],
      },
      { code: '102', name: '红格镇', anchor: [101.93, 26.47], communities: ['红格社区', '温泉社区'] },
    ],
  },
  {
    code: '510471', // functional zone, not a GB/T 2260 code
    name: '钒钛高新区',
    aliases: ['攀枝花钒钛高新技术产业开发区', '钒钛高新技术产业开发区'],
    streets: [
      {
        code: '401',
        name: '马店河片区',
        anchor: [101.8, 26.535],
        communities: ['马店河社区', '金沙社区'],
        landmarks: [{ label: '钒钛高新区马店河工业园', community: 0, grid: 1 }],
      },
      { code: '402', name: '新庄片区', anchor: [101.812, 26.548], communities: ['新庄社区', '钒钛社区'] },
    ],
  },
  {
    code: '510472', // functional zone, not a GB/T 2260 code
    name: '花城新区',
    aliases: ['攀枝花花城新区'],
    streets: [
      {
        code: '401',
        name: '花城片区',
        anchor: [101.7, 26.47],
        communities: ['花城社区', '新城社区'],
        landmarks: [{ label: '花城新区管委会', community: 0, grid: 2 }],
      },
      { code: '402', name: '中坝片区', anchor: [101.715, 26.455], communities: ['中坝社区', '江南社区'] },
    ],
  },
];

// A unit grid is ~100 m × 100 m (GB/T 30428.1 "万米单元网格"). At latitude 26.6°,
// 0.001° of longitude ≈ 99.5 m and 0.0009° of latitude ≈ 99.8 m.
export const DEMO_GRID_SIZE = { lng: 0.001, lat: 0.0009 } as const;
const GRID_ROWS = 2;
const STREET_MARGIN = 0.0005;
const DISTRICT_MARGIN = 0.002;
const CITY_MARGIN = 0.005;

// Coordinates are rounded to 1e-7° (~1 cm) so that float noise (0.1 + 0.2) never reaches the
// stored shapes and adjacent grids share exactly the same edge values.
const round = (value: number) => Math.round(value * 1e7) / 1e7;

function rect(bbox: BBox): { boundary: PolygonGeometry; bbox: BBox } {
  const b: BBox = [round(bbox[0]), round(bbox[1]), round(bbox[2]), round(bbox[3])];
  return { boundary: rectangle(b[0], b[1], b[2], b[3]), bbox: b };
}

function union(boxes: BBox[], margin: number): BBox {
  return [
    Math.min(...boxes.map((b) => b[0])) - margin,
    Math.min(...boxes.map((b) => b[1])) - margin,
    Math.max(...boxes.map((b) => b[2])) + margin,
    Math.max(...boxes.map((b) => b[3])) + margin,
  ];
}

const pad3 = (n: number) => String(n).padStart(3, '0');

/** Builds the whole demo geography. Pure and deterministic; cheap enough to call per seed. */
export function demoGeography(): DemoGeography {
  const districts: DemoRegion[] = [];
  const streets: DemoRegion[] = [];
  const communities: DemoRegion[] = [];
  const grids: DemoGrid[] = [];
  const knownPoints: DemoKnownPoint[] = [];

  for (const district of DISTRICTS) {
    const streetBoxes: BBox[] = [];
    for (const street of district.streets) {
      const streetCode = district.code + street.code;
      const communityBoxes: BBox[] = [];
      let column = 0;
      const streetGrids: DemoGrid[][] = [];
      street.communities.forEach((communityName, k) => {
        const communityCode = streetCode + pad3(k + 1);
        // Alternating 2 and 3 columns gives communities of 4 and 6 grids.
        const cols = 2 + (k % 2);
        const communityGrids: DemoGrid[] = [];
        for (let row = 0; row < GRID_ROWS; row++) {
          for (let c = 0; c < cols; c++) {
            const minLng = street.anchor[0] + (column + c) * DEMO_GRID_SIZE.lng;
            const minLat = street.anchor[1] + row * DEMO_GRID_SIZE.lat;
            const n = communityGrids.length + 1;
            communityGrids.push({
              code: communityCode + pad3(n),
              name: `${communityName}第${n}网格`,
              communityCode,
              streetCode,
              districtCode: district.code,
              areaClass: 'A',
              ...rect([minLng, minLat, minLng + DEMO_GRID_SIZE.lng, minLat + DEMO_GRID_SIZE.lat]),
            });
          }
        }
        const box = rect(
          union(
            communityGrids.map((g) => g.bbox),
            0,
          ),
        );
        communities.push({
          code: communityCode,
          name: communityName,
          level: 'community',
          parentCode: streetCode,
          aliases: [],
          ...box,
        });
        communityBoxes.push(box.bbox);
        grids.push(...communityGrids);
        streetGrids.push(communityGrids);
        // One empty grid column between communities keeps them visibly apart on the map.
        column += cols + 1;
      });
      const streetBox = rect(union(communityBoxes, STREET_MARGIN));
      streets.push({
        code: streetCode,
        name: street.name,
        level: 'street',
        parentCode: district.code,
        aliases: [],
        ...streetBox,
      });
      streetBoxes.push(streetBox.bbox);

      for (const landmark of street.landmarks ?? []) {
        const grid = streetGrids[landmark.community]?.[landmark.grid];
        if (!grid) throw new Error(`demo landmark ${landmark.label} points at no grid`);
        // Off-centre on purpose, so a test does not only ever try exact centres.
        knownPoints.push({
          label: landmark.label,
          lng: round((grid.bbox[0] + grid.bbox[2]) / 2 + 0.00023),
          lat: round((grid.bbox[1] + grid.bbox[3]) / 2 + 0.00017),
          districtCode: district.code,
          streetCode,
          communityCode: grid.communityCode,
          gridCode: grid.code,
        });
      }
    }
    districts.push({
      code: district.code,
      name: district.name,
      level: 'district',
      parentCode: DEMO_CITY_CODE,
      aliases: district.aliases,
      ...rect(union(streetBoxes, DISTRICT_MARGIN)),
    });
  }

  const city: DemoRegion = {
    code: DEMO_CITY_CODE,
    name: DEMO_CITY_NAME,
    level: 'city',
    parentCode: null,
    // 渡口市 was the city's name until 1987.
    aliases: ['攀枝花', '渡口市'],
    ...rect(
      union(
        districts.map((d) => d.bbox),
        CITY_MARGIN,
      ),
    ),
  };

  return {
    city,
    regions: [...districts, ...streets, ...communities],
    grids,
    knownPoints,
    outsidePoints: [
      { label: '成都市天府广场', lng: 104.0657, lat: 30.6595 },
      { label: '攀枝花市区内网格之间的空地', lng: round(101.712 + 2.5 * DEMO_GRID_SIZE.lng), lat: 26.5835 },
      { label: '金沙江江心（东区南侧）', lng: 101.74, lat: 26.56 },
    ],
  };
}
