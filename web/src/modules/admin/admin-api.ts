import type { Role } from '@cityloop/contracts/roles';
import { http } from '../../platform/http';
import type { Category, Region, StageLimit, Unit, UserRow } from '../reference/reference-api';

export interface CalendarYear {
  year: number;
  known: boolean;
  source: string | null;
  workPeriods: { start: string; end: string }[];
  warningShare: number;
  days: { day: string; kind: 'holiday' | 'workday'; name: string }[];
}

export interface GridRow {
  id: string;
  code: string;
  name: string | null;
  districtId: string;
  areaClass: string;
  bbox: [number, number, number, number];
}

export interface GridImportResult {
  imported: number;
  created: number;
  updated: number;
  rejected: { index: number; code?: string; reason: { zh: string; en: string } }[];
}

export const adminApi = {
  users: (query: { page: number; pageSize: number; role?: Role }) =>
    http.get<{ items: UserRow[]; total: number }>('/api/users', query),
  createUser: (body: {
    login: string;
    displayName: string;
    role: Role;
    password: string;
    unitId?: string | null;
    regionId?: string | null;
  }) => http.post<UserRow>('/api/users', body),
  updateUser: (
    id: string,
    body: Partial<Pick<UserRow, 'displayName' | 'role' | 'unitId' | 'regionId' | 'active'>> & {
      password?: string;
    },
  ) => http.patch<{ ok: true }>(`/api/users/${id}`, body),
  units: (query: { page: number; pageSize: number; q?: string }) =>
    http.get<{ items: Unit[]; total: number }>('/api/units', query),
  createUnit: (body: Partial<Unit>) => http.post<Unit>('/api/units', body),
  updateUnit: (id: string, body: Partial<Unit>) => http.patch<Unit>(`/api/units/${id}`, body),
  categories: () => http.get<{ items: Category[] }>('/api/categories', { includeInactive: 'true' }),
  createCategory: (body: Record<string, unknown>) => http.post<Category>('/api/categories', body),
  updateCategory: (id: string, body: Record<string, unknown>) =>
    http.patch<Category>(`/api/categories/${id}`, body),
  calendar: (year: number) => http.get<CalendarYear>(`/api/calendar/${year}`),
  setDay: (day: string, kind: 'holiday' | 'workday' | null, name?: string) =>
    http.put<unknown>(`/api/calendar/days/${day}`, { kind, name }),
  setCalendarSettings: (body: { workPeriods: { start: string; end: string }[]; warningShare: number }) =>
    http.put<unknown>('/api/calendar/settings', body),
  grids: (query: { page: number; pageSize: number; districtId?: string }) =>
    http.get<{ items: GridRow[]; total: number }>('/api/grids', query),
  importGrids: (collection: unknown) => http.post<GridImportResult>('/api/grids/import', collection),
  regions: () => http.get<{ items: Region[] }>('/api/regions'),
};

export type { StageLimit };
