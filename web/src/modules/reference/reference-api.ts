import type { Role } from '@cityloop/contracts/roles';
import { useQuery } from '@tanstack/react-query';
import { http } from '../../platform/http';

export interface StageLimit {
  amount: number;
  unit: 'minute' | 'hour' | 'day';
}

export interface Category {
  id: string;
  kind: 'event' | 'part';
  majorCode: string;
  majorName: string;
  code: string;
  name: string;
  nameEn: string | null;
  filingStandard: string;
  closingStandard: string;
  defaultUnitId: string | null;
  timeLimits: Record<string, StageLimit>;
  active: boolean;
  version: number;
}

export interface Unit {
  id: string;
  name: string;
  kind: 'district_government' | 'city_department' | 'enterprise';
  aliases: string[];
  regionId: string | null;
  phone: string | null;
  active: boolean;
}

export interface Region {
  id: string;
  code: string;
  name: string;
  level: 'city' | 'district' | 'street' | 'community';
  parentId: string | null;
  aliases: string[];
  bbox: [number, number, number, number] | null;
}

export interface UserRow {
  id: string;
  login: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  regionId: string | null;
  active: boolean;
}

export interface GridCollection {
  type: 'FeatureCollection';
  features: { type: 'Feature'; id: string; geometry: unknown; properties: Record<string, unknown> }[];
  total: number;
}

export const unitKindLabels: Record<Unit['kind'], string> = {
  district_government: '区县政府',
  city_department: '市级部门',
  enterprise: '企事业单位',
};

export const limitUnitLabels: Record<StageLimit['unit'], string> = {
  minute: '分钟',
  hour: '工作小时',
  day: '工作日',
};

export const stageLabels: Record<string, string> = {
  accept: '受理',
  verify: '核实',
  file: '立案',
  dispatch: '派遣',
  dispose: '处置',
  request_check: '发送核查',
  check: '核查',
  close: '结案',
};

export const referenceApi = {
  categories: (includeInactive = false) =>
    http.get<{ items: Category[] }>('/api/categories', {
      includeInactive: includeInactive ? 'true' : undefined,
    }),
  category: (id: string) => http.get<Category>(`/api/categories/${id}`),
  units: (query: { page?: number; pageSize?: number; q?: string; kind?: string } = {}) =>
    http.get<{ items: Unit[]; total: number }>('/api/units', { pageSize: 200, ...query }),
  regions: (level?: Region['level']) => http.get<{ items: Region[] }>('/api/regions', { level }),
  grids: (bbox?: [number, number, number, number], pageSize = 2000) =>
    http.get<GridCollection>('/api/grids', {
      format: 'geojson',
      pageSize,
      bbox: bbox ? bbox.map((n) => n.toFixed(5)).join(',') : undefined,
    }),
  users: (query: { role?: Role; page?: number; pageSize?: number }) =>
    http.get<{ items: UserRow[]; total: number }>('/api/users', query),
  deadline: (amount: number, unit: StageLimit['unit']) =>
    http.get<{ at: string; estimated: boolean }>('/api/calendar/deadline', { amount, unit }),
};

// Dictionaries change rarely: keep them for the session.
const LONG = 10 * 60_000;

export function useCategories() {
  return useQuery({ queryKey: ['categories'], queryFn: () => referenceApi.categories(), staleTime: LONG });
}

export function useUnits() {
  return useQuery({ queryKey: ['units', 'all'], queryFn: () => referenceApi.units(), staleTime: LONG });
}

export function useDistricts() {
  return useQuery({
    queryKey: ['regions', 'district'],
    queryFn: () => referenceApi.regions('district'),
    staleTime: LONG,
  });
}

export function useCategory(id: string | undefined) {
  return useQuery({
    queryKey: ['category', id],
    queryFn: () => referenceApi.category(id as string),
    enabled: Boolean(id),
    staleTime: LONG,
  });
}

export function useDeadlinePreview(limit: StageLimit | undefined) {
  return useQuery({
    queryKey: ['deadline', limit?.amount, limit?.unit],
    queryFn: () => referenceApi.deadline(limit?.amount ?? 0, limit?.unit ?? 'day'),
    enabled: Boolean(limit),
    staleTime: 60_000,
  });
}

/** Grids whose boxes touch a WGS-84 bbox (the map's viewport), as GeoJSON. */
export function useGrids(bbox: [number, number, number, number] | null) {
  return useQuery({
    queryKey: ['grids', bbox?.map((n) => n.toFixed(3)).join(',')],
    queryFn: () => referenceApi.grids(bbox ?? undefined),
    enabled: Boolean(bbox),
    staleTime: LONG,
    placeholderData: (previous) => previous,
  });
}
