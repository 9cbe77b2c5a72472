import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Table,
  Tag,
  TimePicker,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { adminApi, type CalendarYear } from '../../modules/admin/admin-api';
import { applyApiErrors } from '../../platform/form-errors';
import { errorText } from '../../platform/http';
import { cityTime, dayjs } from '../../platform/time';

export default function AdminCalendarPage() {
  const [year, setYear] = useState(() => cityTime(new Date()).year());
  const calendar = useQuery({
    queryKey: ['admin', 'calendar', year],
    queryFn: () => adminApi.calendar(year),
  });
  return (
    <div className="page">
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card
          title="工作日历（节假日与调休）"
          extra={
            <Select
              value={year}
              onChange={setYear}
              style={{ width: 110 }}
              options={[-1, 0, 1].map((d) => {
                const y = cityTime(new Date()).year() + d;
                return { value: y, label: `${y}年` };
              })}
            />
          }
        >
          {calendar.error ? <Alert type="error" showIcon title={errorText(calendar.error)} /> : null}
          {calendar.data && !calendar.data.known ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={`${year}年的官方放假安排尚未载入，时限按周一至周五估算`}
            />
          ) : null}
          {calendar.data?.source ? (
            <Typography.Paragraph type="secondary">数据来源：{calendar.data.source}</Typography.Paragraph>
          ) : null}
          <Row gutter={16}>
            <Col xs={24} xl={14}>
              <Table
                rowKey="day"
                size="small"
                loading={calendar.isPending}
                dataSource={calendar.data?.days ?? []}
                pagination={{ pageSize: 12 }}
                locale={{ emptyText: '该年没有节假日或调休记录' }}
                columns={[
                  { title: '日期', dataIndex: 'day', width: 120 },
                  {
                    title: '星期',
                    dataIndex: 'day',
                    key: 'weekday',
                    width: 80,
                    render: (d: string) => dayjs(d).format('dddd'),
                  },
                  {
                    title: '类型',
                    dataIndex: 'kind',
                    width: 100,
                    render: (k: string) =>
                      k === 'holiday' ? <Tag color="red">放假</Tag> : <Tag color="blue">调休上班</Tag>,
                  },
                  { title: '节日', dataIndex: 'name' },
                ]}
              />
            </Col>
            <Col xs={24} xl={10}>
              <DayForm />
            </Col>
          </Row>
        </Card>
        {calendar.data ? <SettingsForm key={year} calendar={calendar.data} /> : null}
      </Space>
    </div>
  );
}

function DayForm() {
  const [form] = Form.useForm<{ day: Dayjs; kind: 'holiday' | 'workday' | 'normal'; name?: string }>();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: { day: Dayjs; kind: 'holiday' | 'workday' | 'normal'; name?: string }) =>
      adminApi.setDay(v.day.format('YYYY-MM-DD'), v.kind === 'normal' ? null : v.kind, v.name),
    onSuccess: async () => {
      message.success('已保存');
      setError(null);
      await client.invalidateQueries({ queryKey: ['admin', 'calendar'] });
    },
    onError: (err) => setError(applyApiErrors(form, err, ['day', 'kind', 'name'])),
  });
  return (
    <Card size="small" title="设置某一天">
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" /> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{ kind: 'holiday' }}
      >
        <Form.Item name="day" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="kind" label="类型">
          <Select
            options={[
              { value: 'holiday', label: '放假（节假日）' },
              { value: 'workday', label: '调休上班' },
              { value: 'normal', label: '恢复按星期' },
            ]}
          />
        </Form.Item>
        <Form.Item name="name" label="节日名称">
          <Input maxLength={50} placeholder="如：国庆节" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存
        </Button>
      </Form>
    </Card>
  );
}

function SettingsForm({ calendar }: { calendar: CalendarYear }) {
  const [form] = Form.useForm<{ periods: [Dayjs, Dayjs][]; warningPercent: number }>();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: { periods: [Dayjs, Dayjs][]; warningPercent: number }) =>
      adminApi.setCalendarSettings({
        workPeriods: v.periods.map(([s, e]) => ({ start: s.format('HH:mm'), end: e.format('HH:mm') })),
        warningShare: v.warningPercent / 100,
      }),
    onSuccess: async () => {
      message.success('已保存');
      setError(null);
      await client.invalidateQueries({ queryKey: ['admin', 'calendar'] });
    },
    onError: (err) => setError(errorText(err)),
  });
  return (
    <Card size="small" title="工作时段与黄灯预警">
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" /> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{
          periods: calendar.workPeriods.map((p) => [dayjs(p.start, 'HH:mm'), dayjs(p.end, 'HH:mm')]),
          warningPercent: Math.round(calendar.warningShare * 100),
        }}
      >
        <Form.List name="periods">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline">
                  <Form.Item name={field.name} rules={[{ required: true, message: '请选择时段' }]}>
                    <TimePicker.RangePicker format="HH:mm" />
                  </Form.Item>
                  <Button onClick={() => remove(field.name)} disabled={fields.length <= 1}>
                    删除
                  </Button>
                </Space>
              ))}
              <Form.Item>
                <Button onClick={() => add()} disabled={fields.length >= 6}>
                  增加工作时段
                </Button>
              </Form.Item>
            </>
          )}
        </Form.List>
        <Form.Item
          name="warningPercent"
          label="黄灯预警：时限过去"
          rules={[{ required: true }]}
          extra="如 80 表示时限过去 80% 时亮黄灯"
        >
          <InputNumber min={1} max={99} addonAfter="%" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存
        </Button>
      </Form>
    </Card>
  );
}
