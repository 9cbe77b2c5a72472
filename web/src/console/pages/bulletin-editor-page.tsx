import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Skeleton, Space, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { BulletinPreview } from '../../modules/bulletins/bulletin-preview';
import {
  bulletinWriterRoles,
  downloadBulletin,
  sections,
  useBulletinBlocks,
} from '../../modules/bulletins/bulletins-api';
import { SectionBlocks } from '../../modules/bulletins/section-blocks';
import type { CurrentUser } from '../../modules/session/session-api';
import { errorText } from '../../platform/http';
import { cityTime, dayjs } from '../../platform/time';

/**
 * 通报编辑: the month's bulletin text (工作动态, 区县来风, 队伍风采) written by the command hall,
 * previewed as the server renders it, and downloaded as Word or Excel.
 */
export default function BulletinEditorPage({ user }: { user: CurrentUser }) {
  const { message } = App.useApp();
  const [month, setMonth] = useState(() => cityTime(new Date()).subtract(1, 'month').format('YYYY-MM'));
  const [tab, setTab] = useState('edit');
  const [downloading, setDownloading] = useState<'docx' | 'xlsx' | null>(null);
  const blocks = useBulletinBlocks(month);
  const canWrite = bulletinWriterRoles.includes(user.role);
  const items = blocks.data?.items ?? [];
  const revision = useMemo(() => items.map((b) => `${b.id}:${b.version}`).join(','), [items]);
  const thisMonth = cityTime(new Date()).startOf('month');

  const download = async (format: 'docx' | 'xlsx') => {
    setDownloading(format);
    try {
      await downloadBulletin(month, format);
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setDownloading(null);
    }
  };

  return (
    <div className="page">
      <Card title="通报编辑">
        <Space wrap style={{ marginBottom: 12 }}>
          <DatePicker
            picker="month"
            allowClear={false}
            aria-label="通报月份"
            value={dayjs(`${month}-01`)}
            disabledDate={(d) => d.isAfter(thisMonth, 'month')}
            onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
          />
          <Button
            icon={<DownloadOutlined />}
            loading={downloading === 'docx'}
            onClick={() => download('docx')}
            data-testid="download-docx"
          >
            下载通报（Word）
          </Button>
          <Button
            icon={<DownloadOutlined />}
            loading={downloading === 'xlsx'}
            onClick={() => download('xlsx')}
            data-testid="download-xlsx"
          >
            下载报表（Excel）
          </Button>
        </Space>
        <Typography.Paragraph type="secondary">
          {dayjs(`${month}-01`).format('YYYY年M月')}
          简报的文字部分。统计数字、考核表和外包单位评价由系统按口径生成；
          {canWrite
            ? '在此撰写各栏目文字、调整顺序并配图，随后预览并下载。'
            : '您可查看与下载，修改请联系指挥中心。'}
        </Typography.Paragraph>
        {blocks.error ? <Alert type="error" showIcon title={errorText(blocks.error)} /> : null}
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'edit',
              label: '文字与照片',
              children: blocks.isPending ? (
                <Skeleton active />
              ) : (
                sections.map((section) => (
                  <SectionBlocks
                    key={section}
                    month={month}
                    section={section}
                    canWrite={canWrite}
                    blocks={items.filter((b) => b.section === section)}
                  />
                ))
              ),
            },
            {
              key: 'preview',
              label: '通报预览',
              children: tab === 'preview' ? <BulletinPreview month={month} revision={revision} /> : null,
            },
          ]}
        />
      </Card>
    </div>
  );
}
