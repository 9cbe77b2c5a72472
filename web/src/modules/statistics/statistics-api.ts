import { useQuery } from '@tanstack/react-query';
import { http } from '../../platform/http';

export interface MonthlyHeadline {
  received: number;
  filed: number;
  filingRate: number | null;
  dueForDisposal: number;
  disposed: number;
  disposalRate: number | null;
  disposedOnTime: number;
  onTimeDisposalRate: number | null;
  selfDisposed: number;
  closed: number;
}

export interface MonthlyFigures {
  month: string;
  asOf: string;
  cases: MonthlyHeadline & {
    byDistrict: { districtId: string | null; district: string; received: number; filed: number }[];
    previous: (MonthlyHeadline & { month: string }) | null;
  };
  hotline: {
    received: number;
    valid: number;
    invalid: number;
    directReply: number;
    transferred: number;
    completed: number;
    completionRate: number;
    convertedToCase: number;
  };
}

export function useMonthlyFigures(month: string) {
  return useQuery({
    queryKey: ['stats', 'monthly', month],
    queryFn: () => http.get<MonthlyFigures>('/api/stats/monthly', { month }),
  });
}

/** 99.54%: rates print with two decimals, as in the bulletin. */
export function percent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return `${(rate * 100).toFixed(2)}%`;
}
