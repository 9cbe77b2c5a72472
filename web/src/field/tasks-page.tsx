import { Alert, Empty, List, Segmented, Skeleton, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useCaseList } from '../modules/cases/case-hooks';
import { errorText } from '../platform/http';
import { countdownText } from '../platform/time';
import { LightDot, StatusTag } from '../ui/status-tags';

/** 核实 and 核查 tasks sent to this collector. */
export function TasksPage() {
  const [queue, setQueue] = useState<'to_verify' | 'to_check'>('to_verify');
  const navigate = useNavigate();
  const list = useCaseList({ queue, pageSize: 50 }, { refetchInterval: 60_000 });
  // A collector's list holds what they reported too; a task is one in the 核实/核查 state itself.
  const items = (list.data?.items ?? []).filter((c) =>
    queue === 'to_verify' ? c.status === 'verifying' : c.status === 'checking',
  );
  return (
    <div className="field-page">
      <Segmented
        block
        value={queue}
        onChange={(v) => setQueue(v as typeof queue)}
        options={[
          { value: 'to_verify', label: '核实任务' },
          { value: 'to_check', label: '核查任务' },
        ]}
      />
      {list.error ? (
        <Alert type="error" showIcon title={errorText(list.error)} style={{ marginTop: 12 }} />
      ) : null}
      {list.isPending ? (
        <Skeleton active style={{ marginTop: 12 }} />
      ) : items.length === 0 ? (
        <Empty
          description={queue === 'to_verify' ? '暂无核实任务' : '暂无核查任务'}
          style={{ marginTop: 32 }}
        />
      ) : (
        <List
          style={{ marginTop: 12 }}
          dataSource={items}
          renderItem={(item) => (
            <List.Item
              onClick={() => navigate(`/cases/${item.id}`)}
              className="field-list-item"
              data-testid="task-item"
            >
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
                      {item.caseNo} · <LightDot light={item.light} />
                      {item.stageDeadlineAt ? (
                        <Tag style={{ marginLeft: 6 }}>{countdownText(item.stageDeadlineAt)}</Tag>
                      ) : null}
                    </div>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
