import { useQuery } from '@tanstack/react-query';
import { cityTime, cityToday } from '../../platform/time';
import { type CaseListItem, casesApi, type QueueCounts } from '../cases/cases-api';
import { referenceApi } from '../reference/reference-api';

export interface DashboardData {
  today: { reported: number };
  month: { reported: number; closed: number; label: string };
  open: number;
  overdue: number;
  queues: QueueCounts;
  trend: { day: string; reported: number }[];
  byDistrict: { name: string; reported: number; overdue: number }[];
  byCategory: { name: string; count: number }[];
  unitRanking: { name: string; open: number; red: number }[];
  recent: CaseListItem[];
  sampled: number;
  updatedAt: string;
}

const total = (query: Parameters<typeof casesApi.list>[0]) =>
  casesApi.list({ ...query, page: 1, pageSize: 1 }).then((p) => p.total);

/**
 * The command-centre picture from the case API: counts by filtered totals (exact), breakdowns
 * of categories and units from the latest 200 cases (a sample, said so on screen).
 */
async function loadDashboard(): Promise<DashboardData> {
  const today = cityToday();
  const monthStart = cityTime(new Date()).startOf('month').format('YYYY-MM-DD');
  const days = Array.from({ length: 14 }, (_, i) =>
    cityTime(new Date())
      .subtract(13 - i, 'day')
      .format('YYYY-MM-DD'),
  );
  const [queues, districts, todayReported, monthReported, monthClosed, trend, recent] = await Promise.all([
    casesApi.queues(),
    referenceApi.regions('district'),
    total({ from: today, to: today }),
    total({ from: monthStart, to: today }),
    total({ from: monthStart, to: today, status: 'closed' }),
    Promise.all(
      days.map(async (day) => ({ day: day.slice(5), reported: await total({ from: day, to: day }) })),
    ),
    casesApi.list({ queue: 'all', page: 1, pageSize: 200 }),
  ]);
  const byDistrict = await Promise.all(
    districts.items.map(async (d) => ({
      name: d.name,
      reported: await total({ districtId: d.id, from: monthStart, to: today }),
      overdue: await total({ districtId: d.id, queue: 'overdue' }),
    })),
  );
  const categories = new Map<string, number>();
  const units = new Map<string, { open: number; red: number }>();
  for (const c of recent.items) {
    categories.set(c.categoryName, (categories.get(c.categoryName) ?? 0) + 1);
    if (c.unitName && c.status === 'dispatched') {
      const u = units.get(c.unitName) ?? { open: 0, red: 0 };
      u.open += 1;
      if (c.light === 'red') u.red += 1;
      units.set(c.unitName, u);
    }
  }
  const open = Object.entries(queues)
    .filter(([k]) => k !== 'overdue')
    .reduce((sum, [, v]) => sum + v.count, 0);
  return {
    today: { reported: todayReported },
    month: { reported: monthReported, closed: monthClosed, label: cityTime(new Date()).format('YYYY年M月') },
    open,
    overdue: queues.overdue.count,
    queues,
    trend,
    byDistrict,
    byCategory: [...categories.entries()]
      .map(([name, count]) => ({ name, count }))
      .sort((a, b) => b.count - a.count)
      .slice(0, 10),
    unitRanking: [...units.entries()]
      .map(([name, v]) => ({ name, ...v }))
      .sort((a, b) => b.open - a.open)
      .slice(0, 10),
    recent: recent.items,
    sampled: recent.items.length,
    updatedAt: new Date().toISOString(),
  };
}

/** Refreshes by itself every minute (the 大屏 runs unattended). */
export function useDashboard(refetchInterval = 60_000) {
  return useQuery({ queryKey: ['dashboard'], queryFn: loadDashboard, refetchInterval, staleTime: 30_000 });
}
