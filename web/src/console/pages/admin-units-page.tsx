import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { adminApi } from '../../modules/admin/admin-api';
import { type Unit, unitKindLabels } from '../../modules/reference/reference-api';
import { applyApiErrors } from '../../platform/form-errors';
import { errorText } from '../../platform/http';

export default function AdminUnitsPage() {
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);
  const units = useQuery({
    queryKey: ['admin', 'units', paging, q],
    queryFn: () => adminApi.units({ ...paging, q: q || undefined }),
    placeholderData: (p) => p,
  });
  return (
    <div className="page">
      <Card
        title="处置单位"
        extra={
          <Space>
            <Input.Search
              placeholder="名称或别名"
              allowClear
              onSearch={(v) => {
                setQ(v);
                setPaging((p) => ({ ...p, page: 1 }));
              }}
              style={{ width: 200 }}
            />
            <Button type="primary" onClick={() => setEditing('new')}>
              新增单位
            </Button>
          </Space>
        }
      >
        {units.error ? <Alert type="error" showIcon title={errorText(units.error)} /> : null}
        <Table<Unit>
          rowKey="id"
          loading={units.isPending}
          dataSource={units.data?.items ?? []}
          locale={{ emptyText: '暂无处置单位' }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: units.data?.total ?? 0,
            showTotal: (t) => `共 ${t} 个`,
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
          columns={[
            { title: '名称', dataIndex: 'name' },
            { title: '类型', dataIndex: 'kind', width: 120, render: (k: Unit['kind']) => unitKindLabels[k] },
            {
              title: '别名',
              dataIndex: 'aliases',
              render: (a: string[]) => a.map((x) => <Tag key={x}>{x}</Tag>),
            },
            { title: '电话', dataIndex: 'phone', width: 130, render: (p: string | null) => p ?? '—' },
            {
              title: '状态',
              dataIndex: 'active',
              width: 80,
              render: (a: boolean) => (a ? <Tag color="success">启用</Tag> : <Tag>停用</Tag>),
            },
            {
              title: '操作',
              key: 'op',
              width: 90,
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
        <UnitModal unit={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </div>
  );
}

function UnitModal({ unit, onClose }: { unit: Unit | null; onClose: () => void }) {
  const [form] = Form.useForm<Partial<Unit>>();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: Partial<Unit>) => {
      const body = { ...v, phone: v.phone || null };
      return unit ? adminApi.updateUnit(unit.id, body) : adminApi.createUnit(body);
    },
    onSuccess: async () => {
      message.success('已保存');
      await client.invalidateQueries({ queryKey: ['admin', 'units'] });
      await client.invalidateQueries({ queryKey: ['units'] });
      onClose();
    },
    onError: (err) => setError(applyApiErrors(form, err, ['name', 'kind', 'aliases', 'phone'])),
  });
  return (
    <Modal
      open
      title={unit ? `编辑 ${unit.name}` : '新增处置单位'}
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
        initialValues={unit ?? { kind: 'city_department', aliases: [], active: true }}
      >
        <Form.Item name="name" label="名称" rules={[{ required: true, message: '请输入单位名称' }]}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
          <Select options={Object.entries(unitKindLabels).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="aliases" label="别名（回车添加）">
          <Select mode="tags" open={false} />
        </Form.Item>
        <Form.Item name="phone" label="联系电话">
          <Input maxLength={32} />
        </Form.Item>
        {unit ? (
          <Form.Item name="active" label="启用" valuePropName="checked">
            <Switch />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
