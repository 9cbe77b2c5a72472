import { Alert, Button, Card, Collapse, Result, Select, Typography } from 'antd';
import { useMemo } from 'react';
import { GeoMap } from '../../ui/geo-map';
import { useDistricts } from '../reference/reference-api';
import type { OrderDetail, Subject } from './hotline-api';

// The pieces of the 新来电 form: subject and location fields, the conversion hint, the result.

export type Outcome = 'answer' | 'transfer' | 'convert' | 'register';

export const outcomeLabels: Record<Outcome, string> = {
  answer: '直接答复',
  transfer: '转办',
  convert: '转数字城管案件',
  register: '仅登记（稍后处理）',
};

export /** What the last submit left: the order, and the step that failed after it was recorded. */
interface CallRecord {
  order: OrderDetail | { id: string; orderNo: string };
  outcome: Outcome;
  valid: boolean;
  failed?: string;
}

/** 诉求事项, grouped; the ones that are also 数字城管 matters are marked (they may become a case). */
export function SubjectSelect({
  subjects,
  loading,
  value,
  onChange,
  id,
}: {
  subjects: Subject[];
  loading: boolean;
  value?: string;
  onChange?: (value: string | undefined) => void;
  id?: string;
}) {
  const options = useMemo(() => {
    const groups = new Map<string, Subject[]>();
    for (const s of subjects.filter((x) => x.active))
      groups.set(s.groupName, [...(groups.get(s.groupName) ?? []), s]);
    return [...groups.entries()].map(([group, items]) => ({
      label: group,
      title: group,
      options: items.map((s) => ({
        value: s.code,
        label: `${s.name}${s.caseCategoryCode ? '（城管类）' : ''}`,
      })),
    }));
  }, [subjects]);
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={loading}
      placeholder="选择或搜索事项（城管类事项可转数字城管案件）"
      options={options}
    />
  );
}

/** The problem's position on the map (needed to convert the order into a case). */
export function LocationField({
  point,
  onChange,
}: {
  point: { lng: number; lat: number } | null;
  onChange: (point: { lng: number; lat: number } | null) => void;
}) {
  const districts = useDistricts();
  const extent = useMemo<[number, number, number, number] | undefined>(() => {
    const boxes = (districts.data?.items ?? []).map((d) => d.bbox).filter((b) => b !== null);
    if (boxes.length === 0) return undefined;
    return [
      Math.min(...boxes.map((b) => b[0])),
      Math.min(...boxes.map((b) => b[1])),
      Math.max(...boxes.map((b) => b[2])),
      Math.max(...boxes.map((b) => b[3])),
    ];
  }, [districts.data]);
  return (
    <Collapse
      size="small"
      style={{ marginBottom: 16 }}
      items={[
        {
          key: 'map',
          label: point
            ? `问题位置：${point.lng.toFixed(5)}, ${point.lat.toFixed(5)}`
            : '在地图上标注问题位置（转数字城管案件时必填）',
          extra: point ? (
            <Button
              size="small"
              type="link"
              onClick={(e) => {
                e.stopPropagation();
                onChange(null);
              }}
            >
              清除
            </Button>
          ) : null,
          children: extent ? (
            <GeoMap
              label="问题位置地图（点击标注）"
              pin={point}
              extent={extent}
              onPick={(lng, lat) => onChange({ lng, lat })}
              style={{ height: 260 }}
            />
          ) : (
            <Typography.Text type="secondary">地图加载中…</Typography.Text>
          ),
        },
      ]}
    />
  );
}

export function ConvertHint({ subject, located }: { subject: Subject | undefined; located: boolean }) {
  const missing = [
    subject?.caseCategoryCode ? null : '选择城管类诉求事项',
    located ? null : '在地图上标注问题位置',
  ].filter(Boolean);
  return (
    <Alert
      type={missing.length ? 'warning' : 'info'}
      showIcon
      style={{ marginBottom: 16 }}
      title={
        missing.length
          ? `转为数字城管案件还需：${missing.join('、')}`
          : `将按“${subject?.name}”对应的城管类别上报为案件（来源：12345热线），进入受理流程；案件结案后工单自动办结`
      }
    />
  );
}

export function CallDone({
  done,
  onNext,
  onOpenOrder,
}: {
  done: CallRecord;
  onNext: () => void;
  onOpenOrder: (id: string) => void;
}) {
  const { order } = done;
  const caseNo = 'caseNo' in order ? order.caseNo : null;
  const unit = 'leadUnitName' in order ? order.leadUnitName : null;
  let subTitle: string;
  if (done.failed)
    subTitle = `工单已登记，但“${outcomeLabels[done.outcome]}”未完成：${done.failed}。请打开工单继续办理。`;
  else if (!done.valid) subTitle = '已登记为无效来电。';
  else if (done.outcome === 'transfer') subTitle = `已转办至 ${unit ?? '承办单位'}，等待签收办理。`;
  else if (done.outcome === 'convert') subTitle = `已转为数字城管案件 ${caseNo ?? ''}。`;
  else if (done.outcome === 'answer') subTitle = '已直接答复来电人，待回访。';
  else subTitle = '已登记，可在“我的工单”中继续办理。';
  return (
    <Card>
      <Result
        status={done.failed ? 'warning' : 'success'}
        title={`工单 ${order.orderNo}`}
        subTitle={<span data-testid="call-result">{subTitle}</span>}
        extra={[
          <Button key="next" type="primary" onClick={onNext} data-testid="next-call">
            接听下一个来电
          </Button>,
          <Button key="open" onClick={() => onOpenOrder(order.id)} data-testid="open-order">
            查看工单
          </Button>,
        ]}
      />
    </Card>
  );
}
