import type { FastifyReply, FastifyRequest } from 'fastify';
import { contentDisposition } from '../../http/content-disposition.js';
import type { AppContext } from '../../kernel/context.js';
import type { StoredFileRow } from './files.service.js';

/**
 * Sends a stored file's bytes with its digest, honouring a single byte range (so that browsers can seek in audio and
 * video) — for the file routes and for evidence read through a case.
 */
export function sendStoredFile(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  file: StoredFileRow,
  disposition: 'inline' | 'attachment',
) {
  const size = Number(file.size);
  reply
    .header('Content-Type', file.media_type)
    .header('Accept-Ranges', 'bytes')
    .header('Digest', `${file.algorithm}=${Buffer.from(file.digest, 'hex').toString('base64')}`)
    .header('Content-Disposition', contentDisposition(disposition, file.file_name, `file-${file.id}`));
  const range = /^bytes=(\d*)-(\d*)$/.exec(String(request.headers.range ?? ''));
  if (range && size > 0 && (range[1] !== '' || range[2] !== '')) {
    const start = range[1] === '' ? Math.max(0, size - Number(range[2])) : Number(range[1]);
    const end = range[1] === '' || range[2] === '' ? size - 1 : Math.min(Number(range[2]), size - 1);
    if (start > end || start >= size) return reply.code(416).header('Content-Range', `bytes */${size}`).send('');
    reply
      .code(206)
      .header('Content-Range', `bytes ${start}-${end}/${size}`)
      .header('Content-Length', String(end - start + 1));
    return reply.send(ctx.blobs.open(file.digest, { start, end }));
  }
  reply.header('Content-Length', String(size));
  return reply.send(size === 0 ? '' : ctx.blobs.open(file.digest));
}
