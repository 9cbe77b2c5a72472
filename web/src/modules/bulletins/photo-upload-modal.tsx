import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Upload } from 'antd';
import type { UploadFile } from 'antd/es/upload/interface';
import { useState } from 'react';
import { errorText } from '../../platform/http';
import { type BulletinBlock, bulletinsApi } from './bulletins-api';

interface Values {
  caption: string;
  file: UploadFile[];
}

/** Adds one photo with its caption to a text block. */
export function PhotoUploadModal({
  month,
  block,
  onClose,
}: {
  month: string;
  block: BulletinBlock;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: (v: Values) => {
      const file = v.file[0]?.originFileObj;
      if (!file) throw new Error('请选择照片');
      return bulletinsApi.addPhoto(block.id, file, v.caption.trim());
    },
    onSuccess: async () => {
      message.success('照片已添加');
      await client.invalidateQueries({ queryKey: ['bulletins', month] });
      onClose();
    },
    onError: (err) => setError(errorText(err)),
  });
  return (
    <Modal
      open
      title={`为「${block.title || '无标题'}」添加照片`}
      okText="上传"
      cancelText="取消"
      onCancel={onClose}
      confirmLoading={upload.isPending}
      onOk={() =>
        form.validateFields().then(
          (v) => upload.mutate(v),
          () => undefined,
        )
      }
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" /> : null}
      <Form form={form} layout="vertical" initialValues={{ caption: '', file: [] }}>
        <Form.Item
          name="file"
          label="照片（JPEG、PNG 或 WebP）"
          valuePropName="fileList"
          getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
          rules={[{ required: true, type: 'array', min: 1, message: '请选择照片' }]}
        >
          <Upload accept="image/jpeg,image/png,image/webp" listType="picture" beforeUpload={() => false}>
            <Button icon={<UploadOutlined />}>选择照片</Button>
          </Upload>
        </Form.Item>
        <Form.Item name="caption" label="图片说明（可空）">
          <Input maxLength={200} placeholder="如：会议现场" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
