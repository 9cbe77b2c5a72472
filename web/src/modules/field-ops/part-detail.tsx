import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Drawer, Grid, Skeleton, Tag } from 'antd';
import { errorText } from '../../platform/http';
import { formatTime } from '../../platform/time';
import { GeoMap } from '../../ui/geo-map';
import { fieldApi } from './field-api';
import { partStatusColors, partStatusLabels } from './labels';

/** 部件详情: attributes, units and where it stands. */
export function PartDetailDrawer({ code, onClose }: { code: string; onClose: () => void }) {
  const screens = Grid.useBreakpoint();
  const part = useQuery({ queryKey: ['field', 'part', code], queryFn: () => fieldApi.part(code) });
  const p = part.data;
  return (
    <Drawer open title={`部件 ${code}`} size={screens.md ? 520 : '100%'} onClose={onClose} destroyOnHidden>
      {part.error ? <Alert type="error" showIcon title={errorText(part.error)} /> : null}
      {!p ? (
        part.isPending ? (
          <Skeleton active />
        ) : null
      ) : (
        <>
          <Descriptions
            data-testid="part-detail"
            column={1}
            size="small"
            bordered
            items={[
              { key: 'code', label: '部件标识码', children: p.code },
              { key: 'category', label: '部件类别', children: `${p.categoryCode} ${p.categoryName}` },
              { key: 'name', label: '名称', children: p.name ?? '—' },
              {
                key: 'status',
                label: '状态',
                children: <Tag color={partStatusColors[p.status]}>{partStatusLabels[p.status]}</Tag>,
              },
              { key: 'district', label: '区县', children: p.districtName ?? '—' },
              {
                key: 'grid',
                label: '单元网格',
                children: p.gridCode ? `${p.gridCode}${p.gridName ? ` ${p.gridName}` : ''}` : '—',
              },
              { key: 'address', label: '地址', children: p.address ?? '—' },
              { key: 'position', label: '坐标', children: `${p.lng.toFixed(6)}, ${p.lat.toFixed(6)}` },
              { key: 'owner', label: '权属单位', children: p.ownerUnitName ?? '—' },
              { key: 'manager', label: '主管单位', children: p.managerUnitName ?? '—' },
              { key: 'maintainer', label: '养护单位', children: p.maintainerUnitName ?? '—' },
              { key: 'updated', label: '更新时间', children: formatTime(p.updatedAt) },
            ]}
          />
          <GeoMap
            label="部件位置"
            points={[{ id: p.code, lng: p.lng, lat: p.lat, color: partStatusColors[p.status] }]}
            extent={[p.lng - 0.002, p.lat - 0.0015, p.lng + 0.002, p.lat + 0.0015]}
            style={{ height: 220, marginTop: 12 }}
          />
        </>
      )}
    </Drawer>
  );
}
