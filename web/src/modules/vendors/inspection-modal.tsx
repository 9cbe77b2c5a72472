import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Form, Input, InputNumber, Modal, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd/es/upload/interface';
import { useState } from 'react';
import { applyApiErrors } from '../../platform/form-errors';
import { errorText } from '../../platform/http';
import {
  type AssessedRow,
  type Contract,
  type entryKinds,
  type Indicator,
  isRate,
  money,
  vendorsApi,
} from './vendors-api';

interface Values {
  occurrences?: number | null;
  measured?: number | null;
  deduction?: number | null;
  resultText?: string;
  evidence: string;
  photos?: UploadFile[];
}

/** 录入考核记录: an inspector's finding for one indicator, with its evidence (note and photos). */
export function InspectionModal({
  contract,
  month,
  indicator,
  row,
  kinds,
  onClose,
}: {
  contract: Contract;
  month: string;
  indicator: Indicator | undefined;
  row: AssessedRow;
  kinds: ReturnType<typeof entryKinds>;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const rate = isRate(indicator);
  const perOccurrence = indicator?.moneyPerOccurrence ?? null;
  const occurrences = Form.useWatch('occurrences', form);
  const explicit = Form.useWatch('deduction', form);
  const estimate =
    typeof explicit === 'number'
      ? explicit
      : perOccurrence !== null
        ? (occurrences ?? 0) * perOccurrence
        : null;

  const save = useMutation({
    mutationFn: async (v: Values) => {
      const created = await vendorsApi.addInspection({
        contractId: contract.id,
        month,
        indicatorCode: row.code,
        occurrences: v.occurrences ?? 0,
        measured:
          v.measured === undefined || v.measured === null ? null : rate ? v.measured / 100 : v.measured,
        deduction: v.deduction ?? null,
        resultText: v.resultText?.trim() ?? '',
        evidence: v.evidence.trim(),
      });
      // The finding stands once saved; a photo that fails is reported and can be added again.
      const failed: string[] = [];
      for (const photo of v.photos ?? []) {
        if (!photo.originFileObj) continue;
        try {
          await vendorsApi.addPhoto(created.id, photo.originFileObj);
        } catch (err) {
          failed.push(`${photo.name}：${errorText(err)}`);
        }
      }
      return failed;
    },
    onSuccess: async (failed) => {
      await client.invalidateQueries({ queryKey: ['vendors', 'assessment', contract.id, month] });
      await client.invalidateQueries({ queryKey: ['vendors', 'inspections', contract.id, month] });
      if (failed.length) message.warning(`考核记录已保存，但照片未能上传：${failed.join('；')}`, 8);
      else message.success('考核记录已录入，本月扣款已重新计算');
      onClose();
    },
    onError: (err) =>
      setError(applyApiErrors(form, err, ['occurrences', 'measured', 'deduction', 'resultText', 'evidence'])),
  });

  return (
    <Modal
      open
      width={680}
      title={`录入考核记录：${row.code} ${row.name}`}
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      confirmLoading={save.isPending}
      onOk={() =>
        form.validateFields().then(
          (v) => save.mutate(v),
          () => undefined,
        )
      }
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" /> : null}
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label="指标说明">{row.definition || '—'}</Descriptions.Item>
        <Descriptions.Item label="考核标准">{row.ruleText}</Descriptions.Item>
        <Descriptions.Item label="本月已录入">{row.entries} 条</Descriptions.Item>
      </Descriptions>
      <Form form={form} layout="vertical" initialValues={{ occurrences: kinds.perOccurrence ? 1 : 0 }}>
        {kinds.perOccurrence ? (
          <Form.Item
            name="occurrences"
            label={`发现次数（人次）${perOccurrence !== null ? `，每次扣${money(perOccurrence)}` : ''}`}
            extra="检查未发现问题时填 0，评价表将印出标准结论"
            rules={[{ required: true, message: '请填写发现次数' }]}
          >
            <InputNumber min={0} max={10_000} precision={0} style={{ width: 200 }} />
          </Form.Item>
        ) : null}
        {kinds.measured ? (
          <Form.Item
            name="measured"
            label={`抽查测得值${rate ? '（%）' : indicator?.unitLabel ? `（${indicator.unitLabel}）` : ''}`}
            extra={
              indicator?.threshold !== null && indicator?.threshold !== undefined
                ? `标准：${indicator.direction === 'max' ? '不超过' : '不低于'}${
                    rate ? `${indicator.threshold * 100}%` : indicator.threshold
                  }，按阈值规则计扣`
                : undefined
            }
            rules={kinds.perOccurrence ? undefined : [{ required: true, message: '请填写抽查测得值' }]}
          >
            <InputNumber min={0} max={rate ? 100 : undefined} step={rate ? 0.1 : 1} style={{ width: 200 }} />
          </Form.Item>
        ) : null}
        <Form.Item
          name="deduction"
          label="按规定另定扣款（元，可空）"
          extra="规则写明“视情况”“不低于”“加倍”时填写；填写后本条按此金额扣款，不再按次数计算"
        >
          <InputNumber min={0} max={10_000_000} precision={2} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="resultText" label="考核结果（可空，印入评价表）">
          <Input maxLength={500} placeholder="如：7月15日夜班抽查发现2人脱岗。" />
        </Form.Item>
        <Form.Item
          name="evidence"
          label="检查依据与证据"
          rules={[{ required: true, whitespace: true, message: '请填写检查依据与证据' }]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount placeholder="时间、地点、人员、发现的情况" />
        </Form.Item>
        <Form.Item
          name="photos"
          label="证据照片（可选，最多9张）"
          valuePropName="fileList"
          getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(0, 9)}
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
      </Form>
      {estimate !== null ? (
        <Typography.Text type="secondary" data-testid="deduction-estimate">
          预计本条扣款 {money(estimate)}（以保存后系统计算为准）
        </Typography.Text>
      ) : null}
    </Modal>
  );
}
