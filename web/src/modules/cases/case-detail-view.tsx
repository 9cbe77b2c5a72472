import { caseActionLabels, caseStatusLabels } from '@cityloop/contracts/cases';
import { Card, Col, Descriptions, Empty, Image, Row, Space, Tag, Timeline, Typography } from 'antd';
import { useMemo } from 'react';
import { countdownText, formatTime } from '../../platform/time';
import { GeoMap } from '../../ui/geo-map';
import { LightDot, StatusTag } from '../../ui/status-tags';
import { useGrids } from '../reference/reference-api';
import { CaseActions } from './case-actions';
import { useNow } from './case-hooks';
import type { CaseDetail, TimelineEntry } from './cases-api';
import { kindLabels, photoStageLabels, sourceLabels, supervisionLabels } from './labels';

/** Everything about one case: facts, deadlines, photos, map, the transition log, and the allowed actions. */
export function CaseDetailView({
  detail,
  onMoved,
}: {
  detail: CaseDetail;
  onMoved?: (hidden: boolean) => void;
}) {
  const now = useNow(30_000);
  const around = useMemo<[number, number, number, number]>(
    () => [detail.lng - 0.004, detail.lat - 0.003, detail.lng + 0.004, detail.lat + 0.003],
    [detail.lng, detail.lat],
  );
  const grids = useGrids(around);
  const pin = useMemo(() => ({ lng: detail.lng, lat: detail.lat }), [detail.lng, detail.lat]);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <span>案卷 {detail.caseNo}</span>
            <StatusTag status={detail.status} />
            <LightDot light={detail.light} />
            {detail.urgent ? <Tag color="red">加急</Tag> : null}
            {detail.supervision ? <Tag color="volcano">{supervisionLabels[detail.supervision]}</Tag> : null}
          </Space>
        }
      >
        <div className="case-actions" data-testid="case-actions">
          <CaseActions detail={detail} onDone={onMoved} />
        </div>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title="基本信息" size="small">
            <Descriptions column={{ xs: 1, sm: 2 }} size="small">
              <Descriptions.Item label="类别">
                {kindLabels[detail.kind]} · {detail.categoryMajorName} / {detail.categoryName}（
                {detail.categoryCode}）
              </Descriptions.Item>
              <Descriptions.Item label="来源">
                {sourceLabels[detail.source] ?? detail.source}
              </Descriptions.Item>
              <Descriptions.Item label="区县">{detail.districtName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="网格">{detail.gridCode ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="地址">{detail.address ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="坐标">
                {detail.lng.toFixed(5)}, {detail.lat.toFixed(5)}
              </Descriptions.Item>
              <Descriptions.Item label="上报人">{detail.reporterName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="核实/核查人">{detail.assigneeName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="处置单位">{detail.unitName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="上报时间">{formatTime(detail.reportedAt)}</Descriptions.Item>
              <Descriptions.Item label="问题描述" span={2}>
                {detail.description}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title="时限" size="small">
            <Descriptions column={1} size="small">
              <Descriptions.Item label="当前环节时限">
                {detail.stageDeadlineAt ? (
                  <span>
                    {formatTime(detail.stageDeadlineAt)}（{countdownText(detail.stageDeadlineAt, now)}）
                  </span>
                ) : (
                  '—'
                )}
              </Descriptions.Item>
              <Descriptions.Item label="黄灯预警">{formatTime(detail.stageWarningAt)}</Descriptions.Item>
              <Descriptions.Item label="处置时限">{formatTime(detail.deadlineAt)}</Descriptions.Item>
              {detail.pendingExtensionUntil ? (
                <Descriptions.Item label="延期申请">
                  至 {formatTime(detail.pendingExtensionUntil)}（待审批）
                </Descriptions.Item>
              ) : null}
              <Descriptions.Item label="延期 / 回退 / 返工">
                {detail.extensionCount} 次 / {detail.returnCount} 次 / {detail.reworkCount} 次
              </Descriptions.Item>
              {detail.deadlineEstimated ? (
                <Descriptions.Item label="说明">
                  时限经过未载入放假安排的年份，按周一至周五估算
                </Descriptions.Item>
              ) : null}
            </Descriptions>
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title="位置" size="small">
            <GeoMap label="案件位置地图" pin={pin} areas={grids.data} style={{ height: 300 }} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={`照片（${detail.photos.length}）`} size="small">
            {detail.pendingPhotos.length > 0 ? (
              <Typography.Paragraph type="warning" data-testid="pending-photos">
                另有 {detail.pendingPhotos.length} 张照片已随上报登记，待现场终端上传
              </Typography.Paragraph>
            ) : null}
            {detail.photos.length === 0 ? (
              <Empty description="暂无照片" image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <Image.PreviewGroup>
                <Space wrap size={12}>
                  {detail.photos.map((photo) => (
                    <figure key={photo.id} className="photo-tile">
                      <Image
                        src={photo.url}
                        width={120}
                        height={90}
                        style={{ objectFit: 'cover' }}
                        alt={photoStageLabels[photo.stage]}
                      />
                      <figcaption>{photoStageLabels[photo.stage]}</figcaption>
                    </figure>
                  ))}
                </Space>
              </Image.PreviewGroup>
            )}
          </Card>
        </Col>
      </Row>
      <Card title="流转记录" size="small">
        <Timeline items={detail.timeline.map(timelineItem)} data-testid="timeline" />
      </Card>
    </Space>
  );
}

function timelineItem(entry: TimelineEntry) {
  const color =
    entry.action === 'void' || entry.action === 'check_fail' || entry.action === 'return'
      ? 'red'
      : entry.toStatus === 'closed'
        ? 'green'
        : 'blue';
  return {
    key: entry.seq,
    color,
    content: (
      <div className="timeline-entry">
        <span className="timeline-entry__at">{formatTime(entry.at, 'YYYY-MM-DD HH:mm:ss')}</span>
        <Typography.Text strong>{caseActionLabels[entry.action] ?? entry.action}</Typography.Text>
        <span className="timeline-entry__who">
          {entry.actorName ?? entry.actorLogin ?? '系统'}
          {entry.unitName ? ` · ${entry.unitName}` : ''}
        </span>
        <span className="timeline-entry__state">
          {entry.fromStatus ? `${caseStatusLabels[entry.fromStatus]} → ` : ''}
          {caseStatusLabels[entry.toStatus]}
        </span>
        {entry.deadlineAt ? (
          <span className="timeline-entry__due">时限 {formatTime(entry.deadlineAt)}</span>
        ) : null}
        {entry.note ? <div className="timeline-entry__note">{entry.note}</div> : null}
      </div>
    ),
  };
}
