import type { Bilingual } from '../../platform/http/errors.js';
import { checkAreaGeometry } from './geometry-validation.js';
import type { AreaGeometry, BBox } from './point-in-polygon.js';

// Checks the features of a GeoJSON grid import one by one, before the database is asked
// anything. Pure: the community check, which needs the database, happens in the service.

export const GRID_CODE = /^[0-9]{15}$/;

export interface GridFeatureCandidate {
  /** position of the feature in features[] */
  index: number;
  code: string;
  name: string | null;
  areaClass: string;
  geometry: AreaGeometry;
  bbox: BBox;
}

export interface GridFeatureRejection {
  index: number;
  code: string | null;
  reason: Bilingual;
}

type FeatureCheck =
  | { ok: true; candidate: Omit<GridFeatureCandidate, 'index'> }
  | { ok: false; code: string | null; reason: Bilingual };

const reject = (code: string | null, zh: string, en: string): FeatureCheck => ({
  ok: false,
  code,
  reason: { zh, en },
});

// Spreadsheets and GIS tools often export codes as numbers; 15 digits are exact in a double.
function codeOf(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return null;
}

const textOf = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() ? value.trim() : null;

function checkFeature(feature: unknown): FeatureCheck {
  if (typeof feature !== 'object' || feature === null || (feature as { type?: unknown }).type !== 'Feature') {
    return reject(null, '不是 GeoJSON Feature', 'not a GeoJSON Feature');
  }
  const { properties, geometry } = feature as { properties?: unknown; geometry?: unknown };
  const props = (typeof properties === 'object' && properties !== null ? properties : {}) as Record<
    string,
    unknown
  >;
  const code = codeOf(props.code);
  if (!code) return reject(null, '缺少网格编码 properties.code', 'properties.code (grid code) is missing');
  if (!GRID_CODE.test(code))
    return reject(code, `网格编码 ${code} 不是 15 位数字`, `grid code ${code} is not 15 digits`);
  const checked = checkAreaGeometry(geometry);
  if (!checked.ok)
    return reject(code, `边界不合法：${checked.reason.zh}`, `invalid geometry: ${checked.reason.en}`);
  return {
    ok: true,
    candidate: {
      code,
      name: textOf(props.name),
      areaClass: textOf(props.areaClass) ?? 'A',
      geometry: checked.geometry,
      bbox: checked.bbox,
    },
  };
}

/**
 * Splits features into candidates and rejections (with a bilingual reason each). A code that
 * repeats an earlier good feature is rejected, so one import never writes a code twice.
 */
export function checkGridFeatures(features: readonly unknown[]): {
  candidates: GridFeatureCandidate[];
  rejected: GridFeatureRejection[];
} {
  const candidates: GridFeatureCandidate[] = [];
  const rejected: GridFeatureRejection[] = [];
  const seen = new Map<string, number>();
  for (const [index, feature] of features.entries()) {
    const checked = checkFeature(feature);
    if (!checked.ok) {
      rejected.push({ index, code: checked.code, reason: checked.reason });
      continue;
    }
    const earlier = seen.get(checked.candidate.code);
    if (earlier !== undefined) {
      const { code } = checked.candidate;
      rejected.push({
        index,
        code,
        reason: {
          zh: `网格编码 ${code} 与第 ${earlier} 个要素重复`,
          en: `grid code ${code} repeats feature ${earlier}`,
        },
      });
      continue;
    }
    seen.set(checked.candidate.code, index);
    candidates.push({ index, ...checked.candidate });
  }
  return { candidates, rejected };
}
