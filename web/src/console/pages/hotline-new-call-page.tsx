import { Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { CallForm } from '../../modules/hotline/call-form';

/** 新来电: record the call and settle it while the caller is on the line. */
export default function HotlineNewCallPage() {
  const navigate = useNavigate();
  return (
    <div className="page">
      <Typography.Title level={4} className="page-title">
        新来电
      </Typography.Title>
      <CallForm onOpenOrder={(id) => navigate(`/hotline/orders?order=${id}`)} />
    </div>
  );
}
