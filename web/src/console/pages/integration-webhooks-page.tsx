import { webhookEventTypeSchema } from '@cityloop/contracts/open311';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import {
  type CreatedSubscription,
  integrationApi,
  type Subscription,
  useSubscriptions,
} from '../../modules/integration/integration-api';
import { eventTypeLabels } from '../../modules/integration/labels';
import { ShownOnceModal } from '../../modules/integration/shown-once';
import { applyApiErrors } from '../../platform/form-errors';
import { errorText } from '../../platform/http';
import { formatTime } from '../../platform/time';

const eventOptions = webhookEventTypeSchema.options.map((t) => ({ value: t, label: eventTypeLabels[t] }));

/** Webhook 订阅: who is told about which case events; add (signing secret shown once), disable. */
export default function IntegrationWebhooksPage() {
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<CreatedSubscription | null>(null);
  const subscriptions = useSubscriptions(paging);
  const client = useQueryClient();
  const { message } = App.useApp();
  const disable = useMutation({
    mutationFn: integrationApi.unsubscribe,
    onSuccess: async () => {
      message.success('订阅已停用');
      await client.invalidateQueries({ queryKey: ['integration', 'webhooks'] });
    },
    onError: (error) => message.error(errorText(error)),
  });

  return (
    <div className="page">
      <Card
        title="Webhook 订阅"
        extra={
          <Button type="primary" onClick={() => setAdding(true)}>
            新增订阅
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">
          案卷立案、派遣、处置、结案和超期时，向订阅地址推送带签名（Standard
          Webhooks）的事件；失败按退避间隔重试， 6 次仍失败转入死信。出于安全考虑，只允许公网 http(s) 地址。
        </Typography.Paragraph>
        {subscriptions.error ? <Alert type="error" showIcon title={errorText(subscriptions.error)} /> : null}
        <Table<Subscription>
          rowKey="id"
          size="middle"
          loading={subscriptions.isPending}
          dataSource={subscriptions.data?.items ?? []}
          locale={{ emptyText: '暂无订阅' }}
          scroll={{ x: 900 }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: subscriptions.data?.total ?? 0,
            showTotal: (t) => `共 ${t} 个`,
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
          columns={[
            { title: '名称', dataIndex: 'name', width: 160 },
            {
              title: '推送地址',
              dataIndex: 'url',
              render: (u: string) => <span style={{ wordBreak: 'break-all' }}>{u}</span>,
            },
            {
              title: '事件',
              dataIndex: 'eventTypes',
              render: (types: Subscription['eventTypes']) => (
                <Space size={[0, 4]} wrap>
                  {types.map((t) => (
                    <Tag key={t}>{eventTypeLabels[t] ?? t}</Tag>
                  ))}
                </Space>
              ),
            },
            {
              title: '状态',
              dataIndex: 'active',
              width: 80,
              render: (a: boolean) =>
                a ? (
                  <Tag key="active" color="success">
                    启用
                  </Tag>
                ) : (
                  <Tag key="disabled" color="default">
                    已停用
                  </Tag>
                ),
            },
            { title: '创建时间', dataIndex: 'createdAt', width: 150, render: (v: string) => formatTime(v) },
            {
              title: '操作',
              key: 'op',
              width: 90,
              fixed: 'right',
              render: (_, row) =>
                row.active ? (
                  <Popconfirm
                    title={`停用订阅「${row.name}」？`}
                    description="停用后不再推送，未送达的事件转入死信"
                    okText="停用"
                    okButtonProps={{ danger: true }}
                    cancelText="取消"
                    onConfirm={() => disable.mutateAsync(row.id).catch(() => undefined)}
                  >
                    <Button size="small" danger>
                      停用
                    </Button>
                  </Popconfirm>
                ) : null,
            },
          ]}
        />
      </Card>
      {adding ? (
        <SubscribeModal
          onClose={() => setAdding(false)}
          onCreated={(s) => {
            setAdding(false);
            setCreated(s);
          }}
        />
      ) : null}
      {created ? (
        <ShownOnceModal
          title={`已新增订阅「${created.name}」`}
          label="签名密钥（接收方用它校验 webhook-signature）"
          secret={created.secret}
          testId="webhook-secret"
          onClose={() => setCreated(null)}
        />
      ) : null}
    </div>
  );
}

interface SubscribeForm {
  name: string;
  url: string;
  eventTypes: Subscription['eventTypes'];
}

function SubscribeModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (s: CreatedSubscription) => void;
}) {
  const [form] = Form.useForm<SubscribeForm>();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const subscribe = useMutation({
    mutationFn: integrationApi.subscribe,
    onSuccess: async (s) => {
      await client.invalidateQueries({ queryKey: ['integration', 'webhooks'] });
      onCreated(s);
    },
    onError: (err) => setError(applyApiErrors(form, err, ['name', 'url', 'eventTypes'])),
  });
  return (
    <Modal
      open
      title="新增 Webhook 订阅"
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      confirmLoading={subscribe.isPending}
      onOk={() =>
        form.validateFields().then(
          (v) => {
            setError(null);
            subscribe.mutate(v);
          },
          () => undefined,
        )
      }
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" /> : null}
      <Form form={form} layout="vertical" initialValues={{ eventTypes: ['case.filed', 'case.closed'] }}>
        <Form.Item
          name="name"
          label="名称"
          rules={[{ required: true, whitespace: true, message: '请输入名称' }]}
        >
          <Input maxLength={100} placeholder="如：区城管平台" />
        </Form.Item>
        <Form.Item
          name="url"
          label="推送地址"
          rules={[
            { required: true, message: '请输入推送地址' },
            { type: 'url', message: '请输入完整的 http(s) 地址' },
          ]}
        >
          <Input maxLength={2000} placeholder="https://example.gov.cn/cityloop/webhook" />
        </Form.Item>
        <Form.Item
          name="eventTypes"
          label="推送事件"
          rules={[{ required: true, type: 'array', min: 1, message: '至少选择一种事件' }]}
        >
          <Checkbox.Group options={eventOptions} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
