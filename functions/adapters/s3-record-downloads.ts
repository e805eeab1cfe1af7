import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Download, RecordFiles } from '../domain/ports.js';

/**
 * The records bucket's downloads alone, for the functions that only hand out record links (the case packet, the
 * console's case view): a bundle keeps every method of a class it uses, and S3RecordFiles adds the rest.
 */
export class S3RecordDownloads implements Pick<RecordFiles, 'presignGet'> {
  constructor(
    protected readonly s3: S3Client,
    protected readonly bucket: string,
  ) {}

  /**
   * S3 answers with the headers the signed query asks for: the type and name given (the record's checked
   * content's), as an attachment, never cached. It cannot add `X-Content-Type-Options: nosniff`; an
   * attachment is saved, not rendered, so nothing is sniffed to decide how to show it (README, Security).
   */
  async presignGet(key: string, download: Download, expiresInSeconds: number): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseContentType: download.contentType,
      // Our names are plain ASCII (`<type>-<recordId>.<ext>`); anything else could break out of the quotes.
      ResponseContentDisposition: `attachment; filename="${download.fileName.replace(/[^\w.-]/g, '_')}"`,
      ResponseCacheControl: 'private, no-store',
    });
    return getSignedUrl(this.s3, command, { expiresIn: expiresInSeconds });
  }
}
