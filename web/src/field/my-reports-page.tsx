import { Alert, Button, Card, Empty, List, Popconfirm, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useCaseList } from '../modules/cases/case-hooks';
import { discardReport, flushOutbox } from '../modules/field-report/outbox';
import { useOnline, useOutbox } from '../modules/field-report/use-outbox';
import { errorText } from '../platform/http';
import { formatTime } from '../platform/time';
import { StatusTag } from '../ui/status-tags';

/** 我的上报: what is still waiting on the phone, then the cases with their status. */
export function MyReportsPage() {
  const navigate = useNavigate();
  const outbox = useOutbox();
  const online = useOnline();
  const [pageSize, setPageSize] = useState(20);
  const list = useCaseList({ queue: 'all', pageSize }, { refetchInterval: 60_000 });

  return (
    <div className="field-page">
      {outbox.length > 0 ? (
        <Card
          size="small"
          title={`待发送（${outbox.length}）`}
          extra={
            <Button size="small" disabled={!online} onClick={() => void flushOutbox(true)}>
              立即发送
            </Button>
          }
          data-testid="outbox-list"
          style={{ marginBottom: 12 }}
        >
          <List
            dataSource={outbox}
            renderItem={(item) => (
              <List.Item
                actions={
                  item.failed
                    ? [
                        <Popconfirm
                          key="del"
                          title="删除这条未能发送的上报？"
                          onConfirm={() => void discardReport(item.key)}
                        >
                          <Button size="small" danger>
                            删除
                          </Button>
                        </Popconfirm>,
                      ]
                    : undefined
                }
              >
                <List.Item.Meta
                  title={
                    <span>
                      {item.categoryName}{' '}
                      {item.failed ? (
                        <Tag color="error">发送失败</Tag>
                      ) : (
                        <Tag color="processing">等待发送</Tag>
                      )}
                    </span>
                  }
                  description={
                    <>
                      <div className="field-ellipsis">{item.input.description}</div>
                      <div>
                        {formatTime(item.createdAt)} · 照片 {item.photos.length} 张
                        {item.caseNo ? ` · 已建案 ${item.caseNo}，照片上传中` : ''}
                      </div>
                      {item.lastError ? (
                        <Typography.Text type="danger">{item.lastError}</Typography.Text>
                      ) : null}
                    </>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
      ) : null}
      {list.error ? <Alert type="error" showIcon title={errorText(list.error)} /> : null}
      {list.isPending ? (
        <Skeleton active />
      ) : (list.data?.items.length ?? 0) === 0 ? (
        <Empty description="还没有上报记录" style={{ marginTop: 32 }} />
      ) : (
        <>
          <List
            dataSource={list.data?.items ?? []}
            data-testid="my-reports"
            renderItem={(item) => (
              <List.Item onClick={() => navigate(`/cases/${item.id}`)} className="field-list-item">
                <List.Item.Meta
                  title={
                    <span>
                      {item.categoryName} <StatusTag status={item.status} />
                    </span>
                  }
                  description={
                    <>
                      <div className="field-ellipsis">{item.description}</div>
                      <div>
                        {item.caseNo} · {formatTime(item.reportedAt)}
                      </div>
                    </>
                  }
                />
              </List.Item>
            )}
          />
          {(list.data?.total ?? 0) > pageSize ? (
            <Button block onClick={() => setPageSize((n) => Math.min(200, n + 20))} loading={list.isFetching}>
              加载更多
            </Button>
          ) : null}
        </>
      )}
    </div>
  );
}
