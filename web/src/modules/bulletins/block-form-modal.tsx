import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { applyApiErrors } from '../../platform/form-errors';
import { type BlockSection, type BulletinBlock, bulletinsApi, sectionLabels } from './bulletins-api';

interface Values {
  title: string;
  body: string;
  byline: string;
}

/** Writes a new text block at the end of a section, or edits one (against the version last read). */
export function BlockFormModal({
  month,
  section,
  block,
  nextSeq,
  onClose,
}: {
  month: string;
  section: BlockSection;
  block: BulletinBlock | null;
  nextSeq: number;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: Values) =>
      block
        ? bulletinsApi.update(block.id, block.version, v)
        : bulletinsApi.create(month, { ...v, section, seq: nextSeq }),
    onSuccess: async () => {
      message.success(block ? '已保存修改' : '已添加');
      await client.invalidateQueries({ queryKey: ['bulletins', month] });
      onClose();
    },
    onError: (err) => setError(applyApiErrors(form, err, ['title', 'body', 'byline'])),
  });
  return (
    <Modal
      open
      width={720}
      title={`${block ? '编辑' : '添加'}「${sectionLabels[section]}」文字`}
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
      <Form
        form={form}
        layout="vertical"
        initialValues={{ title: block?.title ?? '', body: block?.body ?? '', byline: block?.byline ?? '' }}
      >
        <Form.Item name="title" label="标题（可空）">
          <Input maxLength={200} placeholder="如：全市垃圾处理设施监管信息平台项目推进会" />
        </Form.Item>
        <Form.Item
          name="body"
          label="正文"
          extra="每行为一段；照片在保存后从列表中添加"
          rules={[{ required: true, whitespace: true, message: '请填写正文' }]}
        >
          <Input.TextArea rows={10} maxLength={20_000} showCount />
        </Form.Item>
        <Form.Item name="byline" label="供稿单位（可空）">
          <Input maxLength={200} placeholder="如：东区综合行政执法局" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
