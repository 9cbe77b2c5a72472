import { Select, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { Category } from '../reference/reference-api';
import { recentCategoryIds } from './field-categories';

/** Category choice with search (name, code, major) and the collector's recent choices as chips. */
export function CategoryPicker({
  categories,
  value,
  onChange,
}: {
  categories: Category[];
  value?: string;
  onChange?: (id: string) => void;
}) {
  const [recent] = useState(recentCategoryIds);
  const byId = useMemo(() => new Map(categories.map((c) => [c.id, c])), [categories]);
  const recentCategories = recent.map((id) => byId.get(id)).filter((c): c is Category => Boolean(c));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {recentCategories.length > 0 ? (
        <div className="recent-categories">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            最近使用：
          </Typography.Text>
          {recentCategories.map((c) => (
            <Tag.CheckableTag key={c.id} checked={value === c.id} onChange={() => onChange?.(c.id)}>
              {c.name}
            </Tag.CheckableTag>
          ))}
        </div>
      ) : null}
      <Select
        value={value}
        onChange={onChange}
        placeholder="搜索类别，如：井盖、占道、垃圾"
        showSearch={{ optionFilterProp: 'search' }}
        style={{ width: '100%' }}
        data-testid="category-picker"
        options={categories.map((c) => ({
          value: c.id,
          label: `${c.kind === 'part' ? '部件' : '事件'} · ${c.majorName} / ${c.name}`,
          search: `${c.name} ${c.code} ${c.majorName} ${c.kind === 'part' ? '部件' : '事件'}`,
        }))}
      />
    </Space>
  );
}
