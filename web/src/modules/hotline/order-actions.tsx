import {
  type HotlineAction,
  hotlineActionLabels,
  type Satisfaction,
  satisfactionLabels,
} from '@cityloop/contracts/hotline';
import { Alert, App, Button, DatePicker, Descriptions, Form, Input, Modal, Radio, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorText } from '../../platform/http';
import { CITY_TZ, dayjs, formatTime } from '../../platform/time';
import { type ActionInput, hotlineApi, type OrderDetail, type OrderListItem } from './hotline-api';
import { useOrderAction } from './hotline-hooks';
import { KnowledgePanel } from './knowledge-panel';
import { supervisionLabels } from './order-tags';
import { TimeLimitHint } from './time-limit-hint';
import { UnitPicker } from './unit-picker';

/** The words the console uses for an action (办结 is the unit's 办结回复). */
const actionLabels: Record<HotlineAction, string> = {
  ...hotlineActionLabels,
  reply: '办结回复',
  progress_call: '进展回复',
};

const dangerous = new Set<HotlineAction>(['return', 'deny_extension', 'archive', 'merge']);

/** Actions whose note is required by the workflow, with what the note is called. */
const noteRules: Partial<Record<HotlineAction, { label: string; required: boolean }>> = {
  return: { label: '退单原因', required: true },
  request_extension: { label: '延期理由', required: true },
  deny_extension: { label: '驳回理由', required: true },
  archive: { label: '未回访归档原因', required: true },
  progress_call: { label: '向来电人通报的进展', required: true },
  callback: { label: '回访记录', required: false },
  urge: { label: '催办意见', required: false },
  supervise: { label: '督办意见', required: false },
  transfer: { label: '转办意见', required: false },
  reply: { label: '备注', required: false },
};

interface ActionFields {
  note?: string;
  replyText?: string;
  leadUnitId?: string;
  coUnitIds?: string[];
  deadlineAt?: Dayjs;
  extendTo?: Dayjs;
  unitSatisfaction?: Satisfaction;
  agentSatisfaction?: Satisfaction;
  resolved?: boolean;
  supervision?: 'normal' | 'yellow' | 'red';
  masterNo?: string;
}

/** The buttons for exactly the actions the API allows this user now, each with its form. */
export function OrderActions({
  detail,
  onDone,
}: {
  detail: OrderDetail;
  onDone?: (hidden: boolean) => void;
}) {
  const [active, setActive] = useState<HotlineAction | null>(null);
  if (detail.allowedActions.length === 0) {
    return <Alert type="info" showIcon title="当前环节您无可执行的操作" />;
  }
  return (
    <>
      <Space wrap>
        {detail.allowedActions.map((action) => (
          <Button
            key={action}
            type={dangerous.has(action) ? 'default' : 'primary'}
            danger={dangerous.has(action)}
            onClick={() => setActive(action)}
            data-action={action}
          >
            {actionLabels[action]}
          </Button>
        ))}
      </Space>
      {active ? (
        <OrderActionModal
          key={active}
          action={active}
          order={detail}
          onClose={() => setActive(null)}
          onDone={(hidden) => {
            setActive(null);
            onDone?.(hidden);
          }}
        />
      ) : null}
    </>
  );
}

const satisfactionOptions = Object.entries(satisfactionLabels).map(([value, label]) => ({ value, label }));

/** One action's form; the server decides, and its Chinese refusal is shown in the dialog. */
export function OrderActionModal({
  action,
  order,
  onClose,
  onDone,
}: {
  action: HotlineAction;
  order: OrderListItem;
  onClose: () => void;
  onDone: (hidden: boolean) => void;
}) {
  const [form] = Form.useForm<ActionFields>();
  const { message } = App.useApp();
  const mutation = useOrderAction();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [articleId, setArticleId] = useState<string | undefined>();
  const leadUnitId = Form.useWatch('leadUnitId', form);
  const label = actionLabels[action];
  const note = noteRules[action];

  const submit = async () => {
    let values: ActionFields;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const input: ActionInput = {
        action: action as ActionInput['action'],
        version: order.version,
        note: values.note?.trim() || undefined,
        replyText: values.replyText?.trim() || undefined,
        articleId: action === 'answer' ? articleId : undefined,
        leadUnitId: values.leadUnitId,
        coUnitIds: values.coUnitIds?.length ? values.coUnitIds : undefined,
        deadlineAt: values.deadlineAt?.toISOString(),
        extendTo: values.extendTo?.toISOString(),
        unitSatisfaction: values.unitSatisfaction,
        agentSatisfaction: values.agentSatisfaction,
        resolved: action === 'callback' && order.status === 'answered' ? values.resolved : undefined,
        supervision: values.supervision,
      };
      if (action === 'merge' && values.masterNo) {
        const found = await hotlineApi.list({ orderNo: values.masterNo.trim(), pageSize: 1 });
        const master = found.items[0];
        if (!master) {
          form.setFields([{ name: 'masterNo', errors: ['没有这个工单号'] }]);
          return;
        }
        input.masterId = master.id;
      }
      const result = await mutation.mutateAsync({ id: order.id, input });
      message.success(`${label}成功`);
      onDone('visible' in result && result.visible === false);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={`${label} · ${order.orderNo}`}
      okText={`确认${label}`}
      cancelText="取消"
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      width={action === 'answer' ? 820 : 600}
      okButtonProps={{ danger: dangerous.has(action) }}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" /> : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ supervision: 'normal', resolved: true }}
        data-testid="action-form"
      >
        {action === 'answer' ? (
          <>
            <div style={{ marginBottom: 12 }}>
              <KnowledgePanel
                compact
                usedId={articleId}
                onUse={(a) => {
                  setArticleId(a.id);
                  form.setFieldsValue({ replyText: a.body });
                }}
              />
            </div>
            <Form.Item
              name="replyText"
              label="答复内容"
              rules={[{ required: true, whitespace: true, message: '请填写答复来电人的内容' }]}
            >
              <Input.TextArea rows={4} maxLength={4000} showCount />
            </Form.Item>
          </>
        ) : null}
        {action === 'reply' ? (
          <Form.Item
            name="replyText"
            label="办理结果"
            rules={[{ required: true, whitespace: true, message: '请填写办理结果（将由坐席回访来电人）' }]}
          >
            <Input.TextArea
              rows={4}
              maxLength={4000}
              showCount
              placeholder="办理过程、结果和对来电人的答复"
            />
          </Form.Item>
        ) : null}
        {action === 'transfer' ? (
          <>
            <Form.Item
              name="leadUnitId"
              label="主办单位"
              rules={[{ required: true, message: '请选择主办单位' }]}
            >
              <UnitPicker />
            </Form.Item>
            <Form.Item name="coUnitIds" label="协办单位（可选）">
              <UnitPicker multiple exclude={leadUnitId ? [leadUnitId] : []} />
            </Form.Item>
            <TimeLimitHint appealType={order.appealType ?? undefined} emergency={Boolean(order.emergency)} />
            <Form.Item name="deadlineAt" label="指定办理时限（可选）">
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
                disabledDate={(d) => d.isBefore(dayjs().tz(CITY_TZ).startOf('day'))}
              />
            </Form.Item>
          </>
        ) : null}
        {action === 'request_extension' ? (
          <>
            <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
              <Descriptions.Item label="当前办理时限">{formatTime(order.deadlineAt)}</Descriptions.Item>
            </Descriptions>
            <Form.Item
              name="extendTo"
              label="申请延期至"
              rules={[
                { required: true, message: '请选择延期后的时限' },
                {
                  validator: async (_, value?: Dayjs) => {
                    if (value && order.deadlineAt && !value.isAfter(dayjs(order.deadlineAt))) {
                      throw new Error('延期后的时限须晚于当前办理时限');
                    }
                  },
                },
              ]}
            >
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
              />
            </Form.Item>
          </>
        ) : null}
        {action === 'approve_extension' || action === 'deny_extension' ? (
          <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
            <Descriptions.Item label="当前办理时限">{formatTime(order.deadlineAt)}</Descriptions.Item>
            <Descriptions.Item label="申请延期至">
              {formatTime(order.pendingExtensionUntil)}
            </Descriptions.Item>
          </Descriptions>
        ) : null}
        {action === 'callback' ? <CallbackFields order={order} /> : null}
        {action === 'supervise' ? (
          <Form.Item name="supervision" label="督办级别">
            <Radio.Group
              options={Object.entries(supervisionLabels).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
        ) : null}
        {action === 'merge' ? (
          <Form.Item
            name="masterNo"
            label="主工单号（本工单与之重复）"
            rules={[{ required: true, whitespace: true, message: '请输入主工单号' }]}
          >
            <Input placeholder="如 RX2019070900001" maxLength={30} />
          </Form.Item>
        ) : null}
        {action === 'convert' ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title="按诉求事项对应的城管类别上报为数字城管案件（须为城管类事项且已标注位置）；案件结案后工单自动办结"
          />
        ) : null}
        {action === 'sign' ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={`签收后开始办理，办理时限 ${formatTime(order.deadlineAt)}`}
          />
        ) : null}
        {note || !['answer', 'sign', 'convert', 'merge'].includes(action) ? (
          <Form.Item
            name="note"
            label={note?.label ?? '意见'}
            rules={
              note?.required
                ? [{ required: true, whitespace: true, message: `请填写${note.label}` }]
                : undefined
            }
          >
            <Input.TextArea rows={3} maxLength={4000} showCount />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

/** 回访: how the caller judges the handling (and the agent), and whether a direct answer solved it. */
function CallbackFields({ order }: { order: OrderListItem }) {
  return (
    <>
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label={order.status === 'replied' ? '办理结果' : '答复内容'}>
          {(order.status === 'replied' ? order.replyText : order.answerText) ?? '—'}
        </Descriptions.Item>
        {order.leadUnitName ? (
          <Descriptions.Item label="承办单位">{order.leadUnitName}</Descriptions.Item>
        ) : null}
      </Descriptions>
      {order.status === 'replied' ? (
        <Form.Item
          name="unitSatisfaction"
          label="对承办单位办理的满意度"
          rules={[{ required: true, message: '请选择来电人对承办单位的评价' }]}
          extra="不满意将退回原承办单位重新办理（重办）"
        >
          <Radio.Group options={satisfactionOptions} optionType="button" />
        </Form.Item>
      ) : (
        <Form.Item name="resolved" label="问题是否解决" extra="未解决的将回到待处理，需转办">
          <Radio.Group
            options={[
              { value: true, label: '已解决' },
              { value: false, label: '未解决' },
            ]}
          />
        </Form.Item>
      )}
      <Form.Item
        name="agentSatisfaction"
        label="对坐席服务的满意度"
        rules={[{ required: true, message: '请选择来电人对坐席服务的评价' }]}
      >
        <Radio.Group options={satisfactionOptions} optionType="button" />
      </Form.Item>
    </>
  );
}
