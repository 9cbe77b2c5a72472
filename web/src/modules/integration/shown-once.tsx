import { Alert, Modal, Typography } from 'antd';

/** A secret the server hands out once (API key, signing secret): copy it now or never. */
export function ShownOnceModal({
  title,
  label,
  secret,
  testId,
  onClose,
}: {
  title: string;
  label: string;
  secret: string;
  testId: string;
  onClose: () => void;
}) {
  return (
    <Modal
      open
      title={title}
      okText="我已妥善保存"
      onOk={onClose}
      onCancel={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      maskClosable={false}
    >
      <Alert
        type="warning"
        showIcon
        title="仅显示这一次"
        description="关闭后无法再次查看（服务器只保存其摘要），请立即复制并妥善保存；遗失后只能吊销并重新发放。"
        style={{ marginBottom: 12 }}
      />
      <Typography.Text type="secondary">{label}</Typography.Text>
      <Typography.Paragraph
        copyable={{ text: secret, tooltips: ['复制', '已复制'] }}
        style={{ marginTop: 4 }}
      >
        <code data-testid={testId} style={{ wordBreak: 'break-all' }}>
          {secret}
        </code>
      </Typography.Paragraph>
    </Modal>
  );
}
