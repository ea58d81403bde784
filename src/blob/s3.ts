/**
 * The S3-compatible blob store (`LAWTRAIL_BLOB_STORE=s3`): AWS S3, MinIO, Ceph RGW, OSS/COS in S3 mode, s3rver.
 *
 * Uploads are staged in a local store (appended to a file under `<stagingRoot>/uploads/` and hashed as the bytes
 * arrive, exactly as without S3). When the last byte is in, `finish` puts the staged file into the bucket under
 *   <algorithm>/<aa>/<bb>/<digest>
 * — the same layout as the local folder — and removes it from staging. S3 cannot append: multipart parts must be at
 * least 5 MiB while tus pieces have any size, and the digest must be known before the key is (docs/decisions/0009).
 */
import { createReadStream } from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { type BlobStore, createLocalBlobStore, type HashAlgorithm, hashStream } from './store.js';

export interface S3Options {
  /** `http://127.0.0.1:9000` for MinIO and the like; null for AWS itself (the region's endpoint). */
  endpoint: string | null;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `http://host/bucket/key` instead of `http://bucket.host/key` (what most S3-compatible servers need). */
  forcePathStyle: boolean;
}

/** A blob store that failed for a reason outside the application: the message names the operation, key and cause. */
export class BlobStoreError extends Error {
  override name = 'BlobStoreError';
}

/** Parts of at least 8 MiB, four in flight: at most ≈32 MiB of a file in memory however large it is. */
const minPartBytes = 8 << 20;
const maxParts = 10_000;
const partsInFlight = 4;
const connectionsPerStore = 256;

export function blobKey(algorithm: HashAlgorithm, digest: string): string {
  if (!/^[0-9a-f]{64}$/.test(digest)) throw new Error(`not a digest: ${digest}`);
  return `${algorithm}/${digest.slice(0, 2)}/${digest.slice(2, 4)}/${digest}`;
}

export function createS3Client(options: S3Options): S3Client {
  return new S3Client({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    forcePathStyle: options.forcePathStyle,
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    // The SDK's default CRC32 checksums (aws-chunked bodies with trailers) are not understood by every S3-compatible
    // server; the blob's own digest is what the platform checks, on every `verify`.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // Each download being served holds a connection for as long as its reader takes (a video played in a browser):
    // more than the SDK's default 50; and an unreachable endpoint fails in seconds, not at the system's TCP timeout.
    requestHandler: {
      connectionTimeout: 10_000,
      httpAgent: { keepAlive: true, maxSockets: connectionsPerStore },
      httpsAgent: { keepAlive: true, maxSockets: connectionsPerStore },
    },
  });
}

interface SdkError {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

/** The object is not there (a missing bucket is an error, not a missing file). */
function isMissingObject(error: unknown): boolean {
  const e = error as SdkError;
  if (e?.name === 'NoSuchKey' || e?.name === 'NotFound') return true;
  return e?.$metadata?.httpStatusCode === 404 && e.name !== 'NoSuchBucket';
}

function reasonOf(error: unknown): string {
  const e = error as SdkError;
  const name = e?.name ?? '';
  const status = e?.$metadata?.httpStatusCode;
  const cause = `${name || 'Error'}${status ? ` HTTP ${status}` : ''}${e?.message && e.message !== name ? `: ${e.message}` : ''}`;
  if (name === 'NoSuchBucket') return `存储桶不存在（${cause}）`;
  if (isMissingObject(error)) return `对象不存在（${cause}）`;
  if (['AccessDenied', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'Forbidden'].includes(name) || status === 403) {
    return `访问被拒绝，请检查 LAWTRAIL_S3_ACCESS_KEY_ID 与 LAWTRAIL_S3_SECRET_ACCESS_KEY（${cause}）`;
  }
  if (e?.code && /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|ETIMEDOUT|EHOSTUNREACH)$/.test(e.code)) {
    return `无法连接对象存储，请检查 LAWTRAIL_S3_ENDPOINT（${e.code}${e.message ? `: ${e.message}` : ''}）`;
  }
  return cause;
}

export function createS3BlobStore(options: S3Options, algorithm: HashAlgorithm, stagingRoot: string): BlobStore {
  const staging = createLocalBlobStore(stagingRoot, algorithm);
  const client = createS3Client(options);
  const bucket = options.bucket;
  const failure = (operation: string, key: string, error: unknown) =>
    new BlobStoreError(`对象存储${operation}失败 s3://${bucket}/${key}：${reasonOf(error)}`, { cause: error });

  async function exists(key: string): Promise<boolean> {
    try {
      await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return true;
    } catch (error) {
      if (isMissingObject(error)) return false;
      throw failure('查询', key, error);
    }
  }

  async function put(key: string, file: string, size: number): Promise<void> {
    if (await exists(key)) return;
    const upload = new Upload({
      client,
      params: {
        Bucket: bucket,
        Key: key,
        Body: createReadStream(file, { highWaterMark: 1 << 20 }),
        ContentType: 'application/octet-stream',
      },
      partSize: Math.max(minPartBytes, Math.ceil(size / maxParts)),
      queueSize: partsInFlight,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      throw failure('写入', key, error);
    }
  }

  return {
    algorithm,
    append: (uploadId, source, expectedOffset, maxBytes) => staging.append(uploadId, source, expectedOffset, maxBytes),
    async finish(uploadId) {
      const { digest, size, file } = await staging.staged(uploadId);
      // If the put fails, the staged bytes stay: the upload is complete but unstored, and finishing it again retries.
      await put(blobKey(algorithm, digest), file, size);
      staging.discard(uploadId);
      return { digest, size };
    },
    open(digest, range) {
      const key = blobKey(algorithm, digest);
      const out = new PassThrough({ highWaterMark: 1 << 20 });
      const abort = new AbortController();
      // The reader went away before the object arrived (a browser seeking in a video): stop asking for it. Once it has
      // arrived, the pipeline destroys the response when the reader goes away.
      const stopAsking = () => abort.abort();
      out.once('close', stopAsking);
      const request = new GetObjectCommand({ Bucket: bucket, Key: key, ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) });
      client.send(request, { abortSignal: abort.signal }).then(
        (response) => {
          out.off('close', stopAsking);
          pipeline(response.Body as Readable, out).catch((error) => {
            if (!out.destroyed) out.destroy(failure('读取', key, error));
          });
        },
        (error) => {
          if (!out.destroyed) out.destroy(failure('读取', key, error));
        },
      );
      return out;
    },
    async rehash(digest) {
      const key = blobKey(algorithm, digest);
      let body: Readable;
      try {
        body = (await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body as Readable;
      } catch (error) {
        if (isMissingObject(error)) return null;
        throw failure('读取', key, error);
      }
      try {
        return await hashStream(algorithm, body);
      } catch (error) {
        throw failure('读取', key, error);
      }
    },
    async remove(digest) {
      const key = blobKey(algorithm, digest);
      try {
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      } catch (error) {
        if (!isMissingObject(error)) throw failure('删除', key, error);
      }
    },
  };
}
