/**
 * 重大执法决定: shown on a case whose proposal falls under the agency's 重大执法决定法制审核目录清单 (or the law's own
 * triggers, such as a hearing held). The server decides it from the published rules — nobody can unmark it — and
 * the decision's gate holds the case until a passed legal review covers the proposal as it stands.
 */
import { Alert, Button, Tag } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { CaseDetail } from '../cases/api';
import { reviewStatusColors } from './api';
import './review.css';

/** The latest review's opinion as its form labels it: 退回补充调查. */
export function latestOpinion(detail: Pick<CaseDetail, 'timeline'>): { label: string; text: string | null } | null {
  const review = [...detail.timeline].reverse().find((step) => step.stepKey === 'legal_review');
  const field = review?.fields.find((f) => f.key === 'opinion');
  if (!review || !field) return null;
  const code = String(field.value);
  const text = review.data.opinionText;
  return { label: field.options?.[code] ?? code, text: typeof text === 'string' ? text : null };
}

interface Props {
  detail: Pick<CaseDetail, 'id' | 'major' | 'timeline'>;
  /** Offers the 审核工作台 (for reviewers, while a submission waits). */
  showWorkbenchLink?: boolean;
}

export default function MajorDecisionNotice({ detail, showWorkbenchLink = false }: Props) {
  const navigate = useNavigate();
  const { major } = detail;
  if (!major?.isMajor) return null;
  const { review } = major;
  const isStale = review.status === 'passed' && !review.coversCurrentProposal;
  const opinion = review.status === 'not_passed' || review.status === 'passed' ? latestOpinion(detail) : null;
  return (
    <section aria-label="重大执法决定" className="review-major">
      <Alert
        type={review.status === 'passed' && !isStale ? 'info' : 'warning'}
        showIcon
        role="status"
        className="review-major-alert"
        title={
          <span className="review-major-title">
            本案属于重大执法决定
            <Tag color={reviewStatusColors[review.status] ?? '#595959'} variant="solid" className="review-status-tag">
              法制审核：{review.statusLabel}
            </Tag>
          </span>
        }
        description={
          <>
            <ul className="review-major-reasons" aria-label="重大执法决定情形">
              {major.reasons.map((reason) => (
                <li key={reason.code}>
                  <strong>
                    {reason.name}（{reason.code}）
                  </strong>
                  ：{reason.description}
                  {reason.basis ? <span className="review-major-basis">依据：{reason.basis}</span> : null}
                </li>
              ))}
            </ul>
            <p className="review-major-note">
              依本机关公布的《重大执法决定法制审核目录清单》认定，不能取消。作出决定前须经法制审核，未经法制审核或者审核未通过的，不得作出决定（《行政处罚法》第五十八条）。
            </p>
            {opinion ? (
              <p className="review-major-note">
                最近一次审核意见：<strong>{opinion.label}</strong>
                {opinion.text ? `。${opinion.text}` : ''}
              </p>
            ) : null}
            {showWorkbenchLink && review.status === 'pending' ? (
              <Button size="small" type="primary" onClick={() => navigate(`/admin/review/${detail.id}`)}>
                进入审核工作台
              </Button>
            ) : null}
          </>
        }
      />
      {isStale ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          className="review-major-alert"
          title="拟处理意见在法制审核通过后已经变更"
          description="法制审核通过的是变更前的拟处理意见，不覆盖现在的拟处理意见：须重新提交法制审核，审核通过后方可作出决定。"
        />
      ) : null}
    </section>
  );
}
