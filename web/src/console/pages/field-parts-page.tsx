import { Tabs } from 'antd';
import { fieldManagers } from '../../modules/field-ops/field-api';
import { PartChanges } from '../../modules/field-ops/part-changes';
import { PartsImport } from '../../modules/field-ops/parts-import';
import { PartsInventory } from '../../modules/field-ops/parts-inventory';
import type { CurrentUser } from '../../modules/session/session-api';

/** 部件普查: the inventory and its map; import and change requests for the shift lead and admin. */
export default function FieldPartsPage({ user }: { user: CurrentUser }) {
  const manages = fieldManagers.includes(user.role);
  return (
    <div className="page">
      <Tabs
        items={[
          // The map measures itself when shown: rebuilt each time its tab opens.
          { key: 'inventory', label: '部件台账', children: <PartsInventory />, destroyOnHidden: true },
          ...(manages
            ? [
                { key: 'import', label: '部件导入', children: <PartsImport /> },
                { key: 'changes', label: '变更申请', children: <PartChanges /> },
              ]
            : []),
        ]}
      />
    </div>
  );
}
