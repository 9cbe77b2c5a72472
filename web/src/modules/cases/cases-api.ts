import type {
  CaseAction,
  CaseCollectorChoice,
  CaseKind,
  CaseSource,
  CaseStatus,
  DeclaredPhoto,
  ExtensionFilter,
  Queue,
  ReportCaseInput,
  TransitionInput,
} from '@cityloop/contracts/cases';
import { http, request } from '../../platform/http';

export interface CaseListItem {
  id: string;
  caseNo: string;
  status: CaseStatus;
  version: number;
  source: CaseSource;
  kind: CaseKind;
  description: string;
  address: string | null;
  lng: number;
  lat: number;
  urgent: boolean;
  supervision: 'normal' | 'yellow' | 'red' | null;
  selfDisposed: boolean;
  reportedAt: string;
  deadlineAt: string | null;
  stageDeadlineAt: string | null;
  stageWarningAt: string | null;
  deadlineEstimated: boolean;
  pendingExtensionUntil: string | null;
  categoryCode: string;
  categoryName: string;
  unitName: string | null;
  gridCode: string | null;
  districtName: string | null;
  light: 'green' | 'yellow' | 'red' | 'none';
}

export interface TimelineEntry {
  seq: number;
  action: CaseAction;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus;
  actorRole: string;
  at: string;
  note: string | null;
  deadlineAt: string | null;
  data: Record<string, unknown> | null;
  actorLogin: string | null;
  actorName: string | null;
  unitName: string | null;
}

export interface CasePhoto {
  id: string;
  stage: 'report' | 'dispose' | 'check' | 'before' | 'after';
  url: string;
  createdAt?: string;
}

export interface CaseDetail extends CaseListItem {
  categoryId: string;
  categoryMajorName: string;
  gridId: string | null;
  districtId: string | null;
  reporterId: string | null;
  assigneeId: string | null;
  unitId: string | null;
  reporterName: string | null;
  assigneeName: string | null;
  filedAt: string | null;
  dispatchedAt: string | null;
  disposedAt: string | null;
  checkedAt: string | null;
  closedAt: string | null;
  reworkCount: number;
  extensionCount: number;
  returnCount: number;
  allowedActions: CaseAction[];
  timeline: TimelineEntry[];
  photos: CasePhoto[];
  /** 照片登记: declared with the report, bytes not uploaded yet. */
  pendingPhotos: DeclaredPhoto[];
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface CaseFilter {
  queue?: Queue;
  status?: CaseStatus;
  districtId?: string;
  gridCode?: string;
  categoryCode?: string;
  kind?: CaseKind;
  source?: CaseSource;
  unitId?: string;
  from?: string;
  to?: string;
  caseNo?: string;
  /** 延期申请: pending = 待审批延期. */
  extension?: ExtensionFilter;
  page?: number;
  pageSize?: number;
}

export type QueueCounts = Record<
  Exclude<Queue, 'all'> | 'pending_extension',
  { count: number; overdue: number }
>;

/** What a transition answers when the mover can no longer see the case (a unit that returned it). */
export interface HiddenCase {
  id: string;
  caseNo: string;
  status: CaseStatus;
  version: number;
  visible: false;
}

export type PhotoStage = CasePhoto['stage'];

export const casesApi = {
  list: (filter: CaseFilter) => http.get<Page<CaseListItem>>('/api/cases', { ...filter }),
  queues: () => http.get<QueueCounts>('/api/cases/queues'),
  detail: (id: string) => http.get<CaseDetail>(`/api/cases/${id}`),
  /** 核实/核查: the suggested collector and the collectors to choose from. */
  collectors: (id: string) => http.get<CaseCollectorChoice>(`/api/cases/${id}/collectors`),
  transition: (id: string, input: TransitionInput) =>
    http.post<CaseDetail | HiddenCase>(`/api/cases/${id}/transitions`, input),
  report: (input: ReportCaseInput, idempotencyKey?: string) =>
    http.post<CaseDetail>(
      '/api/cases',
      input,
      idempotencyKey ? { 'idempotency-key': idempotencyKey } : undefined,
    ),
  uploadPhotos: (id: string, stage: PhotoStage, files: Blob[]) => {
    const form = new FormData();
    files.forEach((file, i) => {
      form.append('file', file, file instanceof File ? file.name : `photo-${i + 1}.jpg`);
    });
    return request<{ items: { id: string; url: string }[] }>(`/api/cases/${id}/photos`, {
      method: 'POST',
      query: { stage },
      body: form,
    });
  },
};
