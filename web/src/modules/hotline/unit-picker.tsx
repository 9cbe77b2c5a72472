import { unitGroupLabels } from '@cityloop/contracts/hotline';
import { Select } from 'antd';
import { type Unit, useUnits } from '../reference/reference-api';

const groupOfKind: Record<Unit['kind'], keyof typeof unitGroupLabels> = {
  district_government: 'district',
  city_department: 'department',
  enterprise: 'enterprise',
};

/** Active units grouped as the hotline board groups them: 区县 / 市级部门 / 企事业单位. */
function groupedOptions(units: Unit[], exclude: readonly string[]) {
  return (Object.keys(unitGroupLabels) as (keyof typeof unitGroupLabels)[]).map((group) => ({
    label: unitGroupLabels[group],
    title: unitGroupLabels[group],
    options: units
      .filter((u) => u.active && groupOfKind[u.kind] === group && !exclude.includes(u.id))
      .map((u) => ({ value: u.id, label: u.name })),
  }));
}

interface UnitPickerProps {
  value?: string | string[];
  onChange?: (value: string | string[] | undefined) => void;
  multiple?: boolean;
  /** Units not offered (the lead unit in the co-unit picker). */
  exclude?: readonly string[];
  placeholder?: string;
  id?: string;
}

/** 承办单位 picker (searchable by name); one unit, or several for 协办. */
export function UnitPicker({ value, onChange, multiple, exclude = [], placeholder, id }: UnitPickerProps) {
  const units = useUnits();
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      mode={multiple ? 'multiple' : undefined}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={units.isPending}
      placeholder={placeholder ?? '输入单位名称搜索'}
      options={groupedOptions(units.data?.items ?? [], exclude)}
      notFoundContent={units.isPending ? '加载中…' : '没有匹配的单位'}
      data-testid={multiple ? 'co-unit-picker' : 'unit-picker'}
    />
  );
}
