import type { CaseKind } from '@cityloop/contracts/cases';
import { Button, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useCategories, useDistricts } from '../reference/reference-api';
import type { CaseFilter } from './cases-api';
import { sourceLabels } from './labels';

type FilterFields = Pick<CaseFilter, 'districtId' | 'gridCode' | 'source' | 'caseNo' | 'extension'> & {
  /** `${kind}:${code}`: event and part codes overlap (0101 is both 私搭乱建 and 上水井盖). */
  category?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
};

/**
 * The usual list filters: district, grid, category, source, report dates, case number; with
 * `extension`, also 延期申请 (待审批延期, with how many wait); `extension.value` lets the page set
 * that field from outside (a "只看待审批延期" shortcut).
 */
export function CaseFilters({
  onChange,
  extension,
}: {
  onChange: (filter: CaseFilter) => void;
  extension?: { pending?: number; value?: CaseFilter['extension'] };
}) {
  const [form] = Form.useForm<FilterFields>();
  const districts = useDistricts();
  const categories = useCategories();
  const extensionValue = extension?.value;
  useEffect(() => {
    form.setFieldValue('extension', extensionValue);
  }, [form, extensionValue]);

  const apply = (values: FilterFields) => {
    const { range, category, ...rest } = values;
    const [kind, categoryCode] = category ? (category.split(':') as [CaseKind, string]) : [];
    onChange({
      ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined && v !== '')),
      kind,
      categoryCode,
      from: range?.[0]?.format('YYYY-MM-DD'),
      to: range?.[1]?.format('YYYY-MM-DD'),
    });
  };

  return (
    <Form form={form} layout="inline" onFinish={apply} className="case-filters">
      <Form.Item name="districtId">
        <Select
          allowClear
          placeholder="区县"
          style={{ width: 120 }}
          loading={districts.isPending}
          options={(districts.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
        />
      </Form.Item>
      <Form.Item name="gridCode" rules={[{ pattern: /^[0-9]{15}$/, message: '网格编码为15位数字' }]}>
        <Input allowClear placeholder="网格编码" style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="category">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="类别"
          style={{ width: 190 }}
          data-testid="category-filter"
          loading={categories.isPending}
          options={categoryOptions(categories.data?.items ?? [])}
        />
      </Form.Item>
      <Form.Item name="source">
        <Select
          allowClear
          placeholder="来源"
          style={{ width: 120 }}
          options={Object.entries(sourceLabels).map(([value, label]) => ({ value, label }))}
        />
      </Form.Item>
      <Form.Item name="range">
        <DatePicker.RangePicker style={{ width: 240 }} placeholder={['上报起', '上报止']} />
      </Form.Item>
      <Form.Item name="caseNo">
        <Input allowClear placeholder="案卷号" style={{ width: 150 }} />
      </Form.Item>
      {extension ? (
        <Form.Item name="extension">
          <Select
            allowClear
            placeholder="延期申请"
            style={{ width: 150 }}
            data-testid="extension-filter"
            options={[
              {
                value: 'pending',
                label: `待审批延期${extension.pending !== undefined ? `（${extension.pending}）` : ''}`,
              },
              { value: 'none', label: '无待批延期' },
            ]}
          />
        </Form.Item>
      ) : null}
      <Form.Item>
        <Button type="primary" htmlType="submit">
          查询
        </Button>
      </Form.Item>
      <Form.Item>
        <Button
          onClick={() => {
            form.resetFields();
            onChange({});
          }}
        >
          重置
        </Button>
      </Form.Item>
    </Form>
  );
}

// One option per category, events and parts in their own groups: a 派遣员 filtering 私搭乱建
// (event 0101) does not want 上水井盖 (part 0101) in the same list.
function categoryOptions(items: { code: string; name: string; kind: CaseKind }[]) {
  const group = (kind: CaseKind, label: string) => ({
    label,
    options: items
      .filter((c) => c.kind === kind)
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((c) => ({ value: `${kind}:${c.code}`, label: `${c.code} ${c.name}` })),
  });
  return [group('event', '事件'), group('part', '部件')];
}
