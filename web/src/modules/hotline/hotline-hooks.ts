import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { cityToday } from '../../platform/time';
import { type ActionInput, hotlineApi, type OrderFilter, type ReceiveInput } from './hotline-api';

export function useOrderList(filter: OrderFilter, options: { refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: ['hotline', 'list', filter],
    queryFn: () => hotlineApi.list(filter),
    placeholderData: (previous) => previous,
    refetchInterval: options.refetchInterval,
  });
}

/** Only the number of orders a filter matches (one row asked for). */
export function useOrderCount(filter: OrderFilter, enabled = true) {
  return useQuery({
    queryKey: ['hotline', 'count', filter],
    queryFn: async () => (await hotlineApi.list({ ...filter, page: 1, pageSize: 1 })).total,
    refetchInterval: 60_000,
    enabled,
  });
}

export function useOrderDetail(id: string | undefined) {
  return useQuery({
    queryKey: ['hotline', 'detail', id],
    queryFn: () => hotlineApi.detail(id as string),
    enabled: Boolean(id),
  });
}

export function useSubjects() {
  return useQuery({
    queryKey: ['hotline', 'subjects'],
    queryFn: hotlineApi.subjects,
    staleTime: 10 * 60_000,
  });
}

export function useTimeLimits() {
  return useQuery({
    queryKey: ['hotline', 'time-limits'],
    queryFn: hotlineApi.timeLimits,
    staleTime: 10 * 60_000,
  });
}

export function useOpenAlerts(enabled: boolean) {
  return useQuery({
    queryKey: ['hotline', 'alerts'],
    queryFn: hotlineApi.alerts,
    refetchInterval: 30_000,
    enabled,
  });
}

/** 受理登记: records the call; every list and count is refreshed. */
export function useReceiveOrder() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ReceiveInput) => hotlineApi.receive(input),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['hotline'] });
    },
  });
}

/** Moves an order one step and refreshes everything that may show it. */
export function useOrderAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: ActionInput }) => hotlineApi.act(id, input),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['hotline'] });
    },
  });
}

/** `value`, once it has stopped changing for `ms` (search as you type without a request per key). */
function useDebounced<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** 知识库检索 for the words typed (articles valid today), cancelled when the words change. */
export function useKnowledgeSearch(words: string) {
  const q = useDebounced(words.trim(), 300);
  return useQuery({
    queryKey: ['hotline', 'articles', q],
    queryFn: ({ signal }) => hotlineApi.searchArticles(q, cityToday(), signal),
    enabled: q.length > 0,
    placeholderData: (previous) => previous,
    staleTime: 60_000,
  });
}
