/**
 * 导入 Excel for a catalog list: the shared import dialog, with the list's template, an optional note, and the draft
 * the import made or replaced.
 */
import { Form, Input } from 'antd';
import { useState } from 'react';
import { catalog, catalogImports } from '../../shared/endpoints';
import type { CatalogKind, ImportJob } from '../../shared/types';
import SpreadsheetImportModal from '../components/SpreadsheetImportModal';

interface Props {
  open: boolean;
  agencyId: string;
  agencyName: string;
  kind: CatalogKind;
  kindLabel: string;
  /** The list has a draft (or returned version) that the import will replace. */
  replacesDraft: boolean;
  onClose: () => void;
  /** The draft the import made or replaced. */
  onImported: (versionId: string) => void;
}

export default function ImportModal({ open, agencyId, agencyName, kind, kindLabel, replacesDraft, onClose, onImported }: Props) {
  const [note, setNote] = useState('');
  return (
    <SpreadsheetImportModal<ImportJob>
      open={open}
      title={`导入 Excel：${kindLabel}`}
      intro={`按模板填写${agencyName}的${kindLabel}后上传。系统逐行检查，只要有一处错误，整个文件都不导入，并逐行列出问题。${
        replacesDraft
          ? '本清单已有未提交的草稿，导入成功后将替换该草稿的全部条目。'
          : '导入成功后生成新的草稿，须提交法制审核，审核通过后才公布。'
      }`}
      templateUrl={catalog.templateUrl(kind)}
      templateLabel={`下载${kindLabel}导入模板`}
      start={(file) => catalogImports.start({ agencyId, kind, note: note.trim() || undefined }, file)}
      poll={catalogImports.get}
      success={(job) =>
        job.result
          ? {
              title: `导入成功：共 ${job.result.entryCount} 条，已保存为第${job.result.version}版草稿`,
              description: '请核对草稿后提交法制审核；审核通过后才在公示平台公布。',
            }
          : null
      }
      successAction={{ label: '查看草稿', onClick: (job) => job.result && onImported(job.result.versionId) }}
      onClose={() => {
        setNote('');
        onClose();
      }}
    >
      {replacesDraft ? null : (
        <Form.Item label="编制说明" htmlFor="catalog-import-note">
          <Input
            id="catalog-import-note"
            value={note}
            maxLength={1000}
            placeholder="默认“由 Excel 文件导入”"
            onChange={(e) => setNote(e.target.value)}
          />
        </Form.Item>
      )}
    </SpreadsheetImportModal>
  );
}
