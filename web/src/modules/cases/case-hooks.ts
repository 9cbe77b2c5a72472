import type { TransitionInput } from '@cityloop/contracts/cases';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { type CaseFilter, casesApi } from './cases-api';

export function useCaseList(filter: CaseFilter, options: { refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: ['cases', 'list', filter],
    queryFn: () => casesApi.list(filter),
    placeholderData: (previous) => previous,
    refetchInterval: options.refetchInterval,
  });
}

export function useQueueCounts(refetchInterval = 30_000, enabled = true) {
  return useQuery({ queryKey: ['cases', 'queues'], queryFn: casesApi.queues, refetchInterval, enabled });
}

export function useCaseDetail(id: string | undefined) {
  return useQuery({
    queryKey: ['cases', 'detail', id],
    queryFn: () => casesApi.detail(id as string),
    enabled: Boolean(id),
  });
}

/** 核实/核查: whom the server suggests and the collectors to choose from (fresh each time the form opens). */
export function useCaseCollectors(id: string) {
  return useQuery({
    queryKey: ['cases', 'collectors', id],
    queryFn: () => casesApi.collectors(id),
    staleTime: 0,
  });
}

/** Moves a case and refreshes every list and count that may show it. */
export function useTransition(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TransitionInput) => casesApi.transition(id, input),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}

/** The current time, ticking every `ms` (for live countdowns). */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}
