import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import {
  type ApiKeyRow,
  type IssuedKey,
  integrationApi,
  useApiKeys,
} from '../../modules/integration/integration-api';
import { ShownOnceModal } from '../../modules/integration/shown-once';
import { applyApiErrors } from '../../platform/form-errors';
import { errorText } from '../../platform/http';
import { formatTime } from '../../platform/time';

/** Open311 API 密钥: issue (shown once), see the per-minute budget and last use, revoke. */
export default function IntegrationKeysPage() {
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [issuing, setIssuing] = useState(false);
  const [issued, setIssued] = useState<IssuedKey | null>(null);
  const keys = useApiKeys(paging);
  const client = useQueryClient();
  const { message } = App.useApp();
  const revoke = useMutation({
    mutationFn: integrationApi.revokeKey,
    onSuccess: async () => {
      message.success('密钥已吊销，使用它的调用将被拒绝（403）');
      await client.invalidateQueries({ queryKey: ['integration', 'keys'] });
    },
    onError: (error) => message.error(errorText(error)),
  });

  return (
    <div className="page">
      <Card
        title="Open311 API 密钥"
        extra={
          <Button type="primary" onClick={() => setIssuing(true)}>
            发放密钥
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">
          第三方应用（如 FixMyStreet、政务 App）通过 Open311 GeoReport v2 接口
          <Typography.Text code>/open311/v2</Typography.Text>
          提交诉求和评论时须携带密钥；服务器只保存密钥摘要，每个密钥按分钟限流，超出返回 429。
        </Typography.Paragraph>
        {keys.error ? <Alert type="error" showIcon title={errorText(keys.error)} /> : null}
        <Table<ApiKeyRow>
          rowKey="id"
          size="middle"
          loading={keys.isPending}
          dataSource={keys.data?.items ?? []}
          locale={{ emptyText: '尚未发放密钥' }}
          scroll={{ x: 860 }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: keys.data?.total ?? 0,
            showTotal: (t) => `共 ${t} 个`,
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
          columns={[
            { title: '名称', dataIndex: 'name' },
            {
              title: '密钥前缀',
              dataIndex: 'keyPrefix',
              width: 120,
              render: (p: string) => <Typography.Text code>{p}…</Typography.Text>,
            },
            {
              title: '限流',
              dataIndex: 'perMinute',
              width: 120,
              render: (n: number) => `每分钟 ${n} 次`,
            },
            { title: '发放时间', dataIndex: 'createdAt', width: 150, render: (v: string) => formatTime(v) },
            {
              title: '最近使用',
              dataIndex: 'lastUsedAt',
              width: 150,
              render: (v: string | null) => formatTime(v),
            },
            {
              title: '状态',
              dataIndex: 'revokedAt',
              width: 170,
              render: (v: string | null) =>
                v ? (
                  <Tag key="revoked" color="default">
                    已吊销 {formatTime(v)}
                  </Tag>
                ) : (
                  <Tag key="active" color="success">
                    有效
                  </Tag>
                ),
            },
            {
              title: '操作',
              key: 'op',
              width: 90,
              fixed: 'right',
              render: (_, row) =>
                row.revokedAt ? null : (
                  <Popconfirm
                    title={`吊销密钥「${row.name}」？`}
                    description="吊销后立即失效，不可恢复"
                    okText="吊销"
                    okButtonProps={{ danger: true }}
                    cancelText="取消"
                    onConfirm={() => revoke.mutateAsync(row.id).catch(() => undefined)}
                  >
                    <Button size="small" danger>
                      吊销
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
      {issuing ? (
        <IssueKeyModal
          onClose={() => setIssuing(false)}
          onIssued={(k) => {
            setIssuing(false);
            setIssued(k);
          }}
        />
      ) : null}
      {issued ? (
        <ShownOnceModal
          title={`已发放密钥「${issued.name}」`}
          label="API 密钥（api_key）"
          secret={issued.key}
          testId="issued-api-key"
          onClose={() => setIssued(null)}
        />
      ) : null}
    </div>
  );
}

interface KeyForm {
  name: string;
  perMinute: number;
}

function IssueKeyModal({ onClose, onIssued }: { onClose: () => void; onIssued: (k: IssuedKey) => void }) {
  const [form] = Form.useForm<KeyForm>();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const issue = useMutation({
    mutationFn: integrationApi.issueKey,
    onSuccess: async (k) => {
      await client.invalidateQueries({ queryKey: ['integration', 'keys'] });
      onIssued(k);
    },
    onError: (err) => setError(applyApiErrors(form, err, ['name', 'perMinute'])),
  });
  return (
    <Modal
      open
      title="发放 API 密钥"
      okText="发放"
      cancelText="取消"
      onCancel={onClose}
      confirmLoading={issue.isPending}
      onOk={() =>
        form.validateFields().then(
          (v) => issue.mutate(v),
          () => undefined,
        )
      }
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" /> : null}
      <Form form={form} layout="vertical" initialValues={{ perMinute: 60 }}>
        <Form.Item
          name="name"
          label="使用方名称"
          rules={[{ required: true, whitespace: true, message: '请输入使用方名称' }]}
        >
          <Input maxLength={100} placeholder="如：FixMyStreet 攀枝花" />
        </Form.Item>
        <Form.Item
          name="perMinute"
          label="每分钟调用上限"
          rules={[{ required: true, message: '请输入调用上限' }]}
        >
          <InputNumber min={1} max={10000} precision={0} style={{ width: 160 }} suffix="次/分钟" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
