import { CameraOutlined, CloseOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useEffect, useId, useMemo } from 'react';

/** Camera input (the phone opens its back camera) with thumbnails and removal. */
export function PhotoInput({
  files,
  onChange,
  label,
  testId,
}: {
  files: File[];
  onChange: (files: File[]) => void;
  label: string;
  testId: string;
}) {
  const id = useId();
  const urls = useMemo(() => files.map((f) => URL.createObjectURL(f)), [files]);
  useEffect(
    () => () => {
      for (const url of urls) URL.revokeObjectURL(url);
    },
    [urls],
  );
  return (
    <div className="photo-input">
      <div className="photo-input__list">
        {files.map((file, i) => (
          <div key={`${file.name}-${file.size}-${file.lastModified}`} className="photo-input__thumb">
            <img src={urls[i]} alt={`${label}${i + 1}`} />
            <Button
              size="small"
              shape="circle"
              icon={<CloseOutlined />}
              aria-label="删除照片"
              onClick={() => onChange(files.filter((_, j) => j !== i))}
            />
          </div>
        ))}
        <label htmlFor={id} className="photo-input__add">
          <CameraOutlined style={{ fontSize: 22 }} />
          <span>{label}</span>
        </label>
      </div>
      <input
        id={id}
        data-testid={testId}
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        hidden
        // antd's form styles show file inputs (display: block) over the hidden attribute.
        style={{ display: 'none' }}
        onChange={(event) => {
          const picked = Array.from(event.target.files ?? []);
          if (picked.length) onChange([...files, ...picked].slice(0, 9));
          event.target.value = '';
        }}
      />
    </div>
  );
}
