import { AimOutlined } from '@ant-design/icons';
import type { CampaignField } from '@cityloop/contracts/field';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  Select,
  Spin,
  Switch,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError, errorText, NetworkError } from '../../platform/http';
import { dayjs } from '../../platform/time';
import { GeoMap } from '../../ui/geo-map';
import { PhotoInput } from '../field-report/photo-input';
import { usePosition } from '../field-report/report-form';
import { useGrids } from '../reference/reference-api';
import { type Campaign, campaignsApi, useCampaigns } from './campaigns-api';

const newKey = () => `campaign-${crypto.randomUUID()}`;

function fieldInput(f: CampaignField) {
  switch (f.type) {
    case 'datetime':
      return (
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
      );
    case 'date':
      return <DatePicker style={{ width: '100%' }} />;
    case 'number':
      return <InputNumber style={{ width: '100%' }} />;
    case 'boolean':
      return <Switch />;
    case 'choice':
      return <Select options={(f.options ?? []).map((o) => ({ value: o, label: o }))} />;
    default:
      return <Input maxLength={500} />;
  }
}

/** A form value as the API takes it (datetime: ISO instant; date: YYYY-MM-DD). */
function apiValue(f: CampaignField, value: unknown): unknown {
  if (value === undefined || value === null || value === '') return undefined;
  if (f.type === 'datetime') return (value as Dayjs).toISOString();
  if (f.type === 'date') return (value as Dayjs).format('YYYY-MM-DD');
  if (f.type === 'text') return String(value).trim();
  return value;
}

/** 专项采集: pick a running campaign, fill its fields, photos and position, send. */
export function CampaignEntryForm() {
  const campaigns = useCampaigns(true);
  const [chosen, setChosen] = useState<string | undefined>();
  const items = campaigns.data?.items ?? [];
  const campaign = items.find((c) => c.id === chosen) ?? (items.length === 1 ? items[0] : undefined);

  if (campaigns.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (campaigns.error) return <Alert type="error" showIcon title={errorText(campaigns.error)} />;
  if (items.length === 0) return <Empty description="当前没有进行中的专项行动" style={{ marginTop: 48 }} />;
  return (
    <div className="report-form" data-testid="campaign-entry-form">
      <Card size="small" title="专项行动">
        <Select
          style={{ width: '100%' }}
          placeholder="选择专项行动"
          aria-label="选择专项行动"
          value={campaign?.id}
          onChange={setChosen}
          options={items.map((c) => ({ value: c.id, label: c.name }))}
        />
        {campaign ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {campaign.startsOn} 至 {campaign.endsOn}，已采集 {campaign.entries} 条
          </Typography.Text>
        ) : null}
      </Card>
      {campaign ? <EntryForm key={campaign.id} campaign={campaign} /> : null}
    </div>
  );
}

function EntryForm({ campaign }: { campaign: Campaign }) {
  const [form] = Form.useForm<Record<string, unknown>>();
  const { message } = App.useApp();
  const client = useQueryClient();
  const { position, setPosition, error: positionError, locate } = usePosition();
  const [photos, setPhotos] = useState<File[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // One key per entry until it is accepted: a retry after a dropped answer adds nothing.
  const [key, setKey] = useState(newKey);
  const [sent, setSent] = useState<{ entryId: string; photosSent: number } | null>(null);
  const bbox: [number, number, number, number] | null = position
    ? [position.lng - 0.003, position.lat - 0.002, position.lng + 0.003, position.lat + 0.002]
    : null;
  const grids = useGrids(bbox);
  const initial = () =>
    Object.fromEntries(campaign.fields.filter((f) => f.type === 'datetime').map((f) => [f.key, dayjs()]));

  const submit = async (values: Record<string, unknown>) => {
    setProblem(null);
    if (!position) return setProblem('请确定位置：允许定位或在地图上点选');
    setSaving(true);
    try {
      let entryId = sent?.entryId;
      let photosSent = sent?.photosSent ?? 0;
      if (!entryId) {
        const data: Record<string, unknown> = {};
        for (const f of campaign.fields) {
          const v = apiValue(f, values[f.key]);
          if (v !== undefined) data[f.key] = v;
        }
        const entry = await campaignsApi.addEntry(
          campaign.id,
          { data, lng: Number(position.lng.toFixed(6)), lat: Number(position.lat.toFixed(6)) },
          key,
        );
        entryId = entry.id;
        setSent({ entryId, photosSent: 0 });
      }
      for (; photosSent < photos.length; photosSent++) {
        const photo = photos[photosSent] as File;
        await campaignsApi.uploadPhoto(
          campaign.id,
          entryId,
          photo,
          photo.name || `photo-${photosSent + 1}.jpg`,
        );
        setSent({ entryId, photosSent: photosSent + 1 });
      }
      message.success('采集成功');
      void client.invalidateQueries({ queryKey: ['campaigns'] });
      form.resetFields();
      form.setFieldsValue(initial());
      setPhotos([]);
      setSent(null);
      setKey(newKey());
    } catch (err) {
      setProblem(
        err instanceof NetworkError
          ? '无法连接服务器：内容仍在本页，联网后再点“提交”即可（不会重复登记）'
          : err instanceof ApiError
            ? `提交失败：${err.message}`
            : `提交失败：${errorText(err)}`,
      );
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={submit} className="report-form" initialValues={initial()}>
      <Card size="small" title="采集内容">
        {campaign.fields.map((f) => (
          <Form.Item
            key={f.key}
            name={f.key}
            label={f.label}
            valuePropName={f.type === 'boolean' ? 'checked' : 'value'}
            rules={[
              ...(f.required ? [{ required: true, message: `请填写${f.label}` }] : []),
              ...(f.type === 'text' && f.pattern
                ? [{ pattern: new RegExp(f.pattern, 'u'), message: `${f.label}格式不正确` }]
                : []),
            ]}
          >
            {fieldInput(f)}
          </Form.Item>
        ))}
      </Card>
      <Card size="small" title="现场照片">
        <PhotoInput files={photos} onChange={setPhotos} label="拍照" testId="campaign-photo" />
      </Card>
      <Card
        size="small"
        title="位置"
        extra={
          <Button size="small" icon={<AimOutlined />} onClick={locate}>
            重新定位
          </Button>
        }
      >
        <GeoMap
          label="采集位置地图（点击调整位置）"
          pin={position}
          areas={grids.data}
          onPick={(lng, lat) => setPosition({ lng, lat, manual: true })}
          style={{ height: 180 }}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="campaign-position">
          {position
            ? `${position.manual ? '手动点选' : 'GPS 定位'}：${position.lng.toFixed(6)}, ${position.lat.toFixed(6)}`
            : (positionError ?? '正在定位…')}
        </Typography.Text>
      </Card>
      {problem ? <Alert type="error" showIcon title={problem} role="alert" /> : null}
      <Button
        type="primary"
        htmlType="submit"
        block
        size="large"
        loading={saving}
        data-testid="submit-campaign-entry"
      >
        提交
      </Button>
    </Form>
  );
}
