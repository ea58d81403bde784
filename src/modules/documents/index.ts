import type { App } from '../../http/types.js';
import type { AppContext } from '../../kernel/context.js';
import { registerDocumentRoutes } from './documents.routes.js';

export { type DocumentBlock, type DocumentContent, formatChineseDate } from './content.js';
export {
  type DocumentFormat,
  documentVerifyPath,
  documentVerifyUrl,
  getDocument,
  type IssueDocumentInput,
  type IssuedDocument,
  issueDocument,
  listDocuments,
  type PreparedDocument,
  prepareDocument,
  presentDocument,
  recordDocument,
} from './documents.service.js';
export { documentKindLabel, documentKinds, documentSeries } from './kinds.js';
export { readNumberFormat, setNumberFormat } from './number-formats.service.js';
export { type AllocatedNumber, defaultNumberFormat, deriveAbbreviation, formatDocumentNumber, nextDocumentNumber } from './numbering.js';
export { renderDocx } from './render-docx.js';
export { renderPdf, renderPdfDefinition } from './render-pdf.js';
export { documentStateChecks } from './state-checks.js';
export { type DocumentVerdict, verifyDocumentBytes } from './verify.js';

export function registerDocumentsModule(app: App, ctx: AppContext): void {
  registerDocumentRoutes(app, ctx);
}
