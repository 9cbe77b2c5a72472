import { Alert, Button, Result, Skeleton } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { CaseDetailView } from '../../modules/cases/case-detail-view';
import { useCaseDetail } from '../../modules/cases/case-hooks';
import { ApiError, errorText } from '../../platform/http';

export default function CasePage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const detail = useCaseDetail(id);
  if (detail.isPending) return <Skeleton active style={{ padding: 24 }} />;
  if (detail.error) {
    if (detail.error instanceof ApiError && detail.error.status === 404) {
      return (
        <Result
          status="404"
          title="案卷不存在或您无权查看"
          extra={<Button onClick={() => navigate('/')}>返回工作台</Button>}
        />
      );
    }
    return <Alert type="error" showIcon title={errorText(detail.error)} />;
  }
  return (
    <div className="page">
      <Button type="link" onClick={() => navigate(-1)} style={{ paddingLeft: 0 }}>
        ← 返回
      </Button>
      <CaseDetailView
        detail={detail.data}
        onMoved={(hidden) => {
          // A unit that returned a case no longer sees it: go back to the queue.
          if (hidden) navigate('/');
        }}
      />
    </div>
  );
}
