import {
  Alert,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Row,
  Select,
  Space,
  Statistic,
  Tabs,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { CurrentUser } from '../../modules/session/session-api';
import { AssessmentTable } from '../../modules/vendors/assessment-table';
import { AttendanceEditor } from '../../modules/vendors/attendance-editor';
import { ContractList } from '../../modules/vendors/contract-list';
import { InspectionList } from '../../modules/vendors/inspection-list';
import { InspectionModal } from '../../modules/vendors/inspection-modal';
import {
  type AssessedRow,
  checklistLabels,
  contractEditorRoles,
  entryKinds,
  inspectorRoles,
  money,
  useAssessment,
  useContracts,
  useIndicators,
  useInspections,
} from '../../modules/vendors/vendors-api';
import { errorText } from '../../platform/http';
import { cityTime, dayjs } from '../../platform/time';

/**
 * 外包考核: a contractor's month on its checklist (信息采集外包单位月度综合评价, 大厅服务,
 * 12345热线): computed indicators from the case log, inspectors' findings with evidence, the
 * deductions and the month's conclusion as the server assesses them; and the contracts.
 */
export default function VendorAssessmentPage({ user }: { user: CurrentUser }) {
  const [month, setMonth] = useState(() => cityTime(new Date()).subtract(1, 'month').format('YYYY-MM'));
  const [chosen, setChosen] = useState<string | undefined>();
  const [entering, setEntering] = useState<AssessedRow | null>(null);
  const contracts = useContracts();
  const list = contracts.data?.items ?? [];
  const active = list.filter((c) => c.active);
  const contractId = chosen ?? active[0]?.id;
  const contract = list.find((c) => c.id === contractId);
  const assessment = useAssessment(contractId, month);
  const inspections = useInspections(contractId, month);
  const indicators = useIndicators(contract?.checklist);
  const canInspect = inspectorRoles.includes(user.role);
  const thisMonth = cityTime(new Date()).startOf('month');
  const data = assessment.data;
  const indicatorRows = indicators.data?.items ?? [];
  const findings = inspections.data?.items ?? [];

  const monthTab = (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label="外包合同"
          data-testid="contract-select"
          style={{ minWidth: 300, maxWidth: '100%' }}
          loading={contracts.isPending}
          value={contractId}
          onChange={setChosen}
          placeholder="选择外包合同"
          options={list.map((c) => ({
            value: c.id,
            label: `${c.packageName} · ${c.company}${c.active ? '' : '（已停用）'}`,
          }))}
        />
        <DatePicker
          picker="month"
          allowClear={false}
          aria-label="考核月份"
          value={dayjs(`${month}-01`)}
          disabledDate={(d) => d.isAfter(thisMonth, 'month')}
          onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
        />
      </Space>
      {contracts.error ? <Alert type="error" showIcon title={errorText(contracts.error)} /> : null}
      {assessment.error ? <Alert type="error" showIcon title={errorText(assessment.error)} /> : null}
      {!contracts.isPending && list.length === 0 ? <Empty description="还没有外包合同" /> : null}
      {contract ? (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            <Col xs={24} lg={16}>
              <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
                <Descriptions.Item label="考核表">{checklistLabels[contract.checklist]}</Descriptions.Item>
                <Descriptions.Item label="外包单位">{contract.company}</Descriptions.Item>
                <Descriptions.Item label="负责区域">{contract.areaLabel || '—'}</Descriptions.Item>
                {data?.collection ? (
                  <>
                    <Descriptions.Item label="本月上报 / 立案">
                      {data.collection.reported} 件 / {data.collection.filed} 件（立案率{' '}
                      {data.collection.filingRate === null
                        ? '—'
                        : `${(data.collection.filingRate * 100).toFixed(2)}%`}
                      ）
                    </Descriptions.Item>
                    <Descriptions.Item label="自行处置">{data.collection.selfDisposed} 件</Descriptions.Item>
                    <Descriptions.Item label="人天">
                      <AttendanceEditor
                        contract={contract}
                        month={month}
                        personDays={data.collection.personDays}
                        basis={data.collection.personDayBasis}
                        canEdit={canInspect}
                      />
                    </Descriptions.Item>
                  </>
                ) : null}
              </Descriptions>
            </Col>
            <Col xs={24} lg={8}>
              <Card size="small" loading={!data}>
                <Statistic
                  title={`${dayjs(`${month}-01`).format('YYYY年M月')}扣款合计`}
                  value={data ? money(data.totalDeduction) : '—'}
                  valueStyle={{ color: data && data.totalDeduction > 0 ? '#cf1322' : '#389e0d' }}
                />
                <Typography.Paragraph
                  strong
                  style={{ margin: '8px 0 0' }}
                  data-testid="assessment-conclusion"
                >
                  综合以上各项考核指标，{data?.conclusion ?? '…'}。
                </Typography.Paragraph>
              </Card>
            </Col>
          </Row>
          <AssessmentTable
            rows={data?.rows ?? []}
            indicators={indicatorRows}
            inspections={findings}
            canInspect={canInspect}
            loading={assessment.isFetching && !data}
            onEnter={setEntering}
          />
          <Typography.Title level={5} style={{ marginTop: 20 }}>
            本月考核记录
          </Typography.Title>
          {inspections.error ? <Alert type="error" showIcon title={errorText(inspections.error)} /> : null}
          <InspectionList
            contractId={contract.id}
            month={month}
            inspections={findings}
            indicators={indicatorRows}
            canInspect={canInspect}
            loading={inspections.isPending}
          />
          {entering ? (
            <InspectionModal
              contract={contract}
              month={month}
              row={entering}
              indicator={indicatorRows.find((i) => i.code === entering.code)}
              kinds={entryKinds(
                indicatorRows.find((i) => i.code === entering.code),
                entering,
                findings,
              )}
              onClose={() => setEntering(null)}
            />
          ) : null}
        </>
      ) : null}
    </>
  );

  return (
    <div className="page">
      <Card title="外包考核">
        <Tabs
          items={[
            { key: 'month', label: '月度考核', children: monthTab },
            {
              key: 'contracts',
              label: '外包合同',
              children: (
                <ContractList
                  contracts={list}
                  loading={contracts.isPending}
                  canEdit={contractEditorRoles.includes(user.role)}
                />
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
