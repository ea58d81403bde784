import { usePortalData } from './usePortalData';

/** Loading and error states of the portal's data, announced to screen readers. */
export default function StatusMessage() {
  const { isLoading, error, reload } = usePortalData();
  if (isLoading) {
    return (
      <p className="portal-status" role="status">
        正在加载公示信息…
      </p>
    );
  }
  if (error) {
    return (
      <div className="portal-status portal-status-error" role="alert">
        <p>公示信息暂时无法加载（{error}）。</p>
        <button type="button" className="portal-button" onClick={reload}>
          重新加载
        </button>
      </div>
    );
  }
  return null;
}
