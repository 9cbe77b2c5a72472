import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Radio, Select, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { applyApiErrors } from '../../platform/form-errors';
import { useDistricts } from '../reference/reference-api';
import {
  type Checklist,
  type Contract,
  type ContractInput,
  checklistLabels,
  vendorsApi,
} from './vendors-api';

/** 外包合同: the contracts and what each is assessed by; admins add and edit them. */
export function ContractList({
  contracts,
  loading,
  canEdit,
}: {
  contracts: Contract[];
  loading: boolean;
  canEdit: boolean;
}) {
  const [editing, setEditing] = useState<Contract | 'new' | null>(null);
  const districts = useDistricts().data?.items ?? [];
  const districtName = new Map(districts.map((d) => [d.id, d.name]));
  return (
    <>
      {canEdit ? (
        <div style={{ marginBottom: 12, textAlign: 'right' }}>
          <Button type="primary" onClick={() => setEditing('new')}>
            新增合同
          </Button>
        </div>
      ) : null}
      <Table<Contract>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={contracts}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: '还没有外包合同' }}
        columns={[
          { title: '合同包', dataIndex: 'packageName', width: 150 },
          { title: '外包单位', dataIndex: 'company' },
          {
            title: '考核表',
            dataIndex: 'checklist',
            width: 200,
            render: (c: Checklist) => checklistLabels[c],
          },
          {
            title: '负责区域',
            key: 'area',
            render: (_, c) =>
              c.areaLabel || c.districtIds.map((id) => districtName.get(id) ?? '').join('、') || '—',
          },
          {
            title: '人员',
            key: 'staff',
            width: 120,
            render: (_, c) =>
              c.checklist === 'collection' ? `${c.staffCount}人，日均${c.dailyQuota}条` : c.staffCount || '—',
          },
          {
            title: '状态',
            dataIndex: 'active',
            width: 72,
            render: (a: boolean) => (a ? <Tag color="success">考核中</Tag> : <Tag>已停用</Tag>),
          },
          ...(canEdit
            ? [
                {
                  title: '操作',
                  key: 'op',
                  width: 76,
                  render: (_: unknown, c: Contract) => (
                    <Button size="small" onClick={() => setEditing(c)}>
                      编辑
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing ? (
        <ContractModal
          contract={editing === 'new' ? null : editing}
          districts={districts.map((d) => ({ value: d.id, label: d.name }))}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}

function ContractModal({
  contract,
  districts,
  onClose,
}: {
  contract: Contract | null;
  districts: { value: string; label: string }[];
  onClose: () => void;
}) {
  const [form] = Form.useForm<ContractInput>();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const checklist = Form.useWatch('checklist', form) ?? contract?.checklist;
  const save = useMutation({
    mutationFn: (v: ContractInput) => {
      if (!contract) return vendorsApi.createContract(v);
      const { checklist: _fixed, ...patch } = v;
      return vendorsApi.updateContract(contract.id, patch);
    },
    onSuccess: async () => {
      message.success('合同已保存');
      await client.invalidateQueries({ queryKey: ['vendors'] });
      onClose();
    },
    onError: (err) =>
      setError(
        applyApiErrors(form, err, [
          'company',
          'packageName',
          'areaLabel',
          'districtIds',
          'staffCount',
          'dailyQuota',
          'seq',
        ]),
      ),
  });
  return (
    <Modal
      open
      width={640}
      title={contract ? `编辑合同：${contract.packageName}` : '新增外包合同'}
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
        initialValues={
          contract ?? {
            checklist: 'collection',
            districtIds: [],
            staffCount: 0,
            dailyQuota: 10,
            personDayBasis: 'calendar',
            seq: 0,
            areaLabel: '',
          }
        }
      >
        <Form.Item name="checklist" label="考核表" extra={contract ? '合同的考核表不可更改' : undefined}>
          <Select
            disabled={Boolean(contract)}
            options={Object.entries(checklistLabels).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item
          name="packageName"
          label="合同包名称"
          rules={[{ required: true, whitespace: true, message: '请填写合同包名称' }]}
        >
          <Input maxLength={60} placeholder="如：第一合同包" />
        </Form.Item>
        <Form.Item
          name="company"
          label="外包单位"
          rules={[{ required: true, whitespace: true, message: '请填写外包单位' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="areaLabel" label="负责区域说明">
          <Input maxLength={100} placeholder="如：仁和区、钒钛高新区" />
        </Form.Item>
        {checklist === 'collection' ? (
          <>
            <Form.Item
              name="districtIds"
              label="负责区县（按此统计上报数据）"
              rules={[{ required: true, type: 'array', min: 1, message: '信息采集合同须指定负责的区县' }]}
            >
              <Select mode="multiple" options={districts} placeholder="选择区县" />
            </Form.Item>
            <Form.Item name="staffCount" label="信息采集人员数">
              <InputNumber min={0} max={100_000} precision={0} />
            </Form.Item>
            <Form.Item name="dailyQuota" label="人均日上报定额（条）">
              <InputNumber min={0} max={1000} />
            </Form.Item>
            <Form.Item name="personDayBasis" label="人天口径">
              <Radio.Group
                options={[
                  { value: 'calendar', label: '人数 × 当月天数' },
                  { value: 'attended', label: '按录入的出勤人天' },
                ]}
              />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="staffCount" label="合同配备人数">
            <InputNumber min={0} max={100_000} precision={0} />
          </Form.Item>
        )}
        <Form.Item name="seq" label="排序（通报中的先后）">
          <InputNumber min={0} max={1000} precision={0} />
        </Form.Item>
        {contract ? (
          <Form.Item name="active" label="参加考核" valuePropName="checked">
            <Switch />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
