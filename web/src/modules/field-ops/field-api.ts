import type { Role } from '@cityloop/contracts/roles';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { http, request } from '../../platform/http';

// What the console's 外业管理 pages read and write under /api/field.

export type LngLat = [number, number];
export type BBox = [number, number, number, number];
export type PartStatus = 'intact' | 'damaged' | 'lost' | 'scrapped' | 'removed';

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface CollectorRow {
  userId: string;
  login: string;
  displayName: string;
  active: boolean;
  company: string;
  contractPackage: string;
  deviceId: string | null;
  hasRoute: boolean;
  gridCodes: string[];
  shifts: { id: string; startsAt: string; endsAt: string }[];
}

export interface CollectorProfile {
  userId: string;
  login: string;
  displayName: string;
  company: string;
  contractPackage: string;
  deviceId: string | null;
  route: LngLat[] | null;
  grids: { id: string; code: string; name: string | null }[];
}

export interface ProfileInput {
  company: string;
  contractPackage: string;
  deviceId: string | null;
  route: LngLat[] | null;
  gridCodes: string[];
}

export interface DayReport {
  userId: string;
  day: string;
  points: number;
  onlineMinutes: number;
  shiftMinutes: number;
  distanceM: number;
  gaps: number;
  coverage: { coverage: number; routeLengthM: number; coveredLengthM: number } | null;
  intervals: { gridId: string; gridCode: string; visits: number; required: number; met: boolean }[];
  threeFixed: { otherDevicePoints: number; otherDevices: string[]; minutesOutsideGrids: number };
  rejected: { speed: number; accuracy: number; future: number; repeated: number };
  settings: { bufferM: number; gapMinutes: number; intervalMinutes: number };
  contractPackage: string;
  company: string;
}

export type DayMapFeature =
  | {
      type: 'Feature';
      id: string;
      geometry: unknown;
      properties: { layer: 'grid'; code: string; name: string | null };
    }
  | {
      type: 'Feature';
      id: 'route';
      geometry: { type: 'LineString'; coordinates: LngLat[] };
      properties: { layer: 'route' };
    }
  | {
      type: 'Feature';
      id: 'track';
      geometry: { type: 'MultiLineString'; coordinates: LngLat[][] };
      properties: { layer: 'track'; points: number; stretches: number; devices: string[] };
    }
  | {
      type: 'Feature';
      id: 'start' | 'end';
      geometry: { type: 'Point'; coordinates: LngLat };
      properties: { layer: 'start' | 'end'; at: string };
    };

export interface DayMap {
  type: 'FeatureCollection';
  bbox: BBox | null;
  features: DayMapFeature[];
}

export interface PartRow {
  id: string;
  code: string;
  categoryId: string;
  categoryCode: string;
  categoryName: string;
  name: string | null;
  status: PartStatus;
  lng: number;
  lat: number;
  gridId: string | null;
  gridCode: string | null;
  address: string | null;
  updatedAt: string;
}

export interface PartDetail extends PartRow {
  gridName: string | null;
  districtName: string | null;
  ownerUnitName: string | null;
  managerUnitName: string | null;
  maintainerUnitName: string | null;
  createdAt: string;
}

export type PartsFilter = {
  status?: PartStatus;
  categoryCode?: string;
  gridCode?: string;
};

export type RejectReason =
  | 'bad_id'
  | 'bad_position'
  | 'bad_status'
  | 'outside_city'
  | 'unknown_category'
  | 'unknown_unit'
  | 'duplicate_id';

export interface PartsImportReport {
  total: number;
  imported: number;
  rejected: {
    row: number;
    code: string | null;
    reason: RejectReason;
    detail?: string;
    zh: string;
    en: string;
  }[];
}

export interface PartChange {
  id: string;
  kind: 'new' | 'moved' | 'removed';
  partCode: string | null;
  categoryCode: string | null;
  categoryName: string | null;
  lng: number | null;
  lat: number | null;
  note: string | null;
  reporterName: string | null;
  observedAt: string;
  reportedAt: string;
  reportDueAt: string;
  applyDueAt: string;
  status: 'pending' | 'applied' | 'rejected';
  decidedAt: string | null;
  reportedOnTime: boolean;
  appliedOnTime: boolean | null;
}

export interface IntakeRow {
  id: string;
  source: 'video' | 'drone';
  deviceId: string;
  capturedAt: string;
  receivedAt: string;
  lng: number;
  lat: number;
  category: { code: string; name: string; kind: string };
  districtName: string | null;
  duplicate: boolean;
  case: { id: string; caseNo: string | null; status: string | null };
  via: string | null;
}

export type IntakeFilter = {
  source?: 'video' | 'drone';
  duplicate?: 'true' | 'false';
  deviceId?: string;
  from?: string;
  to?: string;
};

/** Roles with the 外业管理 pages (the server's field read routes allow these). */
export const fieldReaderRoles: readonly Role[] = ['acceptor', 'shift_lead', 'dispatcher', 'admin', 'leader'];

/** Who may change collectors' profiles and shifts, import parts and decide change requests. */
export const fieldManagers: readonly Role[] = ['shift_lead', 'admin'];

const bboxText = (bbox: BBox) => bbox.map((n) => n.toFixed(5)).join(',');

export const fieldApi = {
  collectors: (query: {
    page: number;
    pageSize: number;
    q?: string;
    contractPackage?: string;
    day?: string;
  }) => http.get<Paged<CollectorRow>>('/api/field/collectors', query),
  collector: (userId: string) => http.get<CollectorProfile>(`/api/field/collectors/${userId}`),
  saveProfile: (userId: string, body: ProfileInput) =>
    http.put<CollectorProfile>(`/api/field/collectors/${userId}`, body),
  addShifts: (userId: string, shifts: { startsAt: string; endsAt: string }[]) =>
    http.post<{ saved: number }>(`/api/field/collectors/${userId}/shifts`, { shifts }),
  shifts: (userId: string, day: string) =>
    http.get<{ items: { id: string; startsAt: string; endsAt: string }[] }>(
      `/api/field/collectors/${userId}/shifts`,
      { day },
    ),
  deleteShift: (id: string) => request<void>(`/api/field/shifts/${id}`, { method: 'DELETE' }),
  dayReport: (userId: string, day: string) =>
    http.get<DayReport>(`/api/field/collectors/${userId}/day`, { day }),
  dayMap: (userId: string, day: string) =>
    http.get<DayMap>(`/api/field/collectors/${userId}/day-map`, { day }),
  parts: (query: PartsFilter & { page: number; pageSize: number; bbox?: BBox }) =>
    http.get<Paged<PartRow>>('/api/field/parts', {
      ...query,
      bbox: query.bbox ? bboxText(query.bbox) : undefined,
    }),
  part: (code: string) => http.get<PartDetail>(`/api/field/parts/${code}`),
  partChanges: (query: { page: number; pageSize: number; status?: PartChange['status'] }) =>
    http.get<Paged<PartChange>>('/api/field/part-changes', query),
  decidePartChange: (id: string, decision: 'apply' | 'reject') =>
    http.post<PartChange>(`/api/field/part-changes/${id}/decision`, { decision }),
  intakes: (query: IntakeFilter & { page: number; pageSize: number }) =>
    http.get<Paged<IntakeRow>>('/api/field/intakes', query),
};

export function useCollectors(query: Parameters<typeof fieldApi.collectors>[0], enabled = true) {
  return useQuery({
    queryKey: ['field', 'collectors', query],
    queryFn: () => fieldApi.collectors(query),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCollectorDay(userId: string | undefined, day: string) {
  const report = useQuery({
    queryKey: ['field', 'day', userId, day],
    queryFn: () => fieldApi.dayReport(userId as string, day),
    enabled: Boolean(userId),
  });
  const map = useQuery({
    queryKey: ['field', 'day-map', userId, day],
    queryFn: () => fieldApi.dayMap(userId as string, day),
    enabled: Boolean(userId),
  });
  return { report, map };
}

export function useParts(query: Parameters<typeof fieldApi.parts>[0], enabled = true) {
  return useQuery({
    queryKey: ['field', 'parts', query],
    queryFn: () => fieldApi.parts(query),
    placeholderData: keepPreviousData,
    enabled,
  });
}
