import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Drawer,
  Form,
  Grid,
  Input,
  List,
  Popconfirm,
  Select,
  Skeleton,
  Space,
  TimePicker,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { applyApiErrors } from '../../platform/form-errors';
import { errorText } from '../../platform/http';
import { CITY_TZ, cityTime, cityToday, dayjs, formatTime } from '../../platform/time';
import { type AreaCollection, GeoMap } from '../../ui/geo-map';
import { type CollectorRow, fieldApi, type LngLat } from './field-api';

// 设置监督员档案 (shift lead / admin): contractor, contract package, device (定设备), duty grids
// (定区域), the patrol route drawn on the map (定路线) and the shifts (定时).

interface ProfileForm {
  company: string;
  contractPackage: string;
  deviceId: string;
  gridCodes: string[];
}

export function CollectorEditor({ collector, onClose }: { collector: CollectorRow; onClose: () => void }) {
  const screens = Grid.useBreakpoint();
  const profile = useQuery({
    queryKey: ['field', 'collector', collector.userId],
    queryFn: () => fieldApi.collector(collector.userId),
  });
  return (
    <Drawer
      open
      title={`监督员档案：${collector.displayName}（${collector.login}）`}
      size={screens.md ? 620 : '100%'}
      onClose={onClose}
      destroyOnHidden
    >
      {profile.error ? <Alert type="error" showIcon title={errorText(profile.error)} /> : null}
      {profile.data ? (
        <ProfileEditor
          userId={collector.userId}
          initial={{
            company: profile.data.company,
            contractPackage: profile.data.contractPackage,
            deviceId: profile.data.deviceId ?? '',
            gridCodes: profile.data.grids.map((g) => g.code),
          }}
          initialRoute={profile.data.route ?? []}
          onSaved={onClose}
        />
      ) : (
        <Skeleton active />
      )}
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        班次（定时）
      </Typography.Title>
      <ShiftEditor userId={collector.userId} />
    </Drawer>
  );
}

function ProfileEditor({
  userId,
  initial,
  initialRoute,
  onSaved,
}: {
  userId: string;
  initial: ProfileForm;
  initialRoute: LngLat[];
  onSaved: () => void;
}) {
  const [form] = Form.useForm<ProfileForm>();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [route, setRoute] = useState<LngLat[]>(initialRoute);
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: ProfileForm) =>
      fieldApi.saveProfile(userId, {
        company: v.company ?? '',
        contractPackage: v.contractPackage ?? '',
        deviceId: v.deviceId?.trim() ? v.deviceId.trim() : null,
        route: route.length >= 2 ? route : null,
        gridCodes: v.gridCodes ?? [],
      }),
    onSuccess: async () => {
      message.success('监督员档案已保存');
      await client.invalidateQueries({ queryKey: ['field'] });
      onSaved();
    },
    onError: (err) =>
      setError(applyApiErrors(form, err, ['company', 'contractPackage', 'deviceId', 'gridCodes'])),
  });
  const routeLayer = useMemo<AreaCollection>(
    () => ({
      type: 'FeatureCollection',
      features:
        route.length >= 2
          ? [
              {
                type: 'Feature',
                geometry: { type: 'LineString', coordinates: route },
                properties: { stroke: '#52c41a', strokeWidth: 4, lineDash: [10, 6] },
              },
            ]
          : [],
    }),
    [route],
  );
  const extent = useMemo(() => {
    if (initialRoute.length < 2) return undefined;
    const lngs = initialRoute.map((p) => p[0]);
    const lats = initialRoute.map((p) => p[1]);
    const pad = 0.001;
    return [
      Math.min(...lngs) - pad,
      Math.min(...lats) - pad,
      Math.max(...lngs) + pad,
      Math.max(...lats) + pad,
    ] as [number, number, number, number];
  }, [initialRoute]);
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={(v) => {
        setError(null);
        save.mutate(v);
      }}
    >
      {error ? <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} /> : null}
      <Form.Item name="company" label="外包公司">
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="contractPackage" label="合同包">
        <Input maxLength={100} placeholder="如：第一合同包" />
      </Form.Item>
      <Form.Item name="deviceId" label="分配设备（定设备）">
        <Input maxLength={64} placeholder="设备编号，如 PAD-0001" />
      </Form.Item>
      <Form.Item
        name="gridCodes"
        label="责任网格（定区域）"
        extra="输入 15 位网格编码后回车，可输入多个"
        rules={[
          {
            validator: (_, codes: string[] | undefined) =>
              (codes ?? []).every((c) => /^[0-9]{15}$/.test(c))
                ? Promise.resolve()
                : Promise.reject(new Error('网格编码应为 15 位数字')),
          },
        ]}
      >
        <Select mode="tags" tokenSeparators={[',', ' ', '，']} open={false} placeholder="510402001001001" />
      </Form.Item>
      <Form.Item label={`巡查路线（定路线）：${route.length} 个拐点`} extra="在地图上依次点击路线的拐点">
        <GeoMap
          label="巡查路线编辑地图"
          areas={routeLayer}
          points={route.map(([lng, lat], i) => ({ id: `v${i}`, lng, lat, color: '#52c41a' }))}
          extent={extent}
          onPick={(lng, lat) => setRoute((r) => [...r, [lng, lat]])}
          style={{ height: 260 }}
        />
        <Space style={{ marginTop: 8 }}>
          <Button size="small" disabled={!route.length} onClick={() => setRoute((r) => r.slice(0, -1))}>
            撤销上一点
          </Button>
          <Button size="small" danger disabled={!route.length} onClick={() => setRoute([])}>
            清空路线
          </Button>
        </Space>
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        保存档案
      </Button>
    </Form>
  );
}

function ShiftEditor({ userId }: { userId: string }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [day, setDay] = useState(cityToday());
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const shifts = useQuery({
    queryKey: ['field', 'shifts', userId, day],
    queryFn: () => fieldApi.shifts(userId, day),
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['field'] });
  const add = useMutation({
    mutationFn: ([start, end]: [Dayjs, Dayjs]) => {
      // The picked wall-clock times are Beijing time on the chosen day; an end before the
      // start is a night shift ending the next morning.
      const at = (t: Dayjs) => dayjs.tz(`${day} ${t.format('HH:mm')}`, CITY_TZ);
      const startsAt = at(start);
      let endsAt = at(end);
      if (!endsAt.isAfter(startsAt)) endsAt = endsAt.add(1, 'day');
      return fieldApi.addShifts(userId, [{ startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() }]);
    },
    onSuccess: async () => {
      message.success('班次已添加');
      setRange(null);
      await refresh();
    },
    onError: (err) => message.error(errorText(err)),
  });
  const remove = useMutation({
    mutationFn: (id: string) => fieldApi.deleteShift(id),
    onSuccess: refresh,
    onError: (err) => message.error(errorText(err)),
  });
  return (
    <>
      <Space wrap>
        <DatePicker
          allowClear={false}
          value={dayjs(day)}
          onChange={(d) => d && setDay(d.format('YYYY-MM-DD'))}
        />
        <TimePicker.RangePicker
          format="HH:mm"
          minuteStep={5}
          value={range}
          onChange={(v) => setRange(v?.[0] && v[1] ? [v[0], v[1]] : null)}
          placeholder={['上班', '下班']}
        />
        <Button disabled={!range} loading={add.isPending} onClick={() => range && add.mutate(range)}>
          添加班次
        </Button>
      </Space>
      {shifts.error ? <Alert type="error" showIcon title={errorText(shifts.error)} /> : null}
      <List
        size="small"
        loading={shifts.isPending}
        locale={{ emptyText: '当日未排班' }}
        dataSource={shifts.data?.items ?? []}
        renderItem={(s) => (
          <List.Item
            actions={[
              <Popconfirm key="del" title="删除该班次？" onConfirm={() => remove.mutate(s.id)}>
                <Button size="small" type="link" danger>
                  删除
                </Button>
              </Popconfirm>,
            ]}
          >
            {formatTime(s.startsAt, 'MM-DD HH:mm')} – {formatTime(s.endsAt, 'HH:mm')}
            {cityTime(s.endsAt).format('YYYY-MM-DD') !== cityTime(s.startsAt).format('YYYY-MM-DD')
              ? '（次日）'
              : ''}
          </List.Item>
        )}
      />
    </>
  );
}
