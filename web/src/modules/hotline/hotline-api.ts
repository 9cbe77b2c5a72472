import type {
  AppealType,
  EmergencyType,
  HotlineAction,
  HotlineChannel,
  HotlineStatus,
  InvalidReason,
  OrderActionInput,
  ReceiveOrderInput,
  Satisfaction,
} from '@cityloop/contracts/hotline';
import { http } from '../../platform/http';

/** A work order as the list answers it (contacts already masked by the server for this user). */
export interface OrderListItem {
  id: string;
  orderNo: string;
  channel: HotlineChannel;
  callerName: string | null;
  callerPhone: string | null;
  contactMasked: boolean;
  confidential: boolean;
  valid: boolean;
  invalidReason: InvalidReason | null;
  appealType: AppealType | null;
  subjectId: string | null;
  subjectName: string | null;
  subjectGroup: string | null;
  content: string;
  address: string | null;
  lng: number | null;
  lat: number | null;
  urgent: boolean;
  emergency: EmergencyType | null;
  status: HotlineStatus;
  version: number;
  ownerId: string | null;
  leadUnitId: string | null;
  leadUnitName: string | null;
  coUnitIds: string[];
  deadlineAt: string | null;
  deadlineEstimated: boolean;
  pendingExtensionUntil: string | null;
  overdue: boolean;
  supervision: 'normal' | 'yellow' | 'red' | null;
  urgeCount: number;
  returnCount: number;
  reopenCount: number;
  extensionCount: number;
  progressCallCount: number;
  answerText: string | null;
  replyText: string | null;
  unitSatisfaction: Satisfaction | null;
  agentSatisfaction: Satisfaction | null;
  caseId: string | null;
  caseNo: string | null;
  masterId: string | null;
  articleId: string | null;
  receivedAt: string;
  answeredAt: string | null;
  transferredAt: string | null;
  signedAt: string | null;
  repliedAt: string | null;
  calledBackAt: string | null;
  archivedAt: string | null;
}

export interface OrderLogEntry {
  seq: number;
  action: HotlineAction;
  fromStatus: HotlineStatus | null;
  toStatus: HotlineStatus;
  actorRole: string | null;
  at: string;
  note: string | null;
  deadlineAt: string | null;
  unitSatisfaction: Satisfaction | null;
  agentSatisfaction: Satisfaction | null;
  data: Record<string, unknown> | null;
  actorName: string | null;
  unitName: string | null;
}

export interface OrderDetail extends OrderListItem {
  subjectCode: string | null;
  coUnits: { id: string; name: string }[];
  ownerName: string | null;
  allowedActions: HotlineAction[];
  log: OrderLogEntry[];
}

/** What an action answers when the mover can no longer see the order (a unit that returned it). */
export interface HiddenOrder {
  id: string;
  orderNo: string;
  status: HotlineStatus;
  version: number;
  visible: false;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type OrderQueue = 'all' | 'open' | 'at_unit' | 'overdue' | 'to_callback';

export interface OrderFilter {
  queue?: OrderQueue;
  status?: HotlineStatus;
  appealType?: AppealType;
  mine?: boolean;
  phone?: string;
  orderNo?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

export interface Subject {
  id: string;
  code: string;
  groupName: string;
  name: string;
  caseKind: 'event' | 'part' | null;
  caseCategoryCode: string | null;
  active: boolean;
}

export interface Article {
  id: string;
  title: string;
  body: string;
  tags: string[];
  unitId: string | null;
  unitName: string | null;
  validFrom: string | null;
  validTo: string | null;
  updatedAt: string;
}

export interface ArticleSearch extends Page<Article> {
  tokens: string[];
}

export interface HotlineAlert {
  id: string;
  orderId: string;
  orderNo: string;
  emergency: EmergencyType;
  summary: string;
  createdAt: string;
  acknowledgedAt: string | null;
}

export interface TimeLimit {
  appealType: AppealType | 'emergency';
  amount: number;
  unit: 'minute' | 'hour' | 'day' | 'same_day';
}

export type ReceiveInput = Partial<ReceiveOrderInput>;
export type ActionInput = OrderActionInput;

export const hotlineApi = {
  list: ({ mine, ...filter }: OrderFilter) =>
    http.get<Page<OrderListItem>>('/api/hotline/orders', {
      ...filter,
      mine: mine ? 'true' : undefined,
    }),
  detail: (id: string) => http.get<OrderDetail>(`/api/hotline/orders/${id}`),
  receive: (input: ReceiveInput) => http.post<OrderDetail>('/api/hotline/orders', input),
  act: (id: string, input: ActionInput) =>
    http.post<OrderDetail | HiddenOrder>(`/api/hotline/orders/${id}/actions`, input),
  subjects: () => http.get<Subject[]>('/api/hotline/subjects'),
  timeLimits: () => http.get<TimeLimit[]>('/api/hotline/time-limits'),
  searchArticles: (q: string, validOn: string, signal?: AbortSignal) =>
    http.get<ArticleSearch>('/api/hotline/articles', { q, validOn, pageSize: 8 }, signal),
  alerts: () => http.get<{ items: HotlineAlert[] }>('/api/hotline/alerts'),
};
