import { App, Button, Popconfirm, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { catalog } from '../../shared/endpoints';
import type { CatalogKind, CatalogVersion } from '../../shared/types';
import { useAuth } from '../auth/AuthContext';
import type { ShownProblem } from '../components/ProblemAlert';
import { canCompile, isAgencyReviewer, isEditable, isOwnWork } from './access';
import ImportModal from './ImportModal';
import { catalogProblem } from './problem';
import { CreateDraftModal, DiscardDraftModal, ReviewModal } from './WorkflowModals';

interface Props {
  agencyId: string;
  agencyName: string;
  kind: CatalogKind;
  kindLabel: string;
  published: CatalogVersion | null;
  /** The list's version that is not published yet (draft, submitted or returned), if any. */
  open: CatalogVersion | null;
  /** On the list page an 编辑 button leads to the version page. */
  showEditLink?: boolean;
  onChanged: (version: CatalogVersion | null) => void;
  onProblem: (problem: ShownProblem | null) => void;
}

/** What the signed-in user may do with one list now: 新建草稿 / 纠错, 编辑, 提交法制审核, 撤销草稿, 审核. */
export default function VersionActions({
  agencyId,
  agencyName,
  kind,
  kindLabel,
  published,
  open,
  showEditLink,
  onChanged,
  onProblem,
}: Props) {
  const { message } = App.useApp();
  const { user: me } = useAuth();
  const navigate = useNavigate();
  const [isCreating, setIsCreating] = useState(false);
  const [discarding, setDiscarding] = useState<CatalogVersion | null>(null);
  const [reviewing, setReviewing] = useState<CatalogVersion | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const [isImporting, setIsImporting] = useState(false);
  const compiler = canCompile(me, agencyId);
  const reviewer = isAgencyReviewer(me, agencyId);

  const submit = async (version: CatalogVersion) => {
    setIsSubmitting(true);
    onProblem(null);
    try {
      const submitted = await catalog.submit(version.id, version.rowVersion);
      message.success(`已提交法制审核：${kindLabel}第${submitted.version}版`);
      onChanged(submitted);
    } catch (error) {
      onProblem(catalogProblem(error, kind));
    } finally {
      setIsSubmitting(false);
    }
  };

  const buttons = [];
  if (!open && compiler) {
    buttons.push(
      <Button key="create" type={published ? 'default' : 'primary'} onClick={() => setIsCreating(true)}>
        {published ? '纠错' : '新建草稿'}
      </Button>,
    );
  }
  if (open && isEditable(open) && compiler) {
    if (showEditLink) {
      buttons.push(
        <Button key="edit" onClick={() => navigate(`/admin/catalog/versions/${open.id}`)}>
          {open.status === 'returned' ? '修改' : '编辑'}
        </Button>,
      );
    }
    if (open.status === 'draft') {
      buttons.push(
        <Popconfirm
          key="submit"
          title="提交法制审核"
          description={`提交后由本机关法制审核人员审核，审核期间不能修改。确定提交第${open.version}版（${open.entryCount} 条）吗？`}
          okText="确认提交"
          cancelText="取消"
          onConfirm={() => submit(open)}
        >
          <Button type="primary" loading={isSubmitting}>
            提交法制审核
          </Button>
        </Popconfirm>,
      );
    }
    buttons.push(
      <Button key="discard" danger onClick={() => setDiscarding(open)}>
        撤销草稿
      </Button>,
    );
  }
  if (compiler && (!open || isEditable(open))) {
    buttons.push(
      <Button key="import" onClick={() => setIsImporting(true)}>
        导入 Excel
      </Button>,
    );
  }
  if (open && open.status === 'submitted' && reviewer) {
    const ownWork = isOwnWork(me, open);
    const button = (
      <Button key="review" type="primary" disabled={ownWork} onClick={() => setReviewing(open)}>
        审核
      </Button>
    );
    buttons.push(
      ownWork ? (
        <Tooltip key="review" title="您是该版本的编制人或提交人，须由本机关另一名法制审核人员审核">
          <span>{button}</span>
        </Tooltip>
      ) : (
        button
      ),
    );
  }

  return (
    <>
      {buttons.length > 0 ? <Space wrap>{buttons}</Space> : null}
      <CreateDraftModal
        open={isCreating}
        agencyId={agencyId}
        agencyName={agencyName}
        kind={kind}
        kindLabel={kindLabel}
        published={published}
        onClose={() => setIsCreating(false)}
        onCreated={(created) => {
          setIsCreating(false);
          message.success(`已新建${kindLabel}第${created.version}版草稿`);
          navigate(`/admin/catalog/versions/${created.id}`);
        }}
      />
      <ImportModal
        open={isImporting}
        agencyId={agencyId}
        agencyName={agencyName}
        kind={kind}
        kindLabel={kindLabel}
        replacesDraft={open !== null && isEditable(open)}
        onClose={() => {
          setIsImporting(false);
          onChanged(null); // a finished import may have made or replaced a draft
        }}
        onImported={(versionId) => {
          setIsImporting(false);
          if (versionId === open?.id) onChanged(null);
          else navigate(`/admin/catalog/versions/${versionId}`);
        }}
      />
      <DiscardDraftModal
        version={discarding}
        onClose={() => setDiscarding(null)}
        onDone={(discarded) => {
          setDiscarding(null);
          message.success(`已撤销${kindLabel}第${discarded.version}版草稿`);
          onChanged(discarded);
        }}
      />
      <ReviewModal
        version={reviewing}
        onClose={() => setReviewing(null)}
        onDone={(reviewed) => {
          setReviewing(null);
          message.success(
            reviewed.status === 'published'
              ? `已审核通过并公布：${kindLabel}第${reviewed.version}版`
              : `已退回修改：${kindLabel}第${reviewed.version}版`,
          );
          onChanged(reviewed);
        }}
      />
    </>
  );
}
