import { Button, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useCategories, useDistricts } from '../reference/reference-api';
import type { CaseFilter } from './cases-api';
import { sourceLabels } from './labels';

type FilterFields = Pick<
  CaseFilter,
  'districtId' | 'gridCode' | 'categoryCode' | 'source' | 'caseNo' | 'extension'
> & {
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
    const { range, ...rest } = values;
    onChange({
      ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined && v !== '')),
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
      <Form.Item name="categoryCode">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="类别"
          style={{ width: 170 }}
          loading={categories.isPending}
          options={uniqueCodes(categories.data?.items ?? [])}
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

// Event and part codes overlap (0101 is both 私搭乱建 and 上水井盖): the filter is by code.
function uniqueCodes(items: { code: string; name: string; kind: string }[]) {
  const byCode = new Map<string, string[]>();
  for (const c of items) byCode.set(c.code, [...(byCode.get(c.code) ?? []), c.name]);
  return [...byCode.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, names]) => ({ value: code, label: `${code} ${names.join('/')}` }));
}
