import { ReportForm } from '../modules/field-report/report-form';

export function ReportPage() {
  return <ReportForm />;
}
