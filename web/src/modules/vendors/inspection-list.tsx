import { CameraOutlined, DeleteOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Image, Popconfirm, Space, Table, Typography, Upload } from 'antd';
import { errorText } from '../../platform/http';
import { formatTime } from '../../platform/time';
import { type Indicator, type Inspection, indicatorValue, money, vendorsApi } from './vendors-api';

/** 本月考核记录: the findings behind the checklist, with their evidence; inspectors may add photos or withdraw one. */
export function InspectionList({
  contractId,
  month,
  inspections,
  indicators,
  canInspect,
  loading,
}: {
  contractId: string;
  month: string;
  inspections: Inspection[];
  indicators: Indicator[];
  canInspect: boolean;
  loading: boolean;
}) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: ['vendors', 'assessment', contractId, month] });
    await client.invalidateQueries({ queryKey: ['vendors', 'inspections', contractId, month] });
  };
  const remove = useMutation({
    mutationFn: (id: string) => vendorsApi.removeInspection(id),
    onSuccess: async () => {
      message.success('已撤销该考核记录，本月扣款已重新计算');
      await refresh();
    },
    onError: (err) => message.error(errorText(err)),
  });
  const addPhoto = useMutation({
    mutationFn: (v: { id: string; file: File }) => vendorsApi.addPhoto(v.id, v.file),
    onSuccess: async () => {
      message.success('照片已上传');
      await refresh();
    },
    onError: (err) => message.error(errorText(err)),
  });

  return (
    <Table<Inspection>
      size="small"
      rowKey="id"
      loading={loading}
      dataSource={inspections}
      pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 条` }}
      scroll={{ x: 900 }}
      locale={{ emptyText: '本月还没有考核记录' }}
      columns={[
        { title: '录入时间', dataIndex: 'at', width: 140, render: (at: string) => formatTime(at) },
        {
          title: '指标',
          dataIndex: 'indicatorCode',
          width: 150,
          render: (code: string) => `${code} ${byCode.get(code)?.name ?? ''}`,
        },
        {
          title: '发现',
          key: 'found',
          width: 150,
          render: (_, e) => {
            const indicator = byCode.get(e.indicatorCode);
            const parts = [];
            if (e.occurrences) parts.push(`${e.occurrences}次`);
            if (e.measured !== null) parts.push(`测得 ${indicatorValue(indicator, e.measured)}`);
            if (e.deduction !== null) parts.push(`另定扣款 ${money(e.deduction)}`);
            else if (e.occurrences && indicator?.moneyPerOccurrence)
              parts.push(`${money(e.occurrences * indicator.moneyPerOccurrence)}`);
            return parts.length ? parts.join('，') : '未发现问题';
          },
        },
        {
          title: '证据',
          key: 'evidence',
          render: (_, e) => (
            <>
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-line' }}>
                {e.evidence}
                {e.resultText ? (
                  <Typography.Text type="secondary">（结果：{e.resultText}）</Typography.Text>
                ) : null}
              </Typography.Paragraph>
              {e.photos.length ? (
                <Image.PreviewGroup>
                  <Space size={4} wrap style={{ marginTop: 4 }}>
                    {e.photos.map((p) => (
                      <Image
                        key={p.sha256}
                        width={64}
                        height={48}
                        style={{ objectFit: 'cover' }}
                        src={vendorsApi.photoUrl(e.id, p.sha256)}
                        alt="证据照片"
                      />
                    ))}
                  </Space>
                </Image.PreviewGroup>
              ) : null}
            </>
          ),
        },
        { title: '考核人员', dataIndex: 'inspector', width: 96, render: (v: string | null) => v ?? '—' },
        ...(canInspect
          ? [
              {
                title: '操作',
                key: 'op',
                width: 120,
                render: (_: unknown, e: Inspection) => (
                  <Space size={4} wrap>
                    <Upload
                      accept="image/jpeg,image/png,image/webp"
                      showUploadList={false}
                      disabled={e.photos.length >= 9}
                      beforeUpload={(file) => {
                        addPhoto.mutate({ id: e.id, file });
                        return false;
                      }}
                    >
                      <Button size="small" icon={<CameraOutlined />} aria-label="上传照片" />
                    </Upload>
                    <Popconfirm
                      title="撤销这条考核记录？"
                      description="用于纠正录入错误；撤销将记入审计日志"
                      okText="撤销"
                      cancelText="取消"
                      okButtonProps={{ danger: true }}
                      onConfirm={() => remove.mutate(e.id)}
                    >
                      <Button size="small" danger icon={<DeleteOutlined />}>
                        撤销
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
