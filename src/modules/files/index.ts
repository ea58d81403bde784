import type { App } from '../../http/types.js';
import type { AppContext } from '../../kernel/context.js';
import { registerFileRoutes } from './files.routes.js';

export { FileBytes } from './files.routes.js';
export { appendToUpload, createUpload, getFile, presentFile, type StoredFileRow, storeFileBytes } from './files.service.js';
export { sendStoredFile } from './send.js';
export { fileStateChecks } from './state-checks.js';

export function registerFilesModule(app: App, ctx: AppContext): void {
  registerFileRoutes(app, ctx);
}
