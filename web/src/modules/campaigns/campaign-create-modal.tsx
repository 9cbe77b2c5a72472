import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { type CampaignField, type CampaignInput, zebraCrossingFields } from '@cityloop/contracts/field';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { applyApiErrors } from '../../platform/form-errors';
import { type CampaignDetail, campaignsApi } from './campaigns-api';

const typeOptions: { value: CampaignField['type']; label: string }[] = [
  { value: 'text', label: '文字' },
  { value: 'datetime', label: '日期时间' },
  { value: 'date', label: '日期' },
  { value: 'number', label: '数字' },
  { value: 'boolean', label: '是/否' },
  { value: 'choice', label: '选项' },
];

interface FieldRow {
  key?: string;
  label: string;
  type: CampaignField['type'];
  required?: boolean;
  pattern?: string;
  options?: string[];
}

interface FormValues {
  name: string;
  period: [Dayjs, Dayjs];
  bulletinTitle?: string;
  bulletinClosing?: string;
  fields: FieldRow[];
}

/** 新建专项行动: name, period, the extra fields collectors fill in, the bulletin section's wording. */
export function CampaignCreateModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (campaign: CampaignDetail) => void;
}) {
  const [form] = Form.useForm<FormValues>();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const input: CampaignInput = {
        name: v.name.trim(),
        startsOn: v.period[0].format('YYYY-MM-DD'),
        endsOn: v.period[1].format('YYYY-MM-DD'),
        bulletinTitle: v.bulletinTitle?.trim() || undefined,
        bulletinClosing: v.bulletinClosing?.trim() || undefined,
        fields: v.fields.map((f, i) => ({
          key: f.key?.trim() || `field${i + 1}`,
          label: f.label.trim(),
          type: f.type,
          required: Boolean(f.required),
          pattern: f.type === 'text' && f.pattern?.trim() ? f.pattern.trim() : undefined,
          options: f.type === 'choice' ? f.options : undefined,
        })),
      };
      return campaignsApi.create(input);
    },
    onSuccess: async (campaign) => {
      message.success(`已新建专项行动：${campaign.name}`);
      await client.invalidateQueries({ queryKey: ['campaigns'] });
      onCreated(campaign);
    },
    onError: (err) => setError(applyApiErrors(form, err, ['name', 'fields'])),
  });

  return (
    <Modal
      open
      width={760}
      title="新建专项行动"
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
      <Form form={form} layout="vertical" initialValues={{ fields: [{ label: '', type: 'text' }] }}>
        <Form.Item
          name="name"
          label="行动名称"
          rules={[{ required: true, whitespace: true, message: '请输入名称' }]}
        >
          <Input maxLength={100} placeholder="如：斑马线秩序持续监督行动" />
        </Form.Item>
        <Form.Item name="period" label="行动期间" rules={[{ required: true, message: '请选择起止日期' }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Space style={{ marginBottom: 8 }} wrap>
          <Typography.Text strong>采集字段</Typography.Text>
          <Button
            size="small"
            onClick={() =>
              form.setFieldsValue({
                fields: zebraCrossingFields.map((f) => ({ ...f })),
                bulletinTitle: form.getFieldValue('bulletinTitle') || '斑马线前不礼让行为曝光',
              })
            }
          >
            使用斑马线模板（时间、地点、车牌）
          </Button>
        </Space>
        <Form.List name="fields">
          {(rows, { add, remove }) => (
            <>
              {rows.map((row, index) => (
                <Space key={row.key} align="start" wrap style={{ display: 'flex', marginBottom: 4 }}>
                  <Form.Item
                    name={[row.name, 'label']}
                    rules={[{ required: true, whitespace: true, message: '请输入字段名称' }]}
                  >
                    <Input
                      placeholder="字段名称，如：车牌"
                      style={{ width: 150 }}
                      aria-label={`字段${index + 1}名称`}
                    />
                  </Form.Item>
                  <Form.Item name={[row.name, 'type']} rules={[{ required: true }]}>
                    <Select
                      options={typeOptions}
                      style={{ width: 110 }}
                      aria-label={`字段${index + 1}类型`}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[row.name, 'key']}
                    rules={[{ pattern: /^[a-zA-Z][a-zA-Z0-9_]{0,31}$/, message: '字母开头，字母数字下划线' }]}
                  >
                    <Input placeholder="英文键（可不填）" style={{ width: 130 }} />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() => {
                      const type = form.getFieldValue(['fields', row.name, 'type']);
                      if (type === 'text')
                        return (
                          <Form.Item name={[row.name, 'pattern']}>
                            <Input placeholder="格式规则（正则，可不填）" style={{ width: 170 }} />
                          </Form.Item>
                        );
                      if (type === 'choice')
                        return (
                          <Form.Item
                            name={[row.name, 'options']}
                            rules={[{ required: true, message: '请输入选项' }]}
                          >
                            <Select mode="tags" placeholder="输入选项后回车" style={{ width: 170 }} />
                          </Form.Item>
                        );
                      return null;
                    }}
                  </Form.Item>
                  <Form.Item name={[row.name, 'required']} valuePropName="checked">
                    <Checkbox>必填</Checkbox>
                  </Form.Item>
                  {rows.length > 1 ? (
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label="删除字段"
                      onClick={() => remove(row.name)}
                    />
                  ) : null}
                </Space>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ label: '', type: 'text' })}
                disabled={rows.length >= 40}
                style={{ marginBottom: 16 }}
              >
                添加字段
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="bulletinTitle" label="月度通报栏目标题（可不填，默认为“行动名称+曝光”）">
          <Input maxLength={60} placeholder="如：斑马线前不礼让行为曝光" />
        </Form.Item>
        <Form.Item name="bulletinClosing" label="通报结束语（可不填）">
          <Input.TextArea
            rows={2}
            maxLength={300}
            placeholder="如：上述案件信息已推送媒体曝光，同时派遣至市交警支队依法查处。"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
