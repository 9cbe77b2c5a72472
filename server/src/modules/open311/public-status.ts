import { type CaseStatus, caseStatusLabels } from '@cityloop/contracts/cases';

// How the case loop looks from outside: Open311 knows open and closed only; 立案 onwards is
// open, 结案 and 作废 are closed. Reports not yet filed (待受理, 待核实, 待立案) are open too —
// the citizen's request is alive and being triaged — and say so in status_notes and in the
// extended status (mySociety's FOR_TRIAGE / INVESTIGATING).

export function open311Status(status: string): 'open' | 'closed' {
  return status === 'closed' || status === 'voided' ? 'closed' : 'open';
}

const extended: Record<CaseStatus, string> = {
  reported: 'FOR_TRIAGE',
  verifying: 'INVESTIGATING',
  accepted: 'FOR_TRIAGE',
  filed: 'OPEN',
  dispatched: 'ACTION_SCHEDULED',
  disposed: 'IN_PROGRESS',
  checking: 'IN_PROGRESS',
  checked: 'FIXED',
  check_failed: 'ACTION_SCHEDULED',
  parked: 'NO_FURTHER_ACTION',
  closed: 'CLOSED',
  voided: 'CANCELLED',
};

/** mySociety's extended status for a case state (FixMyStreet reads these). */
export function externalStatusCode(status: string): string {
  return extended[status as CaseStatus] ?? 'OPEN';
}

export function statusLabel(status: string): string {
  return caseStatusLabels[status as CaseStatus] ?? status;
}

/** Public wording of a logged step; null for steps the public does not see (督办, 延期 requests). */
export function publicStepLabel(step: {
  action: string;
  toStatus: string;
  unitName: string | null;
}): string | null {
  switch (step.action) {
    case 'report':
      return '收到上报';
    case 'self_dispose':
      return '监督员现场处置完毕并结案';
    case 'accept':
      return '已受理';
    case 'request_verify':
      return '已派监督员现场核实';
    case 'verify':
      return step.toStatus === 'voided' ? '现场核实：情况不属实' : '现场核实：情况属实';
    case 'file':
      return '已立案';
    case 'dispatch':
      return step.unitName ? `已派遣至${step.unitName}处置` : '已派遣处置';
    case 'return':
      return '处置单位退回，重新派遣中';
    case 'approve_extension':
      return '处置时限已延期';
    case 'dispose':
      return '处置单位反馈已处置';
    case 'request_check':
      return '已派监督员现场核查';
    case 'check_pass':
      return '现场核查通过';
    case 'check_fail':
      return '现场核查未通过';
    case 'rework':
      return '返工处置';
    case 'close':
      return '已结案';
    case 'void':
      return '已作废';
    case 'park':
      return '暂缓处置（挂账）';
    case 'unpark':
      return '恢复处置';
    default:
      return null;
  }
}
