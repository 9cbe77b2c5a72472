import { type CaseCollectorCandidate, collectorSuggestionReasonLabels } from '@cityloop/contracts/cases';
import { Alert, Form, Select, Space, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { errorText } from '../../platform/http';
import { useCaseCollectors } from './case-hooks';

/**
 * 发送核实/发送核查: the collector the server suggests (the grid's responsible collector, else the
 * nearest on shift, else the reporter) preselected, and every collector to choose from instead,
 * with 责任网格 / 本区县 / 在岗 / distance beside each name. Sets the form's `assigneeId`.
 */
export function CollectorPicker({ caseId, task }: { caseId: string; task: '核实' | '核查' }) {
  const form = Form.useFormInstance<{ assigneeId?: string }>();
  const choice = useCaseCollectors(caseId);
  const suggested = choice.data?.suggested ?? null;
  const suggestedName = choice.data?.items.find((c) => c.userId === suggested?.userId)?.displayName;

  // Preselect the suggestion only into an empty field: a refetch must never replace a choice.
  useEffect(() => {
    if (suggested && !form.getFieldValue('assigneeId')) form.setFieldValue('assigneeId', suggested.userId);
  }, [form, suggested]);

  return (
    <>
      {choice.error ? (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorText(choice.error)} />
      ) : null}
      <Form.Item
        name="assigneeId"
        label={`${task}监督员`}
        rules={[{ required: true, message: `请选择到现场${task}的监督员` }]}
        extra={
          choice.isPending
            ? '正在查找建议人选…'
            : suggested
              ? `建议：${suggestedName ?? ''}（${collectorSuggestionReasonLabels[suggested.reason]}），可改派其他监督员`
              : '该网格没有责任监督员，也没有在岗且有最新位置的监督员：请选择'
        }
      >
        <Select
          showSearch={{ optionFilterProp: 'search' }}
          loading={choice.isPending}
          placeholder="选择监督员"
          data-testid="collector-picker"
          notFoundContent={choice.isPending ? '加载中…' : '没有可选的监督员'}
          options={(choice.data?.items ?? []).map((c) => ({
            value: c.userId,
            search: `${c.displayName} ${c.login}`,
            label: <CollectorLabel candidate={c} suggested={c.userId === suggested?.userId} />,
          }))}
        />
      </Form.Item>
    </>
  );
}

function CollectorLabel({
  candidate: c,
  suggested,
}: {
  candidate: CaseCollectorCandidate;
  suggested: boolean;
}) {
  return (
    <Space size={4} wrap={false}>
      <span>
        {c.displayName}
        <Typography.Text type="secondary" style={{ marginLeft: 4 }}>
          {c.login}
        </Typography.Text>
      </span>
      {suggested ? <Tag color="blue">建议</Tag> : null}
      {c.responsible ? <Tag color="green">责任网格</Tag> : c.inDistrict ? <Tag>本区县</Tag> : null}
      {c.onShift ? <Tag color="cyan">在岗</Tag> : <Tag color="default">不在岗</Tag>}
      {c.distanceM !== null ? (
        <Typography.Text type="secondary">
          {c.distanceM >= 1000 ? `${(c.distanceM / 1000).toFixed(1)} 公里` : `${c.distanceM} 米`}
        </Typography.Text>
      ) : null}
    </Space>
  );
}
