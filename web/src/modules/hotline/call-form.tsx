import {
  type AppealType,
  appealTypeLabels,
  emergencyTypeLabels,
  hotlineChannelLabels,
  invalidReasonLabels,
} from '@cityloop/contracts/hotline';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { applyApiErrors } from '../../platform/form-errors';
import { errorText } from '../../platform/http';
import { CITY_TZ, dayjs } from '../../platform/time';
import {
  CallDone,
  type CallRecord,
  ConvertHint,
  LocationField,
  type Outcome,
  outcomeLabels,
  SubjectSelect,
} from './call-form-parts';
import type { ActionInput, Article, OrderDetail } from './hotline-api';
import { useOrderAction, useReceiveOrder, useSubjects } from './hotline-hooks';
import { KnowledgePanel } from './knowledge-panel';
import { TimeLimitHint } from './time-limit-hint';
import { UnitPicker } from './unit-picker';

/** Same rule as the server's callerPhoneSchema: a mobile number or a landline with area code. */
const PHONE_PATTERN = /^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$/;

interface CallFields {
  channel: string;
  callerName?: string;
  callerPhone?: string;
  confidential: boolean;
  valid: boolean;
  invalidReason?: string;
  appealType?: AppealType;
  subjectCode?: string;
  content?: string;
  address?: string;
  urgent: boolean;
  emergency?: string;
  outcome: Outcome;
  replyText?: string;
  leadUnitId?: string;
  coUnitIds?: string[];
  deadlineAt?: Dayjs;
  note?: string;
}

const initialValues: Partial<CallFields> = {
  channel: 'phone',
  confidential: false,
  valid: true,
  urgent: false,
  outcome: 'answer',
};

/**
 * 新来电: the call's facts on the left, the knowledge base on the right; the agent closes the
 * call with a direct answer, a transfer to a unit, a conversion into a case, or records it to
 * handle later. The order is recorded first (受理登记) and then moved, both by the API.
 */
export function CallForm({ onOpenOrder }: { onOpenOrder: (id: string) => void }) {
  const [form] = Form.useForm<CallFields>();
  const { message } = App.useApp();
  const receive = useReceiveOrder();
  const act = useOrderAction();
  const subjects = useSubjects();
  const [article, setArticle] = useState<Article | null>(null);
  const [point, setPoint] = useState<{ lng: number; lat: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<CallRecord | null>(null);
  const [busy, setBusy] = useState(false);
  const valid = Form.useWatch('valid', form) ?? true;
  const outcome = Form.useWatch('outcome', form) ?? 'answer';
  const appealType = Form.useWatch('appealType', form);
  const subjectCode = Form.useWatch('subjectCode', form);
  const leadUnitId = Form.useWatch('leadUnitId', form);
  const emergency = Form.useWatch('emergency', form);
  const subject = (subjects.data ?? []).find((s) => s.code === subjectCode);

  const quoteArticle = (a: Article) => {
    setArticle(a);
    form.setFieldsValue({ outcome: 'answer', replyText: a.body });
    form.validateFields(['replyText']).catch(() => undefined);
  };

  const reset = () => {
    form.resetFields();
    setArticle(null);
    setPoint(null);
    setError(null);
    setDone(null);
  };

  const submit = async (values: CallFields) => {
    setBusy(true);
    setError(null);
    let order: OrderDetail;
    try {
      order = await receive.mutateAsync(
        values.valid
          ? {
              channel: values.channel as never,
              callerName: values.callerName?.trim() || undefined,
              callerPhone: values.callerPhone?.trim() || undefined,
              confidential: values.confidential,
              valid: true,
              appealType: values.appealType,
              subjectCode: values.subjectCode,
              content: values.content?.trim() ?? '',
              address: values.address?.trim() || undefined,
              lng: point?.lng,
              lat: point?.lat,
              urgent: values.urgent,
              emergency: (values.emergency as never) || undefined,
            }
          : {
              channel: values.channel as never,
              callerPhone: values.callerPhone?.trim() || undefined,
              valid: false,
              invalidReason: values.invalidReason as never,
              content: values.content?.trim() ?? '',
            },
      );
    } catch (err) {
      setError(
        applyApiErrors(form, err, [
          'callerName',
          'callerPhone',
          'content',
          'address',
          'appealType',
          'subjectCode',
        ]),
      );
      setBusy(false);
      return;
    }
    if (!values.valid || values.outcome === 'register') {
      message.success(`工单 ${order.orderNo} 已登记`);
      setDone({ order, outcome: values.outcome, valid: values.valid });
      setBusy(false);
      return;
    }
    const input: ActionInput = { action: values.outcome, version: order.version };
    if (values.outcome === 'answer') {
      input.replyText = values.replyText?.trim();
      if (article) input.articleId = article.id;
    }
    if (values.outcome === 'transfer') {
      input.leadUnitId = values.leadUnitId;
      input.coUnitIds = values.coUnitIds?.length ? values.coUnitIds : undefined;
      input.deadlineAt = values.deadlineAt ? values.deadlineAt.toISOString() : undefined;
    }
    input.note = values.note?.trim() || undefined;
    try {
      const moved = await act.mutateAsync({ id: order.id, input });
      message.success(`工单 ${order.orderNo} 已${outcomeLabels[values.outcome]}`);
      setDone({ order: 'log' in moved ? moved : order, outcome: values.outcome, valid: true });
    } catch (err) {
      // The call is on record; only the second step failed. Say so, and let the agent go on from the order.
      setDone({ order, outcome: values.outcome, valid: true, failed: errorText(err) });
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return <CallDone done={done} onNext={reset} onOpenOrder={onOpenOrder} />;
  }

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={15}>
        <Card size="small" title="来电登记">
          {error ? (
            <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />
          ) : null}
          <Form
            form={form}
            layout="vertical"
            initialValues={initialValues}
            onFinish={submit}
            scrollToFirstError
            data-testid="call-form"
          >
            <Row gutter={12}>
              <Col xs={24} sm={8}>
                <Form.Item name="channel" label="来源渠道">
                  <Select
                    options={Object.entries(hotlineChannelLabels).map(([value, label]) => ({ value, label }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} sm={16}>
                <Form.Item name="valid" label="来电性质">
                  <Radio.Group
                    optionType="button"
                    options={[
                      { value: true, label: '有效来电' },
                      { value: false, label: '无效来电' },
                    ]}
                  />
                </Form.Item>
              </Col>
              {valid ? (
                <Col xs={24} sm={8}>
                  <Form.Item name="callerName" label="来电人" rules={[{ max: 50, message: '最多 50 个字' }]}>
                    <Input placeholder="可匿名" maxLength={50} />
                  </Form.Item>
                </Col>
              ) : null}
              <Col xs={24} sm={valid ? 8 : 12}>
                <Form.Item
                  name="callerPhone"
                  label="联系电话"
                  rules={[{ pattern: PHONE_PATTERN, message: '请输入11位手机号或带区号的固定电话' }]}
                >
                  <Input placeholder="如 13812341234 或 0812-3334444" maxLength={20} />
                </Form.Item>
              </Col>
              {valid ? (
                <Col xs={24} sm={8}>
                  <Form.Item
                    name="confidential"
                    label="保密"
                    valuePropName="checked"
                    tooltip="承办单位看不到来电人信息"
                  >
                    <Switch checkedChildren="保密" unCheckedChildren="不保密" />
                  </Form.Item>
                </Col>
              ) : (
                <Col xs={24} sm={12}>
                  <Form.Item
                    name="invalidReason"
                    label="无效原因"
                    rules={[{ required: true, message: '请选择无效来电的原因' }]}
                  >
                    <Select
                      placeholder="选择原因"
                      options={Object.entries(invalidReasonLabels).map(([value, label]) => ({
                        value,
                        label,
                      }))}
                    />
                  </Form.Item>
                </Col>
              )}
            </Row>
            {valid ? (
              <>
                <Form.Item
                  name="appealType"
                  label="诉求类型"
                  rules={[{ required: true, message: '请选择诉求类型' }]}
                >
                  <Radio.Group
                    optionType="button"
                    options={Object.entries(appealTypeLabels).map(([value, label]) => ({ value, label }))}
                  />
                </Form.Item>
                <Form.Item name="subjectCode" label="诉求事项">
                  <SubjectSelect subjects={subjects.data ?? []} loading={subjects.isPending} />
                </Form.Item>
                <Form.Item
                  name="content"
                  label="诉求内容"
                  rules={[
                    { required: true, whitespace: true, message: '请填写来电人反映的问题' },
                    { max: 4000, message: '最多 4000 个字' },
                  ]}
                >
                  <Input.TextArea
                    rows={4}
                    maxLength={4000}
                    showCount
                    placeholder="来电人反映的问题、诉求和时间、地点等要素"
                  />
                </Form.Item>
                <Form.Item name="address" label="事发地址 / 地点">
                  <Input maxLength={200} placeholder="区县、街道、小区或路名门牌" />
                </Form.Item>
                <LocationField point={point} onChange={setPoint} />
                <Row gutter={12}>
                  <Col xs={12} sm={8}>
                    <Form.Item name="urgent" label="加急" valuePropName="checked">
                      <Switch checkedChildren="加急" unCheckedChildren="一般" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={16}>
                    <Form.Item
                      name="emergency"
                      label="突发事件"
                      extra={emergency ? '登记后立即向值班长和领导报警（当日办结）' : undefined}
                    >
                      <Select
                        allowClear
                        placeholder="非突发事件不选"
                        options={Object.entries(emergencyTypeLabels).map(([value, label]) => ({
                          value,
                          label,
                        }))}
                      />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item name="outcome" label="办理方式">
                  <Radio.Group
                    optionType="button"
                    buttonStyle="solid"
                    options={(Object.keys(outcomeLabels) as Outcome[]).map((value) => ({
                      value,
                      label: outcomeLabels[value],
                    }))}
                  />
                </Form.Item>
                {outcome === 'answer' ? (
                  <>
                    {article ? (
                      <Typography.Paragraph>
                        引用知识库：
                        <Tag
                          color="blue"
                          closable
                          onClose={(e) => {
                            e.preventDefault();
                            setArticle(null);
                          }}
                        >
                          {article.title}
                        </Tag>
                      </Typography.Paragraph>
                    ) : null}
                    <Form.Item
                      name="replyText"
                      label="答复内容"
                      rules={[
                        {
                          required: true,
                          whitespace: true,
                          message: '请填写答复来电人的内容，或从知识库引用',
                        },
                        { max: 4000, message: '最多 4000 个字' },
                      ]}
                    >
                      <Input.TextArea
                        rows={4}
                        maxLength={4000}
                        placeholder="告知来电人的答复，可从右侧知识库引用"
                      />
                    </Form.Item>
                  </>
                ) : null}
                {outcome === 'transfer' ? (
                  <>
                    <Form.Item
                      name="leadUnitId"
                      label="主办单位"
                      rules={[{ required: true, message: '请选择承办的区县、部门或企事业单位' }]}
                    >
                      <UnitPicker placeholder="输入单位名称搜索，如：水务、东区" />
                    </Form.Item>
                    <Form.Item name="coUnitIds" label="协办单位（可选）">
                      <UnitPicker multiple exclude={leadUnitId ? [leadUnitId] : []} />
                    </Form.Item>
                    <TimeLimitHint appealType={appealType} emergency={Boolean(emergency)} />
                    <Form.Item name="deadlineAt" label="指定办理时限（可选，不填按诉求类型时限）">
                      <DatePicker
                        showTime={{ format: 'HH:mm' }}
                        format="YYYY-MM-DD HH:mm"
                        style={{ width: '100%' }}
                        disabledDate={(d) => d.isBefore(dayjs().tz(CITY_TZ).startOf('day'))}
                      />
                    </Form.Item>
                  </>
                ) : null}
                {outcome === 'convert' ? <ConvertHint subject={subject} located={Boolean(point)} /> : null}
                {outcome === 'transfer' || outcome === 'convert' ? (
                  <Form.Item name="note" label={outcome === 'transfer' ? '转办意见（可选）' : '说明（可选）'}>
                    <Input.TextArea rows={2} maxLength={2000} />
                  </Form.Item>
                ) : null}
              </>
            ) : (
              <Form.Item name="content" label="情况说明（可选）">
                <Input.TextArea rows={2} maxLength={4000} />
              </Form.Item>
            )}
            <Space wrap>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="submit-call">
                {valid ? submitLabel(outcome) : '登记无效来电'}
              </Button>
              <Button onClick={reset} disabled={busy}>
                清空
              </Button>
            </Space>
          </Form>
        </Card>
      </Col>
      <Col xs={24} xl={9}>
        <KnowledgePanel onUse={valid ? quoteArticle : undefined} usedId={article?.id} />
      </Col>
    </Row>
  );
}

function submitLabel(outcome: Outcome): string {
  if (outcome === 'register') return '登记工单';
  return `登记并${outcomeLabels[outcome]}`;
}
