import { centreRoles, type Role } from '@cityloop/contracts/roles';
import { useQuery } from '@tanstack/react-query';
import { http, request, requestBlob } from '../../platform/http';

/** The bulletin's text sections, in the order the bulletin prints them. */
export type BlockSection = 'work_news' | 'district_news' | 'team_news';

export const sectionLabels: Record<BlockSection, string> = {
  work_news: '工作动态',
  district_news: '区县来风',
  team_news: '队伍风采',
};

export const sections = Object.keys(sectionLabels) as BlockSection[];

export interface BlockPhoto {
  sha256: string;
  caption: string;
  contentType: string;
  byteSize: number;
}

export interface BulletinBlock {
  id: string;
  month: string;
  section: BlockSection;
  seq: number;
  title: string;
  body: string;
  byline: string;
  photos: BlockPhoto[];
  version: number;
  updatedAt: string;
}

export interface BlockInput {
  section: BlockSection;
  title?: string;
  body: string;
  byline?: string;
  seq?: number;
}

export type BulletinFormat = 'docx' | 'xlsx' | 'html';

/** Who may read the bulletin and its text (the server's figure readers) and who may write it. */
export const bulletinReaderRoles: readonly Role[] = [...centreRoles, 'leader'];
export const bulletinWriterRoles: readonly Role[] = centreRoles;

export const bulletinsApi = {
  blocks: (month: string) => http.get<{ items: BulletinBlock[] }>(`/api/bulletins/${month}/blocks`),
  create: (month: string, input: BlockInput) =>
    http.post<BulletinBlock>(`/api/bulletins/${month}/blocks`, input),
  update: (id: string, version: number, patch: Partial<BlockInput>) =>
    http.patch<BulletinBlock>(`/api/bulletin-blocks/${id}`, { ...patch, version }),
  remove: (id: string) => request<void>(`/api/bulletin-blocks/${id}`, { method: 'DELETE' }),
  reorder: (month: string, section: BlockSection, ids: string[]) =>
    http.put<{ items: BulletinBlock[] }>(`/api/bulletins/${month}/blocks/order`, { section, ids }),
  addPhoto: (id: string, file: Blob, caption: string) => {
    const form = new FormData();
    form.append('file', file, file instanceof File ? file.name : 'photo.jpg');
    return request<BulletinBlock>(`/api/bulletin-blocks/${id}/photos`, {
      method: 'POST',
      query: { caption },
      body: form,
    });
  },
  removePhoto: (id: string, sha256: string) =>
    request<BulletinBlock>(`/api/bulletin-blocks/${id}/photos/${sha256}`, { method: 'DELETE' }),
  photoUrl: (id: string, sha256: string) => `/api/bulletin-blocks/${id}/photos/${sha256}`,
  document: (month: string, format: BulletinFormat) => requestBlob(`/api/bulletins/${month}.${format}`),
};

export function useBulletinBlocks(month: string) {
  return useQuery({
    queryKey: ['bulletins', month, 'blocks'],
    queryFn: () => bulletinsApi.blocks(month),
  });
}

/** The bulletin as the server renders it for the web (one self-contained page), for the preview. */
export function useBulletinPreview(month: string, revision: string, enabled: boolean) {
  return useQuery({
    queryKey: ['bulletins', month, 'html', revision],
    queryFn: async () => (await bulletinsApi.document(month, 'html')).text(),
    enabled,
    staleTime: 60_000,
  });
}

/** Fetches the month's Word or Excel file and hands it to the browser as a download. */
export async function downloadBulletin(month: string, format: 'docx' | 'xlsx'): Promise<void> {
  const blob = await bulletinsApi.document(month, format);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `bulletin-${month}.${format}`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
