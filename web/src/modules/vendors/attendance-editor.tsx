import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, InputNumber, Popover, Space } from 'antd';
import { useState } from 'react';
import { errorText } from '../../platform/http';
import { type Contract, vendorsApi } from './vendors-api';

/**
 * 人天: the denominator of 人均日上报数. On the calendar basis it is staff × days; a contract
 * measured on attendance takes the month's attended person-days from an inspector.
 */
export function AttendanceEditor({
  contract,
  month,
  personDays,
  basis,
  canEdit,
}: {
  contract: Contract;
  month: string;
  personDays: number;
  basis: 'calendar' | 'attended';
  canEdit: boolean;
}) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState<number | null>(personDays);
  const save = useMutation({
    mutationFn: (days: number) => vendorsApi.setAttendance(contract.id, month, days),
    onSuccess: async () => {
      message.success('出勤人天已保存');
      setOpen(false);
      await client.invalidateQueries({ queryKey: ['vendors', 'assessment', contract.id, month] });
    },
    onError: (err) => message.error(errorText(err)),
  });
  const label = `${personDays} 人天（${basis === 'attended' ? '按出勤' : '人数 × 天数'}）`;
  if (!canEdit || contract.personDayBasis !== 'attended') return <span>{label}</span>;
  return (
    <Space size={4} wrap>
      <span>{label}</span>
      <Popover
        open={open}
        onOpenChange={setOpen}
        trigger="click"
        title="录入本月出勤人天"
        content={
          <Space>
            <InputNumber min={1} max={1_000_000} value={value} onChange={setValue} aria-label="出勤人天" />
            <Button
              type="primary"
              size="small"
              loading={save.isPending}
              disabled={!value}
              onClick={() => value && save.mutate(value)}
            >
              保存
            </Button>
          </Space>
        }
      >
        <Button size="small" type="link">
          录入出勤
        </Button>
      </Popover>
    </Space>
  );
}
