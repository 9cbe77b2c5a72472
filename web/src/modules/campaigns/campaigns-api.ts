import type { CampaignField, CampaignInput } from '@cityloop/contracts/field';
import type { Role } from '@cityloop/contracts/roles';
import { useQuery } from '@tanstack/react-query';
import { http, request, withQuery } from '../../platform/http';
import { cityToday } from '../../platform/time';

/** Who reads campaigns and their lists in the console; who creates campaigns and marks 典型. */
export const campaignReaderRoles: readonly Role[] = [
  'acceptor',
  'shift_lead',
  'dispatcher',
  'admin',
  'leader',
];
export const campaignManagerRoles: readonly Role[] = ['shift_lead', 'admin'];

export interface Campaign {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
  fields: CampaignField[];
  bulletinTitle: string | null;
  bulletinClosing: string | null;
  entries: number;
  createdAt: string;
}

export interface DistrictCount {
  districtId: string;
  districtName: string;
  count: number;
}

export interface CampaignDetail extends Campaign {
  districts: DistrictCount[];
}

export interface CampaignEntry {
  id: string;
  campaignId: string;
  data: Record<string, unknown>;
  observedAt: string;
  lng: number | null;
  lat: number | null;
  districtId: string;
  districtName: string;
  featured: boolean;
  /** sha256 of each photo */
  photos: string[];
  createdAt: string;
}

export interface EntryFilter {
  districtId?: string;
  from?: string;
  to?: string;
  featured?: 'true';
}

export interface EntryInput {
  data: Record<string, unknown>;
  observedAt?: string;
  lng?: number;
  lat?: number;
}

export interface TagCounts {
  tag: string;
  total: number;
  closed: number;
  districts: { districtId: string | null; districtName: string; count: number }[];
}

const base = (id: string) => `/api/field/campaigns/${id}`;

export const campaignsApi = {
  list: (active = false) =>
    http.get<{ items: Campaign[] }>('/api/field/campaigns', { active: active ? 'true' : undefined }),
  get: (id: string) => http.get<CampaignDetail>(base(id)),
  create: (input: CampaignInput) => http.post<CampaignDetail>('/api/field/campaigns', input),
  entries: (id: string, query: EntryFilter & { page: number; pageSize: number }) =>
    http.get<{ items: CampaignEntry[]; total: number; page: number; pageSize: number }>(
      `${base(id)}/entries`,
      { ...query },
    ),
  setFeatured: (id: string, entryId: string, featured: boolean) =>
    http.patch<CampaignEntry>(`${base(id)}/entries/${entryId}`, { featured }),
  /** With the same key a retry answers the first entry instead of adding another. */
  addEntry: (id: string, input: EntryInput, idempotencyKey: string) =>
    http.post<CampaignEntry>(`${base(id)}/entries`, input, { 'idempotency-key': idempotencyKey }),
  uploadPhoto: (id: string, entryId: string, file: Blob, name: string) => {
    const form = new FormData();
    form.append('file', file, name);
    return request<{ items: { sha256: string }[] }>(`${base(id)}/entries/${entryId}/photos`, {
      method: 'POST',
      body: form,
    });
  },
  exportUrl: (id: string, filter: EntryFilter) => withQuery(`${base(id)}/export.xlsx`, { ...filter }),
  photoUrl: (id: string, entryId: string, sha256: string) =>
    `${base(id)}/entries/${entryId}/photos/${sha256}`,
  tags: () =>
    http.get<{
      items: { tag: string; categories: { id: string; kind: string; code: string; name: string }[] }[];
    }>('/api/field/category-tags'),
  setTag: (tag: string, categories: { kind: string; code: string }[]) =>
    http.put(`/api/field/category-tags/${encodeURIComponent(tag)}`, { categories }),
  tagCounts: (tag: string, from: string, to: string) =>
    http.get<TagCounts>(`/api/field/category-tags/${encodeURIComponent(tag)}/cases`, { from, to }),
  tagExportUrl: (tag: string, from: string, to: string) =>
    withQuery(`/api/field/category-tags/${encodeURIComponent(tag)}/cases.xlsx`, { from, to }),
};

export function useCampaigns(active = false) {
  return useQuery({ queryKey: ['campaigns', { active }], queryFn: () => campaignsApi.list(active) });
}

export function useCampaign(id: string | undefined) {
  return useQuery({
    queryKey: ['campaign', id],
    queryFn: () => campaignsApi.get(id as string),
    enabled: Boolean(id),
  });
}

export function useCampaignEntries(
  id: string | undefined,
  query: EntryFilter & { page: number; pageSize: number },
) {
  return useQuery({
    queryKey: ['campaign', id, 'entries', query],
    queryFn: () => campaignsApi.entries(id as string, query),
    enabled: Boolean(id),
    placeholderData: (previous) => previous,
  });
}

export type CampaignState = 'upcoming' | 'running' | 'ended';

export function campaignState(c: Pick<Campaign, 'startsOn' | 'endsOn'>, today = cityToday()): CampaignState {
  if (today < c.startsOn) return 'upcoming';
  return today > c.endsOn ? 'ended' : 'running';
}

export const campaignStateLabels: Record<CampaignState, { label: string; color: string }> = {
  upcoming: { label: '未开始', color: 'default' },
  running: { label: '进行中', color: 'processing' },
  ended: { label: '已结束', color: 'success' },
};
