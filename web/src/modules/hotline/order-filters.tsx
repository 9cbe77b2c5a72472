import { appealTypeLabels, type HotlineStatus, hotlineStatusLabels } from '@cityloop/contracts/hotline';
import { Button, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import type { OrderFilter } from './hotline-api';

type FilterFields = Pick<OrderFilter, 'status' | 'appealType' | 'orderNo' | 'phone'> & {
  range?: [Dayjs | null, Dayjs | null] | null;
};

/** The list filters: status, appeal type, received dates, order number (and the caller's number for the desk). */
export function OrderFilters({
  onChange,
  statuses,
  byPhone,
}: {
  onChange: (filter: OrderFilter) => void;
  /** The states worth offering here (all by default). */
  statuses?: readonly HotlineStatus[];
  /** Searching by a caller's number is for those who see numbers in full. */
  byPhone?: boolean;
}) {
  const [form] = Form.useForm<FilterFields>();
  const apply = (values: FilterFields) => {
    const { range, ...rest } = values;
    onChange({
      ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined && v !== '')),
      from: range?.[0]?.format('YYYY-MM-DD'),
      to: range?.[1]?.format('YYYY-MM-DD'),
    });
  };
  const offered = statuses ?? (Object.keys(hotlineStatusLabels) as HotlineStatus[]);
  return (
    <Form form={form} layout="inline" onFinish={apply} className="case-filters" data-testid="order-filters">
      <Form.Item name="status">
        <Select
          allowClear
          placeholder="状态"
          style={{ width: 120 }}
          options={offered.map((value) => ({ value, label: hotlineStatusLabels[value] }))}
        />
      </Form.Item>
      <Form.Item name="appealType">
        <Select
          allowClear
          placeholder="诉求类型"
          style={{ width: 120 }}
          options={Object.entries(appealTypeLabels).map(([value, label]) => ({ value, label }))}
        />
      </Form.Item>
      <Form.Item name="range">
        <DatePicker.RangePicker style={{ width: 240 }} placeholder={['受理起', '受理止']} />
      </Form.Item>
      <Form.Item name="orderNo" rules={[{ max: 30, message: '工单号过长' }]}>
        <Input allowClear placeholder="工单号" style={{ width: 170 }} />
      </Form.Item>
      {byPhone ? (
        <Form.Item name="phone" rules={[{ pattern: /^[0-9-]{5,20}$/, message: '请输入完整电话号码' }]}>
          <Input allowClear placeholder="来电号码" style={{ width: 150 }} />
        </Form.Item>
      ) : null}
      <Form.Item>
        <Button type="primary" htmlType="submit">
          查询
        </Button>
      </Form.Item>
      <Form.Item>
        <Button
          onClick={() => {
            form.resetFields();
            onChange({});
          }}
        >
          重置
        </Button>
      </Form.Item>
    </Form>
  );
}
