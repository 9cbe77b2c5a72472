import { centreRoles, type Role } from '@cityloop/contracts/roles';
import { useQuery } from '@tanstack/react-query';
import { http, request } from '../../platform/http';

export type Checklist = 'collection' | 'hall' | 'hotline';

export const checklistLabels: Record<Checklist, string> = {
  collection: '信息采集外包单位月度综合评价',
  hall: '大厅服务管理及运行业务考核',
  hotline: '12345热线业务服务单位考核',
};

export interface Contract {
  id: string;
  checklist: Checklist;
  company: string;
  packageName: string;
  areaLabel: string;
  districtIds: string[];
  staffCount: number;
  dailyQuota: number;
  personDayBasis: 'calendar' | 'attended';
  seq: number;
  active: boolean;
}

export type ContractInput = Omit<Contract, 'id' | 'active'> & { active?: boolean };

export interface Indicator {
  id: string;
  checklist: Checklist;
  code: string;
  seq: number;
  groupLabel: string;
  name: string;
  definition: string;
  dataSource: string;
  ruleText: string;
  formula: string | null;
  unitLabel: string;
  threshold: number | null;
  direction: 'min' | 'max' | null;
  step: number | null;
  moneyPerStep: number | null;
  moneyPerOccurrence: number | null;
  defaultResult: string;
  active: boolean;
}

export interface AssessedRow {
  code: string;
  seq: number;
  groupLabel: string;
  name: string;
  definition: string;
  dataSource: string;
  ruleText: string;
  value: number | null;
  deduction: number;
  result: string;
  entries: number;
}

export interface Assessment {
  contract: Contract;
  month: string;
  collection: {
    reported: number;
    filed: number;
    filingRate: number | null;
    selfDisposed: number;
    personDays: number;
    personDayBasis: 'calendar' | 'attended';
  } | null;
  rows: AssessedRow[];
  totalDeduction: number;
  conclusion: string;
}

export interface EvidencePhoto {
  sha256: string;
  contentType: string;
  byteSize: number;
}

export interface Inspection {
  id: string;
  contractId: string;
  month: string;
  indicatorCode: string;
  occurrences: number;
  measured: number | null;
  deduction: number | null;
  resultText: string;
  evidence: string;
  inspector: string | null;
  at: string;
  photos: EvidencePhoto[];
}

export interface InspectionInput {
  contractId: string;
  month: string;
  indicatorCode: string;
  occurrences?: number;
  measured?: number | null;
  deduction?: number | null;
  resultText?: string;
  evidence: string;
}

/** As the server's vendor routes: readers see the results, 考核人员 enter findings, admins edit contracts. */
export const vendorReaderRoles: readonly Role[] = [...centreRoles, 'leader'];
export const inspectorRoles: readonly Role[] = ['shift_lead', 'admin'];
export const contractEditorRoles: readonly Role[] = ['admin'];

export const vendorsApi = {
  contracts: () => http.get<{ items: Contract[] }>('/api/vendors/contracts'),
  createContract: (body: ContractInput) => http.post<Contract>('/api/vendors/contracts', body),
  updateContract: (id: string, body: Partial<Omit<Contract, 'id' | 'checklist'>>) =>
    http.patch<Contract>(`/api/vendors/contracts/${id}`, body),
  indicators: (checklist: Checklist) =>
    http.get<{ items: Indicator[] }>('/api/vendors/indicators', { checklist }),
  assessment: (id: string, month: string) =>
    http.get<Assessment>(`/api/vendors/contracts/${id}/assessment`, { month }),
  inspections: (id: string, month: string) =>
    http.get<{ items: Inspection[] }>(`/api/vendors/contracts/${id}/inspections`, { month }),
  addInspection: (body: InspectionInput) => http.post<Inspection>('/api/vendors/inspections', body),
  removeInspection: (id: string) => request<void>(`/api/vendors/inspections/${id}`, { method: 'DELETE' }),
  addPhoto: (id: string, file: Blob) => {
    const form = new FormData();
    form.append('file', file, file instanceof File ? file.name : 'evidence.jpg');
    return request<Inspection>(`/api/vendors/inspections/${id}/photos`, { method: 'POST', body: form });
  },
  photoUrl: (id: string, sha256: string) => `/api/vendors/inspections/${id}/photos/${sha256}`,
  setAttendance: (id: string, month: string, personDays: number) =>
    http.put<unknown>(`/api/vendors/contracts/${id}/attendance/${month}`, { personDays }),
};

export function useContracts() {
  return useQuery({ queryKey: ['vendors', 'contracts'], queryFn: vendorsApi.contracts });
}

export function useIndicators(checklist: Checklist | undefined) {
  return useQuery({
    queryKey: ['vendors', 'indicators', checklist],
    queryFn: () => vendorsApi.indicators(checklist as Checklist),
    enabled: Boolean(checklist),
    staleTime: 10 * 60_000,
  });
}

export function useAssessment(contractId: string | undefined, month: string) {
  return useQuery({
    queryKey: ['vendors', 'assessment', contractId, month],
    queryFn: () => vendorsApi.assessment(contractId as string, month),
    enabled: Boolean(contractId),
  });
}

export function useInspections(contractId: string | undefined, month: string) {
  return useQuery({
    queryKey: ['vendors', 'inspections', contractId, month],
    queryFn: () => vendorsApi.inspections(contractId as string, month),
    enabled: Boolean(contractId),
  });
}

/** 1,000元: money with thousands separators (the conclusion line keeps the server's wording). */
export function money(amount: number): string {
  return `${amount.toLocaleString('zh-CN', { maximumFractionDigits: 2 })}元`;
}

/** A measured or computed value as the checklist means it: a rate as a percentage, else a number. */
export function indicatorValue(indicator: Indicator | undefined, value: number | null): string {
  if (value === null) return '—';
  if (indicator?.unitLabel) return `${Number(value.toFixed(2))}${indicator.unitLabel}`;
  if (isRate(indicator)) return `${(value * 100).toFixed(2)}%`;
  return String(Number(value.toFixed(2)));
}

export function isRate(indicator: Indicator | undefined): boolean {
  return Boolean(
    indicator && indicator.threshold !== null && indicator.threshold <= 1 && indicator.unitLabel === '',
  );
}

/**
 * How an indicator is assessed: 系统计算 from the case log (read-only here), 抽查测量 by an
 * inspector's measured value against a threshold, or 检查录入 per occurrence. A computed row may
 * still take occurrences (e.g. 案件差错率's 明显差错), and a measurement when the system has no value.
 */
export function entryKinds(indicator: Indicator | undefined, row: AssessedRow, entries: Inspection[]) {
  const computed = Boolean(indicator?.formula);
  const hasThreshold = indicator ? indicator.threshold !== null : false;
  const spotChecked = entries.some((e) => e.indicatorCode === row.code && e.measured !== null);
  const measured = hasThreshold && (!computed || row.value === null || spotChecked);
  const perOccurrence = indicator ? indicator.moneyPerOccurrence !== null : false;
  return { computed, measured, perOccurrence, editable: measured || perOccurrence || !computed };
}
