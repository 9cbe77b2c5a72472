import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Skeleton, Space, Typography } from 'antd';
import { errorText } from '../../platform/http';
import { useBulletinPreview } from './bulletins-api';

/**
 * The month's bulletin as the server renders it for the web, in a sandboxed frame (the page is
 * self-contained: styles and photos inline, no scripts). `revision` changes whenever the text
 * does, so an edit is seen on the next look.
 */
export function BulletinPreview({ month, revision }: { month: string; revision: string }) {
  const html = useBulletinPreview(month, revision, true);
  return (
    <div>
      <Space style={{ marginBottom: 8 }} wrap>
        <Typography.Text type="secondary">
          与下载的 Word 通报内容一致；数字按统计口径实时计算。
        </Typography.Text>
        <Button
          size="small"
          icon={<ReloadOutlined />}
          onClick={() => html.refetch()}
          loading={html.isFetching}
        >
          刷新预览
        </Button>
      </Space>
      {html.error ? <Alert type="error" showIcon title={errorText(html.error)} /> : null}
      {html.isPending ? (
        <Skeleton active paragraph={{ rows: 12 }} />
      ) : html.data ? (
        <iframe
          title={`${month} 通报预览`}
          data-testid="bulletin-preview"
          sandbox=""
          srcDoc={html.data}
          style={{ width: '100%', height: '72vh', border: '1px solid #d9d9d9', background: '#fff' }}
        />
      ) : null}
    </div>
  );
}
