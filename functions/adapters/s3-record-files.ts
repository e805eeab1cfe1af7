import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { PresignedForm, RecordFiles } from '../domain/ports.js';

const SNIFF_BYTES = 1024;

/** The records bucket: presigned uploads bound to one key, type and size; no file passes through a Lambda. */
export class S3RecordFiles implements RecordFiles {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

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

  async presignGet(key: string, fileName: string, expiresInSeconds: number): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    });
    return getSignedUrl(this.s3, command, { expiresIn: expiresInSeconds });
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

  async inspect(key: string): Promise<{ sizeBytes: number; head: Uint8Array } | undefined> {
    try {
      const head = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      const sizeBytes = head.ContentLength ?? 0;
      if (sizeBytes === 0) return { sizeBytes, head: new Uint8Array() };
      const object = await this.s3.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=0-${SNIFF_BYTES - 1}` }),
      );
      return { sizeBytes, head: await object.Body!.transformToByteArray() };
    } catch (error) {
      if ((error as Error).name === 'NotFound' || (error as Error).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  /** With the version from the notification the bytes are purged, not just hidden behind a delete marker. */
  async remove(key: string, versionId?: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key, VersionId: versionId }));
  }
}
