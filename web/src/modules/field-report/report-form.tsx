import { AimOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Switch, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { GeoMap } from '../../ui/geo-map';
import { useGrids } from '../reference/reference-api';
import { CategoryPicker } from './category-picker';
import { rememberCategory, useFieldCategories } from './field-categories';
import { enqueueReport, flushOutbox, newIdempotencyKey } from './outbox';
import { PhotoInput } from './photo-input';

type Position = { lng: number; lat: number; accuracy?: number; manual?: boolean };

/** The phone's GPS position (asked once on open, again on demand), adjustable by tapping the map. */
export function usePosition() {
  const [position, setPosition] = useState<Position | null>(null);
  const [error, setError] = useState<string | null>(null);
  const locate = useCallback(() => {
    if (!navigator.geolocation) {
      setError('本机不支持定位，请在地图上点选位置');
      return;
    }
    setError(null);
    navigator.geolocation.getCurrentPosition(
      (p) => setPosition({ lng: p.coords.longitude, lat: p.coords.latitude, accuracy: p.coords.accuracy }),
      (e) =>
        setError(
          e.code === e.PERMISSION_DENIED
            ? '未获得定位权限，请在地图上点选位置'
            : '定位失败，请在地图上点选位置',
        ),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 30_000 },
    );
  }, []);
  useEffect(locate, [locate]);
  return { position, setPosition, error, locate };
}

interface FormValues {
  categoryId?: string;
  description?: string;
  address?: string;
}

/** 问题上报: photos, position on a map (GPS, adjustable by tapping), category, description, 自行处置. */
export function ReportForm() {
  const [form] = Form.useForm<FormValues>();
  const { message } = App.useApp();
  const categories = useFieldCategories();
  const { position, setPosition, error: positionError, locate } = usePosition();
  const [selfDisposed, setSelfDisposed] = useState(false);
  const [photos, setPhotos] = useState<File[]>([]);
  const [before, setBefore] = useState<File[]>([]);
  const [after, setAfter] = useState<File[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const bbox: [number, number, number, number] | null = position
    ? [position.lng - 0.003, position.lat - 0.002, position.lng + 0.003, position.lat + 0.002]
    : null;
  const grids = useGrids(bbox);

  const submit = async (values: FormValues) => {
    setProblem(null);
    const category = categories.data?.find((c) => c.id === values.categoryId);
    if (!category) return setProblem('请选择问题类别');
    if (!position) return setProblem('请确定问题位置：允许定位或在地图上点选');
    if (selfDisposed && (before.length === 0 || after.length === 0))
      return setProblem('自行处置须上传处置前和处置后照片');
    if (!selfDisposed && photos.length === 0) return setProblem('请至少拍摄一张现场照片');
    setSaving(true);
    try {
      await enqueueReport({
        key: newIdempotencyKey(),
        categoryName: category.name,
        input: {
          kind: category.kind,
          categoryCode: category.code,
          description: (values.description ?? '').trim(),
          address: values.address?.trim() || undefined,
          lng: Number(position.lng.toFixed(6)),
          lat: Number(position.lat.toFixed(6)),
          source: 'patrol',
          urgent: false,
          selfDisposed,
          reportedAt: new Date().toISOString(),
        },
        photos: selfDisposed
          ? [
              ...before.map((blob, i) => ({
                stage: 'before' as const,
                blob,
                name: blob.name || `before-${i + 1}.jpg`,
              })),
              ...after.map((blob, i) => ({
                stage: 'after' as const,
                blob,
                name: blob.name || `after-${i + 1}.jpg`,
              })),
            ]
          : photos.map((blob, i) => ({
              stage: 'report' as const,
              blob,
              name: blob.name || `photo-${i + 1}.jpg`,
            })),
      });
      rememberCategory(category.id);
      form.resetFields();
      setPhotos([]);
      setBefore([]);
      setAfter([]);
      setSelfDisposed(false);
      message.info(navigator.onLine ? '已提交，正在发送…' : '当前无网络：已保存在本机，联网后自动发送');
      void flushOutbox(true);
    } catch (err) {
      setProblem(`保存失败：${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={submit} className="report-form">
      <Card size="small" title={selfDisposed ? '处置前后照片' : '现场照片'}>
        {selfDisposed ? (
          <>
            <Typography.Text type="secondary">处置前</Typography.Text>
            <PhotoInput files={before} onChange={setBefore} label="处置前" testId="photo-before" />
            <Typography.Text type="secondary">处置后</Typography.Text>
            <PhotoInput files={after} onChange={setAfter} label="处置后" testId="photo-after" />
          </>
        ) : (
          <PhotoInput files={photos} onChange={setPhotos} label="拍照" testId="photo-report" />
        )}
      </Card>
      <Card
        size="small"
        title="问题位置"
        extra={
          <Button size="small" icon={<AimOutlined />} onClick={locate}>
            重新定位
          </Button>
        }
      >
        <GeoMap
          label="上报位置地图（点击调整位置）"
          pin={position}
          areas={grids.data}
          onPick={(lng, lat) => setPosition({ lng, lat, manual: true })}
          style={{ height: 220 }}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="position-text">
          {position
            ? `${position.manual ? '手动点选' : 'GPS 定位'}：${position.lng.toFixed(6)}, ${position.lat.toFixed(6)}${position.accuracy ? `（精度约 ${Math.round(position.accuracy)} 米）` : ''}；点击地图可调整`
            : (positionError ?? '正在定位…')}
        </Typography.Text>
      </Card>
      <Card size="small">
        <Form.Item name="categoryId" label="问题类别" rules={[{ required: true, message: '请选择问题类别' }]}>
          <CategoryPicker categories={categories.data ?? []} />
        </Form.Item>
        <Form.Item
          name="description"
          label="问题描述"
          rules={[{ required: true, whitespace: true, message: '请描述问题' }]}
        >
          <Input.TextArea rows={3} maxLength={2000} placeholder="如：人行道井盖缺失，约 60cm 圆形" />
        </Form.Item>
        <Form.Item name="address" label="地址（可选）">
          <Input maxLength={200} placeholder="街道、门牌或参照物" />
        </Form.Item>
        <div className="self-dispose-row">
          <span>
            自行处置
            <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6 }}>
              现场已处理，上传处置前后照片直接结案
            </Typography.Text>
          </span>
          <Switch checked={selfDisposed} onChange={setSelfDisposed} aria-label="自行处置" />
        </div>
      </Card>
      {problem ? <Alert type="error" showIcon title={problem} role="alert" /> : null}
      <Button
        type="primary"
        htmlType="submit"
        block
        size="large"
        loading={saving}
        data-testid="submit-report"
      >
        {selfDisposed ? '上报并结案' : '上报'}
      </Button>
    </Form>
  );
}
