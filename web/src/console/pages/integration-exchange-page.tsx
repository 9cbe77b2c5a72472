import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import {
  type ExchangeRun,
  type ExchangeSettings,
  integrationApi,
  useExchangeRuns,
  useExchangeSettings,
} from '../../modules/integration/integration-api';
import { byteSize, runStatusLabels, runTriggerLabels } from '../../modules/integration/labels';
import { applyApiErrors } from '../../platform/form-errors';
import { errorText } from '../../platform/http';
import { cityTime, dayjs, formatTime } from '../../platform/time';

/** 上级平台数据交换: where each month's data goes, and the log of every run (定时 and 手动). */
export default function IntegrationExchangePage() {
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState(false);
  const [month, setMonth] = useState(() => cityTime(new Date()).subtract(1, 'month').format('YYYY-MM'));
  const settings = useExchangeSettings();
  const runs = useExchangeRuns(paging);
  const client = useQueryClient();
  const { message } = App.useApp();
  const runNow = useMutation({
    mutationFn: integrationApi.runExchange,
    onSuccess: async (run) => {
      if (run.status === 'delivered') message.success(`${run.period} 数据已上报`);
      else message.error(`${run.period} 上报失败：${run.error ?? '未知错误'}`);
      await client.invalidateQueries({ queryKey: ['integration', 'exchange', 'runs'] });
    },
    onError: (error) => message.error(errorText(error)),
  });
  const target = settings.data;

  return (
    <div className="page">
      <Card title="上级平台对接" extra={<Button onClick={() => setEditing(true)}>修改设置</Button>}>
        {settings.error ? <Alert type="error" showIcon title={errorText(settings.error)} /> : null}
        {settings.isPending ? null : target ? (
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label="推送地址">{target.targetUrl ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="交换目录（相对交换根目录）">
              {target.targetDir ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label="每月自动上报">
              {target.active ? <Tag color="success">开启</Tag> : <Tag>关闭</Tag>}
            </Descriptions.Item>
          </Descriptions>
        ) : (
          <Alert type="info" showIcon title="尚未配置上级平台的推送地址或交换目录" />
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          每月 1 日（北京时间）起自动上报上月案卷记录（交换格式 CSV 与 JSON）和月度统计数据；失败 30
          分钟后重试，最多 5 次。
        </Typography.Paragraph>
      </Card>

      <Card
        title="上报记录"
        style={{ marginTop: 16 }}
        extra={
          <Space wrap>
            <DatePicker
              picker="month"
              allowClear={false}
              value={dayjs(`${month}-01`)}
              onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
            />
            <Button
              type="primary"
              loading={runNow.isPending}
              disabled={!target}
              onClick={() => runNow.mutate(month)}
            >
              立即上报
            </Button>
          </Space>
        }
      >
        {runs.error ? <Alert type="error" showIcon title={errorText(runs.error)} /> : null}
        <Table<ExchangeRun>
          rowKey="id"
          size="middle"
          loading={runs.isPending}
          dataSource={runs.data?.items ?? []}
          locale={{ emptyText: '暂无上报记录' }}
          scroll={{ x: 1100 }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: runs.data?.total ?? 0,
            showTotal: (t) => `共 ${t} 次`,
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
          columns={[
            { title: '数据月份', dataIndex: 'period', width: 100 },
            {
              title: '方式',
              dataIndex: 'trigger',
              width: 70,
              render: (t: ExchangeRun['trigger']) => runTriggerLabels[t],
            },
            {
              title: '状态',
              dataIndex: 'status',
              width: 90,
              render: (s: ExchangeRun['status']) => (
                <Tag color={runStatusLabels[s].color}>{runStatusLabels[s].text}</Tag>
              ),
            },
            { title: '尝试', dataIndex: 'attempts', width: 60, align: 'right' },
            { title: '案卷数', dataIndex: 'caseCount', width: 80, align: 'right', render: (n) => n ?? '—' },
            {
              title: '文件',
              dataIndex: 'files',
              render: (files: ExchangeRun['files']) =>
                files.length === 0
                  ? '—'
                  : files.map((f) => (
                      <div key={f.name}>
                        {f.name}（{byteSize(f.bytes)}）
                      </div>
                    )),
            },
            {
              title: '目标 / 错误',
              key: 'target',
              render: (_, row) => (
                <>
                  <div style={{ wordBreak: 'break-all' }}>{row.target ?? '—'}</div>
                  {row.error ? (
                    <Typography.Text type="danger" style={{ wordBreak: 'break-all' }}>
                      {row.error}
                    </Typography.Text>
                  ) : null}
                </>
              ),
            },
            { title: '开始', dataIndex: 'startedAt', width: 150, render: (v: string) => formatTime(v) },
            {
              title: '完成',
              dataIndex: 'finishedAt',
              width: 150,
              render: (v: string | null) => formatTime(v),
            },
          ]}
        />
      </Card>
      {editing ? <SettingsModal current={target ?? null} onClose={() => setEditing(false)} /> : null}
    </div>
  );
}

interface SettingsForm {
  targetUrl?: string;
  targetDir?: string;
  active: boolean;
}

function SettingsModal({ current, onClose }: { current: ExchangeSettings | null; onClose: () => void }) {
  const [form] = Form.useForm<SettingsForm>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: SettingsForm) =>
      integrationApi.saveExchangeSettings({
        targetUrl: v.targetUrl?.trim() || null,
        targetDir: v.targetDir?.trim() || null,
        active: v.active,
      }),
    onSuccess: async () => {
      message.success('已保存');
      await client.invalidateQueries({ queryKey: ['integration', 'exchange', 'settings'] });
      onClose();
    },
    onError: (err) => setError(applyApiErrors(form, err, ['targetUrl', 'targetDir', 'active'])),
  });
  return (
    <Modal
      open
      title="上级平台对接设置"
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      confirmLoading={save.isPending}
      onOk={() =>
        form.validateFields().then(
          (v) => {
            if (!v.targetUrl?.trim() && !v.targetDir?.trim()) {
              setError('推送地址和交换目录至少填写一项');
              return;
            }
            setError(null);
            save.mutate(v);
          },
          () => undefined,
        )
      }
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" /> : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          targetUrl: current?.targetUrl ?? '',
          targetDir: current?.targetDir ?? '',
          active: current?.active ?? true,
        }}
      >
        <Form.Item
          name="targetUrl"
          label="推送地址（multipart POST）"
          extra="只能是公网 http(s) 地址；内网地址须由服务器配置允许（CITYLOOP_WEBHOOK_ALLOW_HOSTS）"
          rules={[{ type: 'url', message: '请输入完整的 http(s) 地址' }]}
        >
          <Input maxLength={2000} placeholder="https://province.example.gov.cn/exchange" />
        </Form.Item>
        <Form.Item
          name="targetDir"
          label="交换目录（相对于服务器交换根目录）"
          extra="填写交换根目录（CITYLOOP_EXCHANGE_DIR）下的相对路径，不能以 / 开头或包含 ..；文件写入 交换根目录/该目录/城市代码/月份"
        >
          <Input maxLength={500} placeholder="province/outbox" />
        </Form.Item>
        <Form.Item name="active" label="每月自动上报" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
