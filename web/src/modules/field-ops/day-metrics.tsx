import { Card, Col, Empty, Row, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { DayReport } from './field-api';
import { distanceText, minutesText, percentText, rejectedPointLabels } from './labels';

// The figures of a collector's day as the contractor assessment reads them.

function Figure({
  title,
  value,
  hint,
  testId,
  warn,
}: {
  title: string;
  value: string;
  hint?: string;
  testId: string;
  warn?: boolean;
}) {
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Statistic
        title={title}
        value={value}
        styles={{ content: { fontSize: 22, color: warn ? '#cf1322' : undefined } }}
        data-testid={testId}
      />
      {hint ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {hint}
        </Typography.Text>
      ) : null}
    </Card>
  );
}

/** The six figures of the day, in one row on a wide screen. */
export function DayFigures({ report }: { report: DayReport }) {
  const rejected = report.rejected;
  const discarded = rejected.speed + rejected.accuracy + rejected.future + rejected.repeated;
  const met = report.intervals.filter((g) => g.met).length;
  const fixed = report.threeFixed;
  const violations = fixed.otherDevicePoints > 0 || fixed.minutesOutsideGrids >= 1;
  return (
    <Row gutter={[12, 12]}>
      <Col xs={12} md={8} xl={4}>
        <Figure
          title="在线时长"
          testId="metric-online"
          value={minutesText(report.onlineMinutes)}
          hint={report.shiftMinutes ? `班次 ${minutesText(report.shiftMinutes)}` : '当日未排班'}
        />
      </Col>
      <Col xs={12} md={8} xl={4}>
        <Figure
          title="里程"
          testId="metric-distance"
          value={distanceText(report.distanceM)}
          hint={`${report.points} 个定位点${report.gaps ? `，断线 ${report.gaps} 次` : ''}`}
        />
      </Col>
      <Col xs={12} md={8} xl={4}>
        <Figure
          title="巡查覆盖率"
          testId="metric-coverage"
          value={report.coverage ? percentText(report.coverage.coverage) : '未设路线'}
          hint={
            report.coverage
              ? `路线 ${distanceText(report.coverage.routeLengthM)}，缓冲 ${report.settings.bufferM} 米`
              : undefined
          }
        />
      </Col>
      <Col xs={12} md={8} xl={4}>
        <Figure
          title="间隔密度"
          testId="metric-interval"
          value={report.intervals.length ? `${met}/${report.intervals.length} 达标` : '无责任网格'}
          hint={`每 ${minutesText(report.settings.intervalMinutes)} 巡查一次`}
          warn={met < report.intervals.length}
        />
      </Col>
      <Col xs={12} md={8} xl={4}>
        <Figure
          title="三定违规"
          testId="metric-three-fixed"
          value={violations ? '有违规' : '无'}
          hint={`非定位设备 ${fixed.otherDevicePoints} 点，离开责任区 ${minutesText(fixed.minutesOutsideGrids)}`}
          warn={violations}
        />
      </Col>
      <Col xs={12} md={8} xl={4}>
        <Tooltip
          title={(Object.keys(rejectedPointLabels) as (keyof typeof rejectedPointLabels)[])
            .map((k) => `${rejectedPointLabels[k]} ${rejected[k]}`)
            .join('，')}
        >
          <div style={{ height: '100%' }}>
            <Figure
              title="剔除定位点"
              testId="metric-discarded"
              value={`${discarded} 个`}
              hint={`速度 ${rejected.speed} · 精度 ${rejected.accuracy} · 超前 ${rejected.future}`}
            />
          </div>
        </Tooltip>
      </Col>
    </Row>
  );
}

/** 间隔密度 per duty grid, and the devices that were not the assigned one (定设备). */
export function GridIntervals({ report }: { report: DayReport }) {
  const fixed = report.threeFixed;
  return (
    <>
      {fixed.otherDevices.length ? (
        <Typography.Paragraph type="danger" style={{ marginTop: 8, marginBottom: 0 }}>
          定设备：当日使用了非分配设备 {fixed.otherDevices.join('、')}
        </Typography.Paragraph>
      ) : null}
      {!report.intervals.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未分配责任网格，不计间隔密度" />
      ) : (
        <Table
          size="small"
          rowKey="gridId"
          pagination={false}
          dataSource={report.intervals}
          columns={[
            { title: '责任网格', dataIndex: 'gridCode' },
            { title: '巡查', dataIndex: 'visits', width: 64 },
            { title: '应巡查', dataIndex: 'required', width: 72 },
            {
              title: '间隔密度',
              dataIndex: 'met',
              width: 90,
              render: (ok: boolean) =>
                ok ? <Tag color="success">达标</Tag> : <Tag color="error">不达标</Tag>,
            },
          ]}
        />
      )}
    </>
  );
}
