/**
 * A step's documents with their PDF and Word downloads. Downloading a document is an access (调阅): the purpose is
 * asked first and recorded with the download.
 */
import { FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import type { CaseDocument } from './api';
import PurposeModal, { purposeText } from './PurposeModal';
import { documentUrl, downloadFile } from './transfer';

interface Props {
  documents: CaseDocument[];
  /** Names the list for assistive technology: 法制审核的文书. */
  label: string;
}

export default function DocumentDownloads({ documents, label }: Props) {
  const { message } = App.useApp();
  const [downloading, setDownloading] = useState<{ document: CaseDocument; format: 'pdf' | 'docx' } | null>(null);
  if (documents.length === 0) return null;
  return (
    <>
      <ul className="cases-documents" aria-label={label}>
        {documents.map((document) => (
          <li key={document.id}>
            <span className="cases-document-title">{document.title}</span>
            <span className="cases-number">{document.number}</span>
            <Space size={4}>
              <Button
                size="small"
                icon={<FilePdfOutlined />}
                onClick={() => setDownloading({ document, format: 'pdf' })}
                aria-label={`下载PDF：${document.title} ${document.number}`}
              >
                下载PDF
              </Button>
              <Button
                size="small"
                icon={<FileWordOutlined />}
                onClick={() => setDownloading({ document, format: 'docx' })}
                aria-label={`下载Word：${document.title} ${document.number}`}
              >
                下载Word
              </Button>
            </Space>
          </li>
        ))}
      </ul>
      <PurposeModal
        open={downloading !== null}
        title={downloading ? `下载${downloading.format === 'pdf' ? 'PDF' : 'Word'}：${downloading.document.title}` : '下载文书'}
        okText="下载"
        intro={downloading ? <p>文号：{downloading.document.number}。下载文书是一次调阅，须说明目的。</p> : null}
        onClose={() => setDownloading(null)}
        onConfirm={async (purpose, note) => {
          if (!downloading) return;
          const { document, format } = downloading;
          const name = await downloadFile(documentUrl(document.id, format, purposeText(purpose, note)), `${document.title}.${format}`);
          setDownloading(null);
          message.success(`已下载：${name}`);
        }}
      />
    </>
  );
}
