/**
 * The blob store: file contents kept under their digest, never overwritten and never deleted by the application.
 * Bytes are hashed while they arrive (an upload is read once); a finished upload is moved (renamed) into place, so a
 * blob is either complete or absent. This is the local-folder store, the default; it keeps
 *   <root>/<algorithm>/<aa>/<bb>/<digest>     the contents
 *   <root>/uploads/<upload id>                 an upload in progress
 * The S3 store (s3.ts) stages uploads in a local store and puts each finished file into the bucket under the same key.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export type HashAlgorithm = 'sha256' | 'sm3';

export interface BlobStore {
  algorithm: HashAlgorithm;
  /** Appends bytes to an upload in progress, hashing them on the way; returns the upload's new size. */
  append(uploadId: string, source: Readable, expectedOffset: number, maxBytes: number): Promise<number>;
  /** Ends an upload: its digest, and the contents moved under it (kept once if the same bytes were stored before). */
  finish(uploadId: string): Promise<{ digest: string; size: number }>;
  /**
   * The stored bytes, whole or the inclusive byte range, as a stream returned at once (a route passes it straight to
   * `reply.send`); a blob that cannot be read makes the stream fail.
   */
  open(digest: string, range?: { start: number; end: number }): Readable;
  /** Reads a stored blob and hashes it again: what `verify` compares with the ledger. */
  rehash(digest: string): Promise<{ digest: string; size: number } | null>;
  /**
   * Removes a blob (nothing if it is not there). Only for derived files nobody recorded — the open-data bulk files of
   * days gone by — and only when no stored file (evidence, documents) has the same digest: a file the ledger recorded
   * is never removed.
   */
  remove(digest: string): Promise<void>;
}

export class UploadOffsetError extends Error {
  constructor(readonly actual: number) {
    super(`upload offset is ${actual}`);
  }
}

export class UploadTooLargeError extends Error {}

/**
 * Running digests of uploads in progress, kept in memory so that each byte is hashed once. If the process restarted
 * (or another process received the previous chunk), the bytes so far are hashed again once, on the next append.
 */
const running = new Map<string, { hash: Hash; offset: number }>();

const bufferBytes = 8 << 20;

/** Test hook: forget the running digests, as a restarted process would. */
export function forgetRunningDigests(): void {
  running.clear();
}

/** Reads a stream to its end: its digest and length. */
export async function hashStream(algorithm: HashAlgorithm, source: Readable): Promise<{ digest: string; size: number }> {
  const hash = createHash(algorithm);
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      hash.update(chunk);
      callback();
    },
  });
  await pipeline(source, counter);
  return { digest: hash.digest('hex'), size };
}

/** The local store, and what a store that stages its uploads here (s3.ts) needs besides. */
export interface LocalBlobStore extends BlobStore {
  /**
   * A complete upload's digest and size, and the file holding it, left where it is (the running digest is kept, so
   * asking again costs nothing): a store that keeps blobs elsewhere copies the file, then `discard`s the upload.
   */
  staged(uploadId: string): Promise<{ digest: string; size: number; file: string }>;
  /** Removes an upload's staged bytes and forgets its running digest. */
  discard(uploadId: string): void;
}

export function createLocalBlobStore(root: string, algorithm: HashAlgorithm): LocalBlobStore {
  const uploads = path.join(root, 'uploads');
  mkdirSync(uploads, { recursive: true });
  const blobPath = (digest: string) => {
    if (!/^[0-9a-f]{64}$/.test(digest)) throw new Error(`not a digest: ${digest}`);
    return path.join(root, algorithm, digest.slice(0, 2), digest.slice(2, 4), digest);
  };
  const partPath = (uploadId: string) => {
    if (!/^[0-9A-Za-z_-]{8,64}$/.test(uploadId)) throw new Error(`not an upload id: ${uploadId}`);
    return path.join(uploads, uploadId);
  };
  const sizeOf = (file: string) => (existsSync(file) ? statSync(file).size : 0);

  async function hashFile(file: string): Promise<Hash> {
    const hash = createHash(algorithm);
    if (existsSync(file)) {
      for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
    }
    return hash;
  }

  async function runningHash(uploadId: string, file: string): Promise<{ hash: Hash; offset: number }> {
    const size = sizeOf(file);
    const current = running.get(uploadId);
    if (current && current.offset === size) return current;
    const fresh = { hash: await hashFile(file), offset: size };
    running.set(uploadId, fresh);
    return fresh;
  }

  async function staged(uploadId: string) {
    const file = partPath(uploadId);
    const state = await runningHash(uploadId, file);
    return { digest: state.hash.copy().digest('hex'), size: state.offset, file };
  }

  return {
    algorithm,
    async append(uploadId, source, expectedOffset, maxBytes) {
      const file = partPath(uploadId);
      const state = await runningHash(uploadId, file);
      if (state.offset !== expectedOffset) {
        source.resume();
        throw new UploadOffsetError(state.offset);
      }
      let received = 0;
      // Deep buffers on both sides let hashing the next chunk overlap writing this one (the write runs on libuv's
      // thread pool): the upload then runs at the slower of the two rates instead of their sum.
      const hasher = new Transform({
        highWaterMark: bufferBytes,
        transform(chunk: Buffer, _encoding, callback) {
          received += chunk.length;
          if (received > maxBytes) {
            callback(new UploadTooLargeError(`more than ${maxBytes} bytes`));
            return;
          }
          state.hash.update(chunk);
          callback(null, chunk);
        },
      });
      try {
        await pipeline(source, hasher, createWriteStream(file, { flags: 'a', highWaterMark: bufferBytes }));
      } catch (error) {
        // Whatever reached the disk stays; the running digest no longer matches it, so it is rebuilt next time.
        running.delete(uploadId);
        throw error;
      }
      state.offset += received;
      return state.offset;
    },
    staged,
    discard(uploadId) {
      running.delete(uploadId);
      rmSync(partPath(uploadId), { force: true });
    },
    async finish(uploadId) {
      const { digest, size, file } = await staged(uploadId);
      running.delete(uploadId);
      const target = blobPath(digest);
      if (existsSync(target)) rmSync(file, { force: true });
      else {
        mkdirSync(path.dirname(target), { recursive: true });
        renameSync(file, target);
      }
      return { digest, size };
    },
    open(digest, range) {
      return createReadStream(blobPath(digest), range ? { start: range.start, end: range.end } : {});
    },
    async rehash(digest) {
      const file = blobPath(digest);
      if (!existsSync(file)) return null;
      return hashStream(algorithm, createReadStream(file, { highWaterMark: 1 << 20 }));
    },
    async remove(digest) {
      await rm(blobPath(digest), { force: true });
    },
  };
}
