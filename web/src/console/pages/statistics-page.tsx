import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Row,
  Skeleton,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { percent, useMonthlyFigures } from '../../modules/statistics/statistics-api';
import { errorText } from '../../platform/http';
import { cityTime, dayjs, formatTime } from '../../platform/time';

/** 月度统计与通报: the month's figures (统计口径 as in the bulletin) and the bulletin downloads. */
export default function StatisticsPage() {
  const [month, setMonth] = useState(() => cityTime(new Date()).subtract(1, 'month').format('YYYY-MM'));
  const figures = useMonthlyFigures(month);
  const c = figures.data?.cases;
  const h = figures.data?.hotline;
  return (
    <div className="page">
      <Card
        title="月度统计与通报"
        extra={
          <Space wrap>
            <DatePicker
              picker="month"
              allowClear={false}
              value={dayjs(`${month}-01`)}
              onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
            />
            <Button href={`/api/bulletins/${month}.docx`}>下载通报（Word）</Button>
            <Button href={`/api/bulletins/${month}.xlsx`}>下载报表（Excel）</Button>
            <Button href={`/api/bulletins/${month}.html`} target="_blank">
              网页预览
            </Button>
          </Space>
        }
      >
        {figures.error ? <Alert type="error" showIcon title={errorText(figures.error)} /> : null}
        {!c || !h ? (
          <Skeleton active />
        ) : (
          <>
            <Typography.Paragraph type="secondary">
              统计截至 {formatTime(figures.data?.asOf)}（北京时间）
            </Typography.Paragraph>
            <Typography.Title level={5}>数字城管</Typography.Title>
            <Row gutter={[12, 12]}>
              {(
                [
                  ['上报数', c.received, '件'],
                  ['立案数', c.filed, '件'],
                  ['立案率', percent(c.filingRate), ''],
                  ['应处置数', c.dueForDisposal, '件'],
                  ['处置数', c.disposed, '件'],
                  ['处置率', percent(c.disposalRate), ''],
                  ['按期处置率', percent(c.onTimeDisposalRate), ''],
                  ['结案数', c.closed, '件'],
                ] as const
              ).map(([title, value, suffix]) => (
                <Col key={title} xs={12} md={6} xl={3}>
                  <Card size="small">
                    <Statistic title={title} value={value} suffix={suffix} />
                  </Card>
                </Col>
              ))}
            </Row>
            <Table
              style={{ marginTop: 12 }}
              size="small"
              rowKey={(r) => r.districtId ?? r.district}
              pagination={false}
              dataSource={c.byDistrict}
              locale={{ emptyText: '本月没有上报案件' }}
              columns={[
                { title: '区县', dataIndex: 'district' },
                { title: '上报数', dataIndex: 'received' },
                { title: '立案数', dataIndex: 'filed' },
                {
                  title: '立案率',
                  key: 'rate',
                  render: (_, r) => percent(r.received ? r.filed / r.received : null),
                },
              ]}
            />
            <Typography.Title level={5} style={{ marginTop: 20 }}>
              12345 热线
            </Typography.Title>
            <Row gutter={[12, 12]}>
              {(
                [
                  ['受理', h.received],
                  ['有效来电', h.valid],
                  ['无效来电', h.invalid],
                  ['直接答复', h.directReply],
                  ['转办', h.transferred],
                  ['办结', h.completed],
                  ['办结率', percent(h.completionRate)],
                  ['转为案卷', h.convertedToCase],
                ] as const
              ).map(([title, value]) => (
                <Col key={title} xs={12} md={6} xl={3}>
                  <Card size="small">
                    <Statistic title={title} value={value} />
                  </Card>
                </Col>
              ))}
            </Row>
          </>
        )}
      </Card>
    </div>
  );
}
