import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ByteSource, PresignedForm, RecordFiles } from '../domain/ports.js';
import { ObjectChangedError } from '../shared/errors.js';
import { S3RecordDownloads } from './s3-record-downloads.js';

/** The records bucket: presigned uploads bound to one key, type and size; no file passes through a Lambda. */
export class S3RecordFiles extends S3RecordDownloads implements RecordFiles {
  async presignPut(
    key: string,
    contentType: string,
    sizeBytes: number,
    expiresInSeconds: number,
  ): Promise<string> {
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ContentType: contentType,
      ContentLength: sizeBytes,
    });
    return getSignedUrl(this.s3, command, {
      expiresIn: expiresInSeconds,
      signableHeaders: new Set(['content-type', 'content-length']),
    });
  }

  async presignForm(
    key: string,
    maxBytes: number,
    expiresInSeconds: number,
    redirect: string,
  ): Promise<PresignedForm> {
    const { url, fields } = await createPresignedPost(this.s3, {
      Bucket: this.bucket,
      Key: key,
      Expires: expiresInSeconds,
      Conditions: [
        ['content-length-range', 1, maxBytes],
        ['eq', '$success_action_redirect', redirect],
      ],
      Fields: { success_action_redirect: redirect },
    });
    return { url, fields };
  }

  /**
   * Ranged reads of one version: the version asked for, or the one HeadObject found (If-Match its ETag, and
   * each answer's ETag and total size compared, for stores that ignore If-Match): a replacement meanwhile
   * fails the read instead of mixing two files' bytes.
   */
  async open(key: string, versionId?: string): Promise<ByteSource | undefined> {
    let head;
    try {
      head = await this.s3.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: key, VersionId: versionId }),
      );
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
    const size = head.ContentLength ?? 0;
    const { ETag: etag } = head;
    const pin = versionId ? { VersionId: versionId } : { IfMatch: etag };
    return {
      size,
      read: async (offset, length) => {
        const end = Math.min(offset + length, size);
        if (offset >= end) return new Uint8Array();
        const object = await this.s3
          .send(
            new GetObjectCommand({
              Bucket: this.bucket,
              Key: key,
              Range: `bytes=${offset}-${end - 1}`,
              ...pin,
            }),
          )
          .catch((error: Error) => {
            throw error.name === 'PreconditionFailed' ? new ObjectChangedError(key) : error;
          });
        const bytes = await object.Body!.transformToByteArray();
        const total = Number(object.ContentRange?.split('/')[1]);
        if (object.ETag !== etag || total !== size || bytes.length !== end - offset) {
          throw new ObjectChangedError(key);
        }
        return bytes;
      },
    };
  }

  /** With the version from the notification the bytes are purged, not just hidden behind a delete marker. */
  async remove(key: string, versionId?: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key, VersionId: versionId }));
  }
}

function isMissing(error: unknown): boolean {
  return ['NotFound', 'NoSuchKey', 'NoSuchVersion'].includes((error as Error).name);
}
