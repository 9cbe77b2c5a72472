import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Input, Space, Spin, Tag, Typography } from 'antd';
import { Fragment, type ReactNode, useState } from 'react';
import { errorText } from '../../platform/http';
import type { Article } from './hotline-api';
import './hotline.css';
import { useKnowledgeSearch } from './hotline-hooks';

/** Wraps every searched token found in `text` in <mark>. */
function highlight(text: string, tokens: readonly string[]): ReactNode {
  const words = [...new Set(tokens.filter((t) => t.trim().length > 0))].sort((a, b) => b.length - a.length);
  if (words.length === 0) return text;
  const pattern = new RegExp(
    `(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`,
    'g',
  );
  return text.split(pattern).map((part, i) =>
    words.includes(part) ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one fixed string
      <mark key={i}>{part}</mark>
    ) : (
      // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one fixed string
      <Fragment key={i}>{part}</Fragment>
    ),
  );
}

/**
 * 知识库: search as you type (Chinese word segmentation on the server, articles valid today),
 * each answer with a button that hands it to the caller's reply.
 */
export function KnowledgePanel({
  onUse,
  usedId,
  compact,
}: {
  onUse?: (article: Article) => void;
  usedId?: string;
  compact?: boolean;
}) {
  const [words, setWords] = useState('');
  const search = useKnowledgeSearch(words);
  const items = search.data?.items ?? [];
  const tokens = search.data?.tokens ?? [];
  const searching = words.trim().length > 0;

  return (
    <Card
      size="small"
      title="知识库"
      className="knowledge-panel"
      extra={search.isFetching ? <Spin size="small" /> : null}
      data-testid="knowledge-panel"
    >
      <Input
        allowClear
        prefix={<SearchOutlined />}
        placeholder="输入关键词检索，如：停水、垃圾清运"
        value={words}
        onChange={(e) => setWords(e.target.value)}
        aria-label="知识库检索"
        data-testid="knowledge-search"
      />
      {search.error ? (
        <Alert type="error" showIcon title={errorText(search.error)} style={{ marginTop: 8 }} />
      ) : null}
      <div className={compact ? 'knowledge-results knowledge-results--compact' : 'knowledge-results'}>
        {!searching ? (
          <Typography.Paragraph type="secondary" className="hint">
            边听边检索：输入来电人反映的关键词，匹配的答复口径显示在此处，可直接引用答复。
          </Typography.Paragraph>
        ) : search.isPending ? (
          <Spin style={{ display: 'block', margin: '16px auto' }} />
        ) : items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有匹配的知识库条目" />
        ) : (
          <Space orientation="vertical" size={8} style={{ width: '100%' }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              找到 {search.data?.total ?? items.length} 条
            </Typography.Text>
            {items.map((article) => (
              <div
                key={article.id}
                className={`knowledge-item${usedId === article.id ? ' knowledge-item--used' : ''}`}
                data-testid="knowledge-item"
              >
                <Typography.Text strong>{highlight(article.title, tokens)}</Typography.Text>
                <Typography.Paragraph
                  style={{ margin: '4px 0', fontSize: 13 }}
                  ellipsis={{ rows: 4, expandable: true, symbol: '展开' }}
                >
                  {highlight(article.body, tokens)}
                </Typography.Paragraph>
                <Space wrap size={4}>
                  {article.unitName ? <Tag color="blue">{article.unitName}</Tag> : null}
                  {article.tags.map((t) => (
                    <Tag key={t}>{t}</Tag>
                  ))}
                  {onUse ? (
                    <Button
                      size="small"
                      type={usedId === article.id ? 'default' : 'primary'}
                      ghost={usedId !== article.id}
                      onClick={() => onUse(article)}
                      data-testid="use-article"
                    >
                      {usedId === article.id ? '已引用' : '引用答复'}
                    </Button>
                  ) : null}
                </Space>
              </div>
            ))}
          </Space>
        )}
      </div>
    </Card>
  );
}
