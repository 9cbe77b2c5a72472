import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Row,
  Select,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { DayFigures, GridIntervals } from '../../modules/field-ops/day-metrics';
import { DayTrackMap } from '../../modules/field-ops/day-track-map';
import { fieldApi, useCollectorDay, useCollectors } from '../../modules/field-ops/field-api';
import { errorText } from '../../platform/http';
import { cityToday, dayjs } from '../../platform/time';

/** 巡查轨迹: one collector's day — the track over the route and grids, and the day's figures. */
export default function FieldCollectorDayPage() {
  const [params, setParams] = useSearchParams();
  const userId = params.get('user') ?? undefined;
  const day = params.get('day') ?? cityToday();
  const [search, setSearch] = useState<string | undefined>();
  const choices = useCollectors({ page: 1, pageSize: 50, q: search });
  const profile = useQuery({
    queryKey: ['field', 'collector', userId],
    queryFn: () => fieldApi.collector(userId as string),
    enabled: Boolean(userId),
  });
  const { report, map } = useCollectorDay(userId, day);
  const pick = (next: { user?: string; day?: string }) => {
    const user = next.user ?? userId;
    setParams({ ...(user ? { user } : {}), day: next.day ?? day });
  };
  const options = (choices.data?.items ?? []).map((c) => ({
    value: c.userId,
    label: `${c.displayName}（${c.login}）`,
  }));
  if (profile.data && !options.some((o) => o.value === profile.data.userId)) {
    options.unshift({
      value: profile.data.userId,
      label: `${profile.data.displayName}（${profile.data.login}）`,
    });
  }
  const shiftDay = (delta: number) => pick({ day: dayjs(day).add(delta, 'day').format('YYYY-MM-DD') });
  return (
    <div className="page">
      <Card
        title="巡查轨迹与日报"
        extra={
          <Space wrap>
            <Select
              data-testid="collector-picker"
              showSearch={{ filterOption: false, onSearch: (v) => setSearch(v.trim() || undefined) }}
              placeholder="选择监督员"
              style={{ width: 200 }}
              value={userId}
              loading={choices.isFetching}
              options={options}
              onChange={(v) => pick({ user: v })}
              notFoundContent={choices.isFetching ? '加载中…' : '没有匹配的监督员'}
            />
            <Button onClick={() => shiftDay(-1)}>前一天</Button>
            <DatePicker
              data-testid="day-picker"
              allowClear={false}
              value={dayjs(day)}
              onChange={(d) => d && pick({ day: d.format('YYYY-MM-DD') })}
            />
            <Button onClick={() => shiftDay(1)} disabled={day >= cityToday()}>
              后一天
            </Button>
          </Space>
        }
      >
        {!userId ? (
          <Empty description="请选择监督员和日期，查看当日轨迹、巡查覆盖率等指标" />
        ) : (
          <>
            {profile.data ? (
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2, xl: 4 }}
                style={{ marginBottom: 12 }}
                items={[
                  { key: 'company', label: '外包公司', children: profile.data.company || '—' },
                  { key: 'package', label: '合同包', children: profile.data.contractPackage || '—' },
                  { key: 'device', label: '分配设备', children: profile.data.deviceId ?? '未分配' },
                  {
                    key: 'grids',
                    label: '当前责任网格',
                    children: profile.data.grids.map((g) => g.code).join('、') || '未分配',
                  },
                ]}
              />
            ) : null}
            {[report.error, map.error, profile.error].filter(Boolean).map((e) => (
              <Alert
                key={String(e)}
                type="error"
                showIcon
                title={errorText(e)}
                style={{ marginBottom: 12 }}
              />
            ))}
            {report.data ? <DayFigures report={report.data} /> : <Skeleton active />}
            <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
              <Col xs={24} xl={16}>
                {map.data ? <DayTrackMap key={`${userId}-${day}`} map={map.data} /> : <Skeleton active />}
              </Col>
              <Col xs={24} xl={8}>
                <Typography.Title level={5} style={{ marginTop: 0 }}>
                  责任网格巡查（每 {report.data ? report.data.settings.intervalMinutes : '—'} 分钟一次）
                </Typography.Title>
                {report.data ? <GridIntervals report={report.data} /> : <Skeleton active />}
              </Col>
            </Row>
          </>
        )}
      </Card>
    </div>
  );
}
