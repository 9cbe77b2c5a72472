import { type Role, roleLabels, roleSchema } from '@cityloop/contracts/roles';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { adminApi } from '../../modules/admin/admin-api';
import { type UserRow, useDistricts, useUnits } from '../../modules/reference/reference-api';
import { applyApiErrors } from '../../platform/form-errors';
import { errorText } from '../../platform/http';

const roleOptions = roleSchema.options.map((r) => ({ value: r, label: roleLabels[r] }));

export default function AdminUsersPage() {
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [role, setRole] = useState<Role | undefined>();
  const [editing, setEditing] = useState<UserRow | 'new' | null>(null);
  const users = useQuery({
    queryKey: ['admin', 'users', paging, role],
    queryFn: () => adminApi.users({ ...paging, role }),
    placeholderData: (p) => p,
  });
  const units = useUnits();
  const unitName = new Map((units.data?.items ?? []).map((u) => [u.id, u.name]));
  return (
    <div className="page">
      <Card
        title="用户与角色"
        extra={
          <Space>
            <Select
              allowClear
              placeholder="按角色筛选"
              style={{ width: 150 }}
              options={roleOptions}
              value={role}
              onChange={setRole}
            />
            <Button type="primary" onClick={() => setEditing('new')}>
              新增用户
            </Button>
          </Space>
        }
      >
        {users.error ? <Alert type="error" showIcon title={errorText(users.error)} /> : null}
        <Table<UserRow>
          rowKey="id"
          size="middle"
          loading={users.isPending}
          dataSource={users.data?.items ?? []}
          locale={{ emptyText: '暂无用户' }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: users.data?.total ?? 0,
            showTotal: (t) => `共 ${t} 人`,
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
          columns={[
            { title: '账号', dataIndex: 'login', width: 120 },
            { title: '姓名', dataIndex: 'displayName' },
            { title: '角色', dataIndex: 'role', width: 120, render: (r: Role) => roleLabels[r] },
            {
              title: '所属单位',
              dataIndex: 'unitId',
              render: (id: string | null) => (id ? (unitName.get(id) ?? '—') : '—'),
            },
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
        <UserModal user={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </div>
  );
}

interface UserForm {
  login: string;
  displayName: string;
  role: Role;
  password?: string;
  unitId?: string | null;
  regionId?: string | null;
  active?: boolean;
}

function UserModal({ user, onClose }: { user: UserRow | null; onClose: () => void }) {
  const [form] = Form.useForm<UserForm>();
  const { message } = App.useApp();
  const client = useQueryClient();
  const units = useUnits();
  const districts = useDistricts();
  const [error, setError] = useState<string | null>(null);
  const role = Form.useWatch('role', form);
  const save = useMutation({
    mutationFn: async (v: UserForm) => {
      if (user) {
        return adminApi.updateUser(user.id, {
          displayName: v.displayName,
          role: v.role,
          unitId: v.unitId ?? null,
          regionId: v.regionId ?? null,
          active: v.active,
          password: v.password || undefined,
        });
      }
      return adminApi.createUser({
        ...v,
        password: v.password ?? '',
        unitId: v.unitId ?? null,
        regionId: v.regionId ?? null,
      });
    },
    onSuccess: async () => {
      message.success('已保存');
      await client.invalidateQueries({ queryKey: ['admin', 'users'] });
      onClose();
    },
    onError: (err) =>
      setError(applyApiErrors(form, err, ['login', 'displayName', 'role', 'password', 'unitId', 'regionId'])),
  });
  return (
    <Modal
      open
      title={user ? `编辑用户 ${user.login}` : '新增用户'}
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
        initialValues={user ? { ...user } : { role: 'collector', active: true }}
      >
        <Form.Item name="login" label="账号" rules={[{ required: true, message: '请输入账号' }]}>
          <Input disabled={Boolean(user)} />
        </Form.Item>
        <Form.Item name="displayName" label="姓名" rules={[{ required: true, message: '请输入姓名' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="role" label="角色" rules={[{ required: true }]}>
          <Select options={roleOptions} />
        </Form.Item>
        {role === 'unit_staff' ? (
          <Form.Item
            name="unitId"
            label="所属处置单位"
            rules={[{ required: true, message: '处置单位人员须选择单位' }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
        ) : null}
        {role === 'leader' ? (
          <Form.Item name="regionId" label="分管区县（不选为全市）">
            <Select
              allowClear
              options={(districts.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item
          name="password"
          label={user ? '重置密码（不填则不变）' : '初始密码'}
          rules={user ? undefined : [{ required: true, message: '请设置初始密码' }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {user ? (
          <Form.Item name="active" label="启用" valuePropName="checked">
            <Switch />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
