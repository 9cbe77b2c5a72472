import { type CaseStatus, caseStatusLabels } from '@cityloop/contracts/cases';
import { Card, Col, Row, Segmented, Statistic, Table, Typography } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { formatTime } from '../../platform/time';
import { EChart } from '../../ui/echart';
import { GeoMap, type MapPoint } from '../../ui/geo-map';
import { statusPalette } from '../../ui/status-tags';
import { useDistricts, useGrids } from '../reference/reference-api';
import type { DashboardData } from './dashboard-data';

const OPEN_STATUSES = new Set(Object.keys(statusPalette));

/** The box around all districts: the unit grids drawn under the case points. */
function cityExtent(
  boxes: ([number, number, number, number] | null)[],
): [number, number, number, number] | null {
  const known = boxes.filter((b): b is [number, number, number, number] => Boolean(b));
  if (known.length === 0) return null;
  return [
    Math.min(...known.map((b) => b[0])),
    Math.min(...known.map((b) => b[1])),
    Math.max(...known.map((b) => b[2])),
    Math.max(...known.map((b) => b[3])),
  ];
}

function chartPalette(dark: boolean) {
  const text = dark ? '#d6e4ff' : '#333';
  return {
    text,
    axis: { axisLabel: { color: text }, axisLine: { lineStyle: { color: dark ? '#5a6b8c' : '#ccc' } } },
    split: { lineStyle: { color: dark ? '#22304a' : '#eee' } },
  };
}

export function DashboardView({ data, dark = false }: { data: DashboardData; dark?: boolean }) {
  const navigate = useNavigate();
  const [mapMode, setMapMode] = useState<'points' | 'heat'>('points');
  const districts = useDistricts();
  const extent = useMemo(
    () => cityExtent((districts.data?.items ?? []).map((d) => d.bbox)),
    [districts.data],
  );
  const grids = useGrids(extent);
  const palette = useMemo(() => chartPalette(dark), [dark]);
  const { text, axis, split } = palette;

  const trendOption = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 24, bottom: 28 },
      xAxis: { type: 'category', data: data.trend.map((t) => t.day), ...axis },
      yAxis: {
        type: 'value',
        minInterval: 1,
        ...axis,
        splitLine: split,
      },
      series: [
        {
          name: '上报数',
          type: 'line',
          smooth: true,
          areaStyle: { opacity: 0.15 },
          data: data.trend.map((t) => t.reported),
        },
      ],
    }),
    [data.trend, axis, split],
  );
  const districtOption = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: ['本月上报', '当前超期'], textStyle: { color: text }, top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 28 },
      xAxis: { type: 'category', data: data.byDistrict.map((d) => d.name), ...axis },
      yAxis: {
        type: 'value',
        minInterval: 1,
        ...axis,
        splitLine: split,
      },
      series: [
        {
          name: '本月上报',
          type: 'bar',
          data: data.byDistrict.map((d) => d.reported),
          itemStyle: { color: '#1677ff' },
        },
        {
          name: '当前超期',
          type: 'bar',
          data: data.byDistrict.map((d) => d.overdue),
          itemStyle: { color: '#f5222d' },
        },
      ],
    }),
    [data.byDistrict, text, axis, split],
  );
  const categoryOption = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}：{c} 件（{d}%）' },
      series: [
        {
          type: 'pie',
          radius: ['38%', '68%'],
          label: { color: text, formatter: '{b}\n{c}' },
          data: data.byCategory.map((c) => ({ name: c.name, value: c.count })),
        },
      ],
    }),
    [data.byCategory, text],
  );
  const statusOption = useMemo<EChartsCoreOption>(() => {
    const rows = (
      [
        ['to_accept', 'reported'],
        ['to_verify', 'verifying'],
        ['to_file', 'accepted'],
        ['to_dispatch', 'filed'],
        ['disposing', 'dispatched'],
        ['to_check', 'disposed'],
        ['to_close', 'checked'],
        ['parked', 'parked'],
      ] as const
    ).map(([queue, status]) => ({ status, count: data.queues[queue]?.count ?? 0 }));
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 56, right: 16, top: 8, bottom: 24 },
      xAxis: {
        type: 'value',
        minInterval: 1,
        ...axis,
        splitLine: split,
      },
      yAxis: { type: 'category', data: rows.map((r) => caseStatusLabels[r.status as CaseStatus]), ...axis },
      series: [
        {
          type: 'bar',
          data: rows.map((r) => ({ value: r.count, itemStyle: { color: statusPalette[r.status] } })),
          label: { show: true, position: 'right', color: text },
        },
      ],
    };
  }, [data.queues, text, axis, split]);

  const points = useMemo<MapPoint[]>(
    () =>
      data.recent
        .filter((c) => OPEN_STATUSES.has(c.status))
        .map((c) => ({ id: c.id, lng: c.lng, lat: c.lat, color: statusPalette[c.status], title: c.caseNo })),
    [data.recent],
  );

  const headline = [
    { title: '今日上报', value: data.today.reported, testid: 'today-reported' },
    { title: `${data.month.label}上报`, value: data.month.reported, testid: 'month-reported' },
    { title: '本月上报已结案', value: data.month.closed, testid: 'month-closed' },
    { title: '在办案卷', value: data.open, testid: 'open-cases' },
    { title: '当前超期', value: data.overdue, testid: 'overdue-cases', danger: data.overdue > 0 },
    {
      title: '本月结案率',
      value: data.month.reported ? ((data.month.closed / data.month.reported) * 100).toFixed(2) : '0.00',
      suffix: '%',
      testid: 'close-rate',
    },
  ];

  const cardClass = dark ? 'screen-card' : undefined;
  return (
    <div className={dark ? 'dashboard dashboard--dark' : 'dashboard'}>
      <Row gutter={[12, 12]}>
        {headline.map((h) => (
          <Col key={h.title} xs={12} md={8} xl={4}>
            <Card size="small" className={cardClass}>
              <Statistic
                title={h.title}
                value={h.value}
                suffix={h.suffix ?? '件'}
                styles={{
                  content: { color: h.danger ? '#f5222d' : dark ? '#69c0ff' : undefined },
                  title: dark ? { color: '#91caff' } : undefined,
                }}
              />
              <span data-testid={h.testid} hidden>
                {h.value}
              </span>
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} xl={14}>
          <Card
            size="small"
            className={cardClass}
            title="在办案卷分布"
            extra={
              <Segmented
                size="small"
                value={mapMode}
                onChange={(v) => setMapMode(v as 'points' | 'heat')}
                options={[
                  { value: 'points', label: '状态' },
                  { value: 'heat', label: '热力' },
                ]}
              />
            }
          >
            <GeoMap
              label="在办案卷地图"
              points={points}
              areas={grids.data}
              heat={mapMode === 'heat'}
              dark={dark}
              onPointClick={(id) => navigate(`/cases/${id}`)}
              style={{ height: dark ? 420 : 360 }}
            />
            <div className="map-legend">
              {Object.entries(statusPalette).map(([status, color]) => (
                <span key={status}>
                  <i style={{ background: color }} />
                  {caseStatusLabels[status as CaseStatus]}
                </span>
              ))}
            </div>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" className={cardClass} title="近14日上报趋势">
            <EChart
              label="近14日上报趋势图"
              option={trendOption}
              theme={dark ? 'dark' : undefined}
              style={{ height: 170 }}
            />
          </Card>
          <Card size="small" className={cardClass} title="各环节在办数" style={{ marginTop: 12 }}>
            <EChart
              label="各环节在办数"
              option={statusOption}
              theme={dark ? 'dark' : undefined}
              style={{ height: 200 }}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} xl={8}>
          <Card size="small" className={cardClass} title="各区县本月上报与超期">
            <EChart
              label="各区县分布图"
              option={districtOption}
              theme={dark ? 'dark' : undefined}
              style={{ height: 260 }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" className={cardClass} title={`问题类别（最近 ${data.sampled} 件）`}>
            <EChart
              label="问题类别分布图"
              option={categoryOption}
              theme={dark ? 'dark' : undefined}
              style={{ height: 260 }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" className={cardClass} title="处置单位在办排行">
            <Table
              size="small"
              rowKey="name"
              pagination={false}
              dataSource={data.unitRanking}
              locale={{ emptyText: '暂无处置中的案卷' }}
              columns={[
                { title: '排名', key: 'rank', width: 56, render: (_, __, i) => i + 1 },
                { title: '处置单位', dataIndex: 'name', ellipsis: true },
                { title: '处置中', dataIndex: 'open', width: 70 },
                { title: '超期', dataIndex: 'red', width: 60 },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Typography.Text type="secondary" className="dashboard-updated">
        数据更新于 {formatTime(data.updatedAt, 'YYYY-MM-DD HH:mm:ss')}，每分钟自动刷新
      </Typography.Text>
    </div>
  );
}
