import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
} from 'antd';
import { useMemo, useState } from 'react';
import { adminApi } from '../../modules/admin/admin-api';
import {
  type Category,
  limitUnitLabels,
  type StageLimit,
  stageLabels,
  useUnits,
} from '../../modules/reference/reference-api';
import { applyApiErrors } from '../../platform/form-errors';
import { errorText } from '../../platform/http';

const STAGES = Object.keys(stageLabels);

export default function AdminCategoriesPage() {
  const [kind, setKind] = useState<'event' | 'part' | undefined>();
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<Category | 'new' | null>(null);
  const categories = useQuery({ queryKey: ['admin', 'categories'], queryFn: adminApi.categories });
  const units = useUnits();
  const unitName = new Map((units.data?.items ?? []).map((u) => [u.id, u.name]));
  const rows = useMemo(
    () =>
      (categories.data?.items ?? []).filter(
        (c) => (!kind || c.kind === kind) && (!q || `${c.code}${c.name}${c.majorName}`.includes(q)),
      ),
    [categories.data, kind, q],
  );
  return (
    <div className="page">
      <Card
        title="案件类别与时限"
        extra={
          <Space>
            <Select
              allowClear
              placeholder="部件/事件"
              style={{ width: 110 }}
              value={kind}
              onChange={setKind}
              options={[
                { value: 'part', label: '部件' },
                { value: 'event', label: '事件' },
              ]}
            />
            <Input.Search allowClear placeholder="编码、名称" onSearch={setQ} style={{ width: 180 }} />
            <Button type="primary" onClick={() => setEditing('new')}>
              新增类别
            </Button>
          </Space>
        }
      >
        {categories.error ? <Alert type="error" showIcon title={errorText(categories.error)} /> : null}
        <Table<Category>
          rowKey="id"
          size="small"
          loading={categories.isPending}
          dataSource={rows}
          locale={{ emptyText: '没有符合条件的类别' }}
          pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 类`, showSizeChanger: false }}
          columns={[
            {
              title: '类型',
              dataIndex: 'kind',
              width: 70,
              render: (k: string) => (k === 'part' ? '部件' : '事件'),
            },
            { title: '大类', dataIndex: 'majorName', width: 110 },
            { title: '编码', dataIndex: 'code', width: 70 },
            { title: '名称', dataIndex: 'name', width: 140 },
            { title: '立案标准', dataIndex: 'filingStandard', ellipsis: true },
            {
              title: '处置时限',
              key: 'dispose',
              width: 110,
              render: (_, c) => limitText(c.timeLimits.dispose),
            },
            {
              title: '默认单位',
              dataIndex: 'defaultUnitId',
              width: 160,
              ellipsis: true,
              render: (id: string | null) => (id ? (unitName.get(id) ?? '—') : '—'),
            },
            {
              title: '状态',
              dataIndex: 'active',
              width: 70,
              render: (a: boolean) => (a ? <Tag color="success">启用</Tag> : <Tag>停用</Tag>),
            },
            {
              title: '操作',
              key: 'op',
              width: 80,
              render: (_, row) => (
                <Button size="small" onClick={() => setEditing(row)}>
                  编辑
                </Button>
              ),
            },
          ]}
        />
      </Card>
      {editing ? (
        <CategoryModal category={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </div>
  );
}

function limitText(limit: StageLimit | undefined) {
  return limit ? `${limit.amount} ${limitUnitLabels[limit.unit]}` : '—';
}

type CategoryForm = Partial<Category> & { timeLimits?: Record<string, Partial<StageLimit>> };

function CategoryModal({ category, onClose }: { category: Category | null; onClose: () => void }) {
  const [form] = Form.useForm<CategoryForm>();
  const { message } = App.useApp();
  const client = useQueryClient();
  const units = useUnits();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: CategoryForm) => {
      const timeLimits = Object.fromEntries(
        Object.entries(v.timeLimits ?? {}).filter(([, l]) => l?.amount !== undefined && l?.amount !== null),
      );
      if (category) {
        return adminApi.updateCategory(category.id, {
          name: v.name,
          filingStandard: v.filingStandard,
          closingStandard: v.closingStandard,
          defaultUnitId: v.defaultUnitId ?? null,
          timeLimits,
          active: v.active,
          expectedVersion: category.version,
        });
      }
      return adminApi.createCategory({
        kind: v.kind,
        majorCode: v.majorCode,
        majorName: v.majorName || undefined,
        code: v.code,
        name: v.name,
        filingStandard: v.filingStandard,
        closingStandard: v.closingStandard,
        defaultUnitId: v.defaultUnitId ?? null,
        timeLimits,
      });
    },
    onSuccess: async () => {
      message.success('已保存');
      await client.invalidateQueries({ queryKey: ['admin', 'categories'] });
      await client.invalidateQueries({ queryKey: ['categories'] });
      onClose();
    },
    onError: (err) =>
      setError(
        applyApiErrors(form, err, [
          'kind',
          'majorCode',
          'majorName',
          'code',
          'name',
          'filingStandard',
          'closingStandard',
          'timeLimits',
        ]),
      ),
  });
  return (
    <Modal
      open
      width={760}
      title={category ? `编辑类别 ${category.code} ${category.name}` : '新增类别'}
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      confirmLoading={save.isPending}
      onOk={() =>
        form.validateFields().then(
          (v) => save.mutate(v),
          () => undefined,
        )
      }
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" /> : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={
          category ?? { kind: 'event', timeLimits: { dispose: { amount: 1, unit: 'day' } }, active: true }
        }
      >
        {category ? null : (
          <Row gutter={12}>
            <Col span={6}>
              <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
                <Select
                  options={[
                    { value: 'part', label: '部件' },
                    { value: 'event', label: '事件' },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item
                name="majorCode"
                label="大类编码"
                rules={[{ required: true, pattern: /^[0-9]{2}$/, message: '2位数字' }]}
              >
                <Input />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="majorName" label="大类名称（新大类必填）">
                <Input />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item
                name="code"
                label="小类编码"
                rules={[{ required: true, pattern: /^[0-9]{4}$/, message: '4位数字' }]}
              >
                <Input />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="name" label="名称" rules={[{ required: true, message: '请输入名称' }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="defaultUnitId" label="默认处置单位">
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="filingStandard"
          label="立案标准"
          rules={[{ required: true, message: '请填写立案标准' }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item
          name="closingStandard"
          label="结案标准"
          rules={[{ required: true, message: '请填写结案标准' }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        <div className="limits-grid">
          {STAGES.map((stage) => (
            <Form.Item key={stage} label={`${stageLabels[stage]}时限`} style={{ marginBottom: 8 }}>
              <Space.Compact>
                <Form.Item name={['timeLimits', stage, 'amount']} noStyle>
                  <InputNumber min={0} style={{ width: 80 }} placeholder="默认" />
                </Form.Item>
                <Form.Item name={['timeLimits', stage, 'unit']} noStyle initialValue="minute">
                  <Select
                    style={{ width: 100 }}
                    options={Object.entries(limitUnitLabels).map(([value, label]) => ({ value, label }))}
                  />
                </Form.Item>
              </Space.Compact>
            </Form.Item>
          ))}
        </div>
        {category ? (
          <Form.Item name="active" label="启用" valuePropName="checked">
            <Switch />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
