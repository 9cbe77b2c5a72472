import { useQuery } from '@tanstack/react-query';
import { type Category, referenceApi } from '../reference/reference-api';

const CACHE_KEY = 'cityloop.field.categories';
const RECENT_KEY = 'cityloop.field.recentCategories';

function cached(): Category[] | undefined {
  try {
    const raw = localStorage.getItem(CACHE_KEY);
    return raw ? (JSON.parse(raw) as Category[]) : undefined;
  } catch {
    return undefined;
  }
}

/** The category dictionary, kept on the phone so a report can be made without network. */
export function useFieldCategories() {
  return useQuery({
    queryKey: ['field', 'categories'],
    queryFn: async () => {
      try {
        const { items } = await referenceApi.categories();
        localStorage.setItem(CACHE_KEY, JSON.stringify(items));
        return items;
      } catch (error) {
        const fallback = cached();
        if (fallback) return fallback;
        throw error;
      }
    },
    initialData: cached,
    initialDataUpdatedAt: 0,
    staleTime: 10 * 60_000,
  });
}

export function recentCategoryIds(): string[] {
  try {
    return JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]') as string[];
  } catch {
    return [];
  }
}

export function rememberCategory(id: string): void {
  const next = [id, ...recentCategoryIds().filter((x) => x !== id)].slice(0, 6);
  localStorage.setItem(RECENT_KEY, JSON.stringify(next));
}
