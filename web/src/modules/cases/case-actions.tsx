import { UploadOutlined } from '@ant-design/icons';
import { type CaseAction, caseActionLabels, type TransitionInput } from '@cityloop/contracts/cases';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Upload,
} from 'antd';
import type { UploadFile } from 'antd/es/upload/interface';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorText } from '../../platform/http';
import { CITY_TZ, dayjs, formatTime } from '../../platform/time';
import {
  limitUnitLabels,
  useCategories,
  useCategory,
  useDeadlinePreview,
  useUnits,
} from '../reference/reference-api';
import { useTransition } from './case-hooks';
import { type CaseDetail, casesApi, type PhotoStage } from './cases-api';
import { CollectorPicker } from './collector-picker';
import { supervisionLabels } from './labels';

/** Actions that are a negative choice get the danger style. */
const dangerous = new Set<CaseAction>(['void', 'return', 'deny_extension', 'check_fail', 'park']);
const noteRequired = new Set<CaseAction>([
  'void',
  'return',
  'request_extension',
  'deny_extension',
  'check_fail',
  'park',
  'supervise',
]);
/** Photos that go with an action, uploaded before the move (the server checks 处置 has them). */
const photoStageOf: Partial<Record<CaseAction, PhotoStage>> = {
  dispose: 'dispose',
  check_pass: 'check',
  check_fail: 'check',
};

interface ActionForm {
  note?: string;
  unitId?: string;
  deadlineAt?: Dayjs;
  extendTo?: Dayjs;
  confirmed?: boolean;
  supervision?: 'normal' | 'yellow' | 'red';
  categoryId?: string;
  assigneeId?: string;
  photos?: UploadFile[];
}

/** The buttons for exactly the actions the API allows this user now, each with its form. */
export function CaseActions({ detail, onDone }: { detail: CaseDetail; onDone?: (hidden: boolean) => void }) {
  const [active, setActive] = useState<CaseAction | null>(null);
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
            {caseActionLabels[action]}
          </Button>
        ))}
      </Space>
      {active ? (
        <ActionModal
          key={active}
          action={active}
          detail={detail}
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

function ActionModal({
  action,
  detail,
  onClose,
  onDone,
}: {
  action: CaseAction;
  detail: CaseDetail;
  onClose: () => void;
  onDone: (hidden: boolean) => void;
}) {
  const [form] = Form.useForm<ActionForm>();
  const { message } = App.useApp();
  const transition = useTransition(detail.id);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const photoStage = photoStageOf[action];
  const categories = useCategories();
  const categoriesById = new Map((categories.data?.items ?? []).map((c) => [c.id, c]));

  const submit = async () => {
    let values: ActionForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const files = (values.photos ?? [])
        .map((f) => f.originFileObj)
        .filter((f): f is NonNullable<typeof f> => !!f);
      if (photoStage && files.length > 0) await casesApi.uploadPhotos(detail.id, photoStage, files);
      const input: TransitionInput = {
        action: action as TransitionInput['action'],
        version: detail.version,
        note: values.note?.trim() || undefined,
        unitId: values.unitId,
        deadlineAt: values.deadlineAt ? values.deadlineAt.toISOString() : undefined,
        extendTo: values.extendTo ? values.extendTo.toISOString() : undefined,
        confirmed: values.confirmed,
        supervision: values.supervision,
        assigneeId: values.assigneeId,
      };
      if (action === 'file' && values.categoryId && values.categoryId !== detail.categoryId) {
        const chosen = categoriesById.get(values.categoryId);
        if (chosen) {
          input.categoryCode = chosen.code;
          input.kind = chosen.kind;
        }
      }
      const result = await transition.mutateAsync(input);
      message.success(`${caseActionLabels[action]}成功`);
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
      title={`${caseActionLabels[action]} · ${detail.caseNo}`}
      okText={`确认${caseActionLabels[action]}`}
      cancelText="取消"
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      width={600}
      okButtonProps={{ danger: dangerous.has(action) }}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" /> : null}
      <Form form={form} layout="vertical" initialValues={{ confirmed: true, supervision: 'normal' }}>
        {action === 'file' ? <FileFields detail={detail} /> : null}
        {action === 'dispatch' || action === 'rework' ? <DispatchFields detail={detail} /> : null}
        {action === 'verify' ? (
          <Form.Item name="confirmed" label="核实结果">
            <Radio.Group>
              <Radio value={true}>属实（转待立案）</Radio>
              <Radio value={false}>不属实（作废）</Radio>
            </Radio.Group>
          </Form.Item>
        ) : null}
        {action === 'request_verify' || action === 'request_check' ? (
          <CollectorPicker caseId={detail.id} task={action === 'request_verify' ? '核实' : '核查'} />
        ) : null}
        {action === 'request_extension' ? (
          <>
            <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
              <Descriptions.Item label="当前处置时限">{formatTime(detail.deadlineAt)}</Descriptions.Item>
            </Descriptions>
            <Form.Item
              name="extendTo"
              label="申请延期至"
              rules={[{ required: true, message: '请选择延期后的时限' }]}
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
            <Descriptions.Item label="当前处置时限">{formatTime(detail.deadlineAt)}</Descriptions.Item>
            <Descriptions.Item label="申请延期至">
              {formatTime(detail.pendingExtensionUntil)}
            </Descriptions.Item>
          </Descriptions>
        ) : null}
        {action === 'supervise' ? (
          <Form.Item name="supervision" label="督办级别">
            <Radio.Group
              options={Object.entries(supervisionLabels).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
        ) : null}
        {photoStage ? (
          <Form.Item
            name="photos"
            label={action === 'dispose' ? '处置后照片' : '核查照片'}
            valuePropName="fileList"
            getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList}
            rules={
              action === 'dispose' && !detail.photos.some((p) => p.stage === 'dispose')
                ? [{ required: true, message: '处置反馈须上传处置后照片' }]
                : undefined
            }
          >
            <Upload
              accept="image/jpeg,image/png,image/webp"
              listType="picture"
              beforeUpload={() => false}
              multiple
            >
              <Button icon={<UploadOutlined />}>选择照片</Button>
            </Upload>
          </Form.Item>
        ) : null}
        <Form.Item
          name="note"
          label={noteLabel(action)}
          rules={
            noteRequired.has(action)
              ? [{ required: true, whitespace: true, message: `请填写${noteLabel(action)}` }]
              : undefined
          }
        >
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function noteLabel(action: CaseAction): string {
  switch (action) {
    case 'void':
      return '作废原因';
    case 'return':
      return '回退原因';
    case 'request_extension':
      return '延期理由';
    case 'deny_extension':
      return '驳回理由';
    case 'check_fail':
      return '核查不通过原因';
    case 'park':
      return '挂账原因';
    case 'supervise':
      return '督办意见';
    case 'dispose':
      return '处置情况说明';
    default:
      return '意见';
  }
}

/** 立案: the category's filing standard beside the decision, with a category correction. */
function FileFields({ detail }: { detail: CaseDetail }) {
  const form = Form.useFormInstance<ActionForm>();
  const chosenId = Form.useWatch('categoryId', form) ?? detail.categoryId;
  const category = useCategory(chosenId);
  const categories = useCategories();
  return (
    <>
      <Form.Item name="categoryId" label="立案类别（可更正）" initialValue={detail.categoryId}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={categories.isPending}
          options={(categories.data?.items ?? []).map((c) => ({
            value: c.id,
            label: `${c.kind === 'part' ? '部件' : '事件'} ${c.code} ${c.majorName}/${c.name}`,
          }))}
        />
      </Form.Item>
      <Alert
        type="warning"
        style={{ marginBottom: 12 }}
        title="立案标准"
        description={category.isPending ? '加载中…' : (category.data?.filingStandard ?? '—')}
        data-testid="filing-standard"
      />
    </>
  );
}

/** 派遣: suggested unit (the category's default) and the deadline this dispatch would set. */
function DispatchFields({ detail }: { detail: CaseDetail }) {
  const units = useUnits();
  const category = useCategory(detail.categoryId);
  const limit = category.data?.timeLimits.dispose;
  const preview = useDeadlinePreview(limit);
  const suggested = category.data?.defaultUnitId ?? detail.unitId ?? undefined;
  const suggestedName = units.data?.items.find((u) => u.id === suggested)?.name;
  return (
    <>
      <Form.Item
        name="unitId"
        label={suggestedName ? `处置单位（建议：${suggestedName}）` : '处置单位'}
        initialValue={suggested}
        rules={suggested ? undefined : [{ required: false }]}
        extra={suggested ? undefined : '该类别没有默认单位：不选则派给案发区县政府'}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          allowClear
          loading={units.isPending}
          placeholder="选择处置单位"
          options={(units.data?.items ?? [])
            .filter((u) => u.active)
            .map((u) => ({ value: u.id, label: u.name }))}
        />
      </Form.Item>
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }} bordered>
        <Descriptions.Item label="处置时限">
          {limit ? `${limit.amount} ${limitUnitLabels[limit.unit]}` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label="预计截止">
          <span data-testid="deadline-preview">
            {preview.data ? formatTime(preview.data.at) : preview.isPending && limit ? '计算中…' : '—'}
            {preview.data?.estimated ? '（该年放假安排未载入，按周一至周五估算）' : ''}
          </span>
        </Descriptions.Item>
      </Descriptions>
      <Form.Item name="deadlineAt" label="指定截止时间（可选，不填按类别时限）">
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          style={{ width: '100%' }}
          disabledDate={(d) => d.isBefore(dayjs().tz(CITY_TZ).startOf('day'))}
        />
      </Form.Item>
    </>
  );
}
