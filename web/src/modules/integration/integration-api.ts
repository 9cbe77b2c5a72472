import type { ApiKeyDto, WebhookEventType } from '@cityloop/contracts/open311';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http, request } from '../../platform/http';

// 开放接口: Open311 API keys, outbound webhooks (subscriptions, deliveries, dead letters) and the
// exchange with the upper-level platform. Admin-only endpoints under /api/open311 and
// /api/integration; every list is paged on the server.

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PageQuery {
  page: number;
  pageSize: number;
}

export type ApiKeyRow = ApiKeyDto;

export interface IssuedKey {
  id: string;
  key: string;
  name: string;
  keyPrefix: string;
  perMinute: number;
}

export interface Subscription {
  id: string;
  name: string;
  url: string;
  eventTypes: WebhookEventType[];
  active: boolean;
  createdAt: string;
}

export interface CreatedSubscription {
  id: string;
  name: string;
  url: string;
  eventTypes: WebhookEventType[];
  secret: string;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'dead';

export interface Attempt {
  attemptNo: number;
  at: string;
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
}

export interface Delivery {
  id: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
  eventId: string;
  eventType: WebhookEventType;
  /** The event as sent: `data` names the case (no personal fields). */
  payload: { type: string; timestamp: string; data: { caseId?: string; caseNo?: string } };
  subscriptionId: string;
  subscriptionName: string;
  url: string;
  attemptLog: Attempt[];
}

export type DeliverySummary = Record<DeliveryStatus, number>;

export interface ExchangeSettings {
  targetUrl: string | null;
  targetDir: string | null;
  active: boolean;
}

export interface ExchangeRun {
  id: string;
  period: string;
  trigger: 'schedule' | 'manual';
  status: 'running' | 'delivered' | 'failed';
  target: string | null;
  caseCount: number | null;
  files: { name: string; bytes: number; sha256: string }[];
  error: string | null;
  attempts: number;
  startedAt: string;
  finishedAt: string | null;
}

const del = (path: string) => request<void>(path, { method: 'DELETE' });

export const integrationApi = {
  keys: (q: PageQuery) => http.get<Paged<ApiKeyRow>>('/api/open311/keys', { ...q }),
  issueKey: (body: { name: string; perMinute: number }) => http.post<IssuedKey>('/api/open311/keys', body),
  revokeKey: (id: string) => del(`/api/open311/keys/${id}`),
  subscriptions: (q: PageQuery) => http.get<Paged<Subscription>>('/api/integration/webhooks', { ...q }),
  subscribe: (body: { name: string; url: string; eventTypes: WebhookEventType[] }) =>
    http.post<CreatedSubscription>('/api/integration/webhooks', body),
  unsubscribe: (id: string) => del(`/api/integration/webhooks/${id}`),
  deliveries: (q: PageQuery & { status?: DeliveryStatus }) =>
    http.get<Paged<Delivery>>('/api/integration/deliveries', { ...q }),
  deliverySummary: () => http.get<DeliverySummary>('/api/integration/deliveries/summary'),
  replay: (id: string) =>
    http.post<{ id: string; status: 'pending' }>(`/api/integration/deliveries/${id}/replay`),
  exchangeSettings: () => http.get<ExchangeSettings>('/api/integration/exchange/settings'),
  saveExchangeSettings: (body: ExchangeSettings) =>
    http.put<ExchangeSettings>('/api/integration/exchange/settings', body),
  exchangeRuns: (q: PageQuery) => http.get<Paged<ExchangeRun>>('/api/integration/exchange/runs', { ...q }),
  runExchange: (period: string) => http.post<ExchangeRun>('/api/integration/exchange/runs', { period }),
};

export function useApiKeys(q: PageQuery) {
  return useQuery({
    queryKey: ['integration', 'keys', q],
    queryFn: () => integrationApi.keys(q),
    placeholderData: keepPreviousData,
  });
}

export function useSubscriptions(q: PageQuery) {
  return useQuery({
    queryKey: ['integration', 'webhooks', q],
    queryFn: () => integrationApi.subscriptions(q),
    placeholderData: keepPreviousData,
  });
}

export function useDeliveries(q: PageQuery & { status?: DeliveryStatus }) {
  return useQuery({
    queryKey: ['integration', 'deliveries', q],
    queryFn: () => integrationApi.deliveries(q),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}

export function useDeliverySummary() {
  return useQuery({
    queryKey: ['integration', 'deliveries', 'summary'],
    queryFn: integrationApi.deliverySummary,
    refetchInterval: 30_000,
  });
}

/** 重发 a dead letter; refreshes the lists and counters. */
export function useReplay() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: integrationApi.replay,
    onSuccess: () => client.invalidateQueries({ queryKey: ['integration', 'deliveries'] }),
  });
}

export function useExchangeRuns(q: PageQuery) {
  return useQuery({
    queryKey: ['integration', 'exchange', 'runs', q],
    queryFn: () => integrationApi.exchangeRuns(q),
    placeholderData: keepPreviousData,
  });
}

/** The exchange target; null when none is configured yet (the server answers 404). */
export function useExchangeSettings() {
  return useQuery({
    queryKey: ['integration', 'exchange', 'settings'],
    queryFn: async () => {
      try {
        return await integrationApi.exchangeSettings();
      } catch (error) {
        if ((error as { status?: number }).status === 404) return null;
        throw error;
      }
    },
  });
}
