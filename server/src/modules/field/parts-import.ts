// Pure parsing of parts inventory files (部件普查 exports): CSV with a header row, or a GeoJSON
// FeatureCollection of points. Rows that cannot be read are rejected with a reason here;
// what needs the database (city bounds, categories, units) is checked by the service.

export type PartStatusId = 'intact' | 'damaged' | 'lost' | 'scrapped' | 'removed';

const statusByLabel: Record<string, PartStatusId> = {
  完好: 'intact',
  破损: 'damaged',
  丢失: 'lost',
  废弃: 'scrapped',
  移除: 'removed',
  intact: 'intact',
  damaged: 'damaged',
  lost: 'lost',
  scrapped: 'scrapped',
  removed: 'removed',
};

export interface PartCandidate {
  /** 1-based data row (CSV: line after the header; GeoJSON: feature number) */
  row: number;
  code: string;
  /** the 4-digit part category: digits 7–10 of the id */
  categoryCode: string;
  name: string | null;
  status: PartStatusId;
  lng: number;
  lat: number;
  address: string | null;
  ownerUnit: string | null;
  managerUnit: string | null;
  maintainerUnit: string | null;
}

export type RejectReason =
  | 'bad_id'
  | 'bad_position'
  | 'bad_status'
  | 'outside_city'
  | 'unknown_category'
  | 'unknown_unit'
  | 'duplicate_id';

export const rejectMessages: Record<RejectReason, { zh: string; en: string }> = {
  bad_id: { zh: '部件标识码须为16位数字', en: 'the part id must be 16 digits' },
  bad_position: { zh: '坐标缺失或不合法', en: 'missing or invalid coordinates' },
  bad_status: { zh: '状态须为 完好/破损/丢失/废弃/移除', en: 'status must be 完好/破损/丢失/废弃/移除' },
  outside_city: { zh: '坐标不在本市网格范围内', en: 'the point is outside the city’s grids' },
  unknown_category: { zh: '未知的部件类别（标识码第7–10位）', en: 'unknown part category (id digits 7–10)' },
  unknown_unit: { zh: '未知的权属/主管/养护单位', en: 'unknown owning/managing/maintaining unit' },
  duplicate_id: { zh: '文件中部件标识码重复', en: 'the part id appears twice in the file' },
};

export interface Rejection {
  row: number;
  code: string | null;
  reason: RejectReason;
  detail?: string;
}

// Column names accepted in CSV headers and GeoJSON properties (the legacy payload names too).
const aliases: Record<keyof Omit<PartCandidate, 'row' | 'categoryCode'>, string[]> = {
  code: ['code', 'objid', '部件标识码', '标识码'],
  name: ['name', 'objname', '部件名称', '名称'],
  status: ['status', 'objstate', '状态', '部件状态'],
  lng: ['lng', 'lon', 'x', '经度'],
  lat: ['lat', 'y', '纬度'],
  address: ['address', '地址', '位置'],
  ownerUnit: ['owner', 'ownerunit', 'deptname2', '权属单位'],
  managerUnit: ['manager', 'managerunit', 'deptname1', '主管单位', '主管部门'],
  maintainerUnit: ['maintainer', 'maintainerunit', 'deptname3', '养护单位'],
};

function pick(record: Record<string, unknown>, field: keyof typeof aliases): string | null {
  for (const [key, value] of Object.entries(record)) {
    if (aliases[field].includes(key.trim().toLowerCase()) && value !== null && value !== undefined) {
      const text = String(value).trim();
      return text === '' ? null : text;
    }
  }
  return null;
}

/** One record (CSV row or feature properties) to a candidate, or the reason it is unreadable. */
export function readPartRecord(
  row: number,
  record: Record<string, unknown>,
  position?: { lng: number; lat: number },
): PartCandidate | Rejection {
  const code = pick(record, 'code');
  if (!code || !/^[0-9]{16}$/.test(code)) return { row, code, reason: 'bad_id' };
  const number = (text: string | null) => (text === null ? Number.NaN : Number(text));
  const lng = position?.lng ?? number(pick(record, 'lng'));
  const lat = position?.lat ?? number(pick(record, 'lat'));
  if (!Number.isFinite(lng) || !Number.isFinite(lat) || Math.abs(lng) > 180 || Math.abs(lat) > 90) {
    return { row, code, reason: 'bad_position' };
  }
  const statusText = pick(record, 'status');
  const status = statusText ? statusByLabel[statusText.toLowerCase()] : 'intact';
  if (!status) return { row, code, reason: 'bad_status', detail: statusText ?? undefined };
  return {
    row,
    code,
    categoryCode: code.slice(6, 10),
    name: pick(record, 'name'),
    status,
    lng,
    lat,
    address: pick(record, 'address'),
    ownerUnit: pick(record, 'ownerUnit'),
    managerUnit: pick(record, 'managerUnit'),
    maintainerUnit: pick(record, 'maintainerUnit'),
  };
}

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF) into rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const input = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (quoted) {
      if (ch === '"' && input[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && input[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

export function readPartsCsv(text: string): (PartCandidate | Rejection)[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  return rows.map((cells, i) =>
    readPartRecord(i + 1, Object.fromEntries(header.map((name, k) => [name, cells[k] ?? '']))),
  );
}

export function readPartsGeoJson(collection: unknown): (PartCandidate | Rejection)[] {
  const features = (collection as { features?: unknown })?.features;
  if (!Array.isArray(features)) return [];
  return features.map((feature, i) => {
    const f = feature as {
      geometry?: { type?: string; coordinates?: unknown };
      properties?: Record<string, unknown>;
    };
    const coordinates = f.geometry?.type === 'Point' ? (f.geometry.coordinates as unknown[]) : null;
    const position = coordinates ? { lng: Number(coordinates[0]), lat: Number(coordinates[1]) } : undefined;
    const record = f.properties ?? {};
    if (!position) return { row: i + 1, code: pick(record, 'code'), reason: 'bad_position' as const };
    return readPartRecord(i + 1, record, position);
  });
}

export const isRejection = (x: PartCandidate | Rejection): x is Rejection => 'reason' in x;
