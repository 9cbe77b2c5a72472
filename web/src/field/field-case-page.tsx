import { caseActionLabels } from '@cityloop/contracts/cases';
import { Alert, Button, Card, Descriptions, Image, Skeleton, Space, Timeline } from 'antd';
import { useMemo } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { CaseActions } from '../modules/cases/case-actions';
import { useCaseDetail } from '../modules/cases/case-hooks';
import { photoStageLabels } from '../modules/cases/labels';
import { useGrids } from '../modules/reference/reference-api';
import { errorText } from '../platform/http';
import { countdownText, formatTime } from '../platform/time';
import { GeoMap } from '../ui/geo-map';
import { LightDot, StatusTag } from '../ui/status-tags';

/** A task or report on the phone: what and where, how to get there, and the allowed actions. */
export function FieldCasePage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const detail = useCaseDetail(id);
  const lng = detail.data?.lng;
  const lat = detail.data?.lat;
  const around = useMemo<[number, number, number, number] | null>(
    () =>
      lng !== undefined && lat !== undefined ? [lng - 0.003, lat - 0.002, lng + 0.003, lat + 0.002] : null,
    [lng, lat],
  );
  const grids = useGrids(around);
  const pin = useMemo(() => (lng !== undefined && lat !== undefined ? { lng, lat } : null), [lng, lat]);
  if (detail.isPending) return <Skeleton active style={{ padding: 16 }} />;
  if (detail.error)
    return <Alert type="error" showIcon title={errorText(detail.error)} style={{ margin: 12 }} />;
  const c = detail.data;
  const name = encodeURIComponent(c.address ?? c.categoryName);
  return (
    <div className="field-page">
      <Button type="link" onClick={() => navigate(-1)} style={{ paddingLeft: 0 }}>
        ← 返回
      </Button>
      <Card
        size="small"
        title={
          <Space>
            {c.categoryName}
            <StatusTag status={c.status} />
          </Space>
        }
      >
        <Descriptions column={1} size="small">
          <Descriptions.Item label="案卷号">{c.caseNo}</Descriptions.Item>
          <Descriptions.Item label="描述">{c.description}</Descriptions.Item>
          <Descriptions.Item label="地址">{c.address ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="时限">
            <LightDot light={c.light} />
            {c.stageDeadlineAt ? ` ${countdownText(c.stageDeadlineAt)}` : ''}
          </Descriptions.Item>
        </Descriptions>
        <div className="case-actions" style={{ marginTop: 8 }}>
          <CaseActions detail={c} />
        </div>
      </Card>
      <Card size="small" title="位置与导航" style={{ marginTop: 12 }}>
        <GeoMap label="案件位置" pin={pin} areas={grids.data} style={{ height: 200 }} />
        <Space style={{ marginTop: 8 }} wrap>
          <Button
            href={`https://uri.amap.com/marker?position=${c.lng},${c.lat}&name=${name}&coordinate=wgs84&callnative=1`}
            target="_blank"
          >
            高德导航
          </Button>
          <Button href={`geo:${c.lat},${c.lng}?q=${c.lat},${c.lng}(${name})`}>手机地图</Button>
        </Space>
      </Card>
      {c.photos.length > 0 ? (
        <Card size="small" title="照片" style={{ marginTop: 12 }}>
          <Image.PreviewGroup>
            <Space wrap>
              {c.photos.map((p) => (
                <Image
                  key={p.id}
                  src={p.url}
                  width={96}
                  height={72}
                  style={{ objectFit: 'cover' }}
                  alt={photoStageLabels[p.stage]}
                />
              ))}
            </Space>
          </Image.PreviewGroup>
        </Card>
      ) : null}
      <Card size="small" title="进度" style={{ marginTop: 12 }}>
        <Timeline
          items={c.timeline.map((t) => ({
            key: t.seq,
            content: `${formatTime(t.at)} ${caseActionLabels[t.action]} · ${t.actorName ?? ''}${t.note ? `：${t.note}` : ''}`,
          }))}
        />
      </Card>
    </div>
  );
}
