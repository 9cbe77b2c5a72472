import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  CameraOutlined,
  DeleteOutlined,
  EditOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Image, Popconfirm, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { errorText } from '../../platform/http';
import { formatTime } from '../../platform/time';
import { BlockFormModal } from './block-form-modal';
import { type BlockSection, type BulletinBlock, bulletinsApi, sectionLabels } from './bulletins-api';
import { PhotoUploadModal } from './photo-upload-modal';

const blockStyle = { border: '1px solid #f0f0f0', borderRadius: 4, padding: '8px 12px' } as const;
const headStyle = {
  display: 'flex',
  flexWrap: 'wrap',
  gap: 8,
  alignItems: 'center',
  justifyContent: 'space-between',
} as const;
const figureStyle = { margin: 0, width: 112 } as const;
const captionStyle = {
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'space-between',
  fontSize: 12,
  color: '#555',
} as const;

/** One section of the bulletin's text (工作动态, 区县来风, 队伍风采): its blocks in print order. */
export function SectionBlocks({
  month,
  section,
  blocks,
  canWrite,
}: {
  month: string;
  section: BlockSection;
  blocks: BulletinBlock[];
  canWrite: boolean;
}) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [editing, setEditing] = useState<BulletinBlock | 'new' | null>(null);
  const [photoFor, setPhotoFor] = useState<BulletinBlock | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: ['bulletins', month] });
  const onError = async (err: unknown) => {
    message.error(errorText(err));
    await refresh();
  };

  const reorder = useMutation({
    mutationFn: (ids: string[]) => bulletinsApi.reorder(month, section, ids),
    onSuccess: async () => {
      message.success('已调整顺序');
      await refresh();
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: (id: string) => bulletinsApi.remove(id),
    onSuccess: async () => {
      message.success('已删除');
      await refresh();
    },
    onError,
  });
  const removePhoto = useMutation({
    mutationFn: (v: { id: string; sha256: string }) => bulletinsApi.removePhoto(v.id, v.sha256),
    onSuccess: async () => {
      message.success('已移除照片');
      await refresh();
    },
    onError,
  });

  const move = (index: number, delta: -1 | 1) => {
    const ids = blocks.map((b) => b.id);
    const [id] = ids.splice(index, 1);
    if (!id) return;
    ids.splice(index + delta, 0, id);
    reorder.mutate(ids);
  };
  const busy = reorder.isPending || remove.isPending;

  return (
    <Card
      size="small"
      title={sectionLabels[section]}
      data-testid={`section-${section}`}
      extra={
        canWrite ? (
          <Button
            type="primary"
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid={`add-block-${section}`}
          >
            添加文字
          </Button>
        ) : null
      }
      style={{ marginBottom: 12 }}
    >
      {blocks.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`本月还没有${sectionLabels[section]}`} />
      ) : (
        <Space direction="vertical" size={10} style={{ width: '100%' }}>
          {blocks.map((block, index) => (
            <div key={block.id} style={blockStyle} data-testid="block-item">
              <div style={headStyle}>
                <Typography.Text strong>{block.title || '（无标题）'}</Typography.Text>
                {canWrite ? (
                  <Space size={4} wrap>
                    <Tooltip title="上移">
                      <Button
                        size="small"
                        icon={<ArrowUpOutlined />}
                        aria-label="上移"
                        disabled={index === 0 || busy}
                        onClick={() => move(index, -1)}
                      />
                    </Tooltip>
                    <Tooltip title="下移">
                      <Button
                        size="small"
                        icon={<ArrowDownOutlined />}
                        aria-label="下移"
                        disabled={index === blocks.length - 1 || busy}
                        onClick={() => move(index, 1)}
                      />
                    </Tooltip>
                    <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(block)}>
                      编辑
                    </Button>
                    <Button
                      size="small"
                      icon={<CameraOutlined />}
                      disabled={block.photos.length >= 9}
                      onClick={() => setPhotoFor(block)}
                    >
                      添加照片
                    </Button>
                    <Popconfirm
                      title="删除这段文字？"
                      description="删除后不可恢复，其照片也将不再出现在通报中"
                      okText="删除"
                      cancelText="取消"
                      okButtonProps={{ danger: true }}
                      onConfirm={() => remove.mutate(block.id)}
                    >
                      <Button size="small" danger icon={<DeleteOutlined />} disabled={busy}>
                        删除
                      </Button>
                    </Popconfirm>
                  </Space>
                ) : null}
              </div>
              <Typography.Paragraph
                ellipsis={{ rows: 3, expandable: true, symbol: '展开' }}
                style={{ whiteSpace: 'pre-line', margin: '6px 0' }}
              >
                {block.body}
              </Typography.Paragraph>
              {block.photos.length ? (
                <Image.PreviewGroup>
                  <Space wrap size={8}>
                    {block.photos.map((photo) => (
                      <figure key={photo.sha256} style={figureStyle}>
                        <Image
                          width={112}
                          height={84}
                          style={{ objectFit: 'cover' }}
                          src={bulletinsApi.photoUrl(block.id, photo.sha256)}
                          alt={photo.caption || '照片'}
                        />
                        <figcaption style={captionStyle}>
                          <span>{photo.caption || '（无说明）'}</span>
                          {canWrite ? (
                            <Popconfirm
                              title="移除这张照片？"
                              okText="移除"
                              cancelText="取消"
                              onConfirm={() => removePhoto.mutate({ id: block.id, sha256: photo.sha256 })}
                            >
                              <Button
                                type="link"
                                size="small"
                                danger
                                icon={<DeleteOutlined />}
                                aria-label="移除照片"
                              />
                            </Popconfirm>
                          ) : null}
                        </figcaption>
                      </figure>
                    ))}
                  </Space>
                </Image.PreviewGroup>
              ) : null}
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
                {block.byline ? `供稿：${block.byline} · ` : ''}更新于 {formatTime(block.updatedAt)}
              </Typography.Text>
            </div>
          ))}
        </Space>
      )}
      {editing ? (
        <BlockFormModal
          month={month}
          section={section}
          block={editing === 'new' ? null : editing}
          nextSeq={blocks.reduce((max, b) => Math.max(max, b.seq), 0) + 1}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {photoFor ? (
        <PhotoUploadModal month={month} block={photoFor} onClose={() => setPhotoFor(null)} />
      ) : null}
    </Card>
  );
}
