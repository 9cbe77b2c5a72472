import { fileTypeFromBuffer } from 'file-type';
import type { FileStore } from '../../platform/files/file-store.js';
import { AppError } from '../../platform/http/errors.js';
import { stripJpegMetadata, stripPngMetadata } from './strip-metadata.js';

const ALLOWED = new Set(['image/jpeg', 'image/png', 'image/webp']);

export interface StoredImage {
  storageKey: string;
  sha256: string;
  contentType: string;
  byteSize: number;
}

/** Checks size and content type by the bytes (413/415); returns the detected type. */
export async function checkImage(bytes: Buffer, maxBytes: number): Promise<string> {
  if (bytes.length === 0) {
    throw new AppError(400, 'EMPTY_FILE', { zh: '上传的文件为空', en: 'the uploaded file is empty' });
  }
  if (bytes.length > maxBytes) {
    throw new AppError(413, 'FILE_TOO_LARGE', {
      zh: `文件过大，最大 ${Math.floor(maxBytes / 1024 / 1024)} MB`,
      en: `file too large; the limit is ${Math.floor(maxBytes / 1024 / 1024)} MB`,
    });
  }
  const detected = await fileTypeFromBuffer(bytes);
  if (!detected || !ALLOWED.has(detected.mime)) {
    throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', {
      zh: '只接受 JPEG、PNG 或 WebP 图片',
      en: 'only JPEG, PNG or WebP images are accepted',
    });
  }
  return detected.mime;
}

/**
 * Checks an upload by its bytes (never its name or declared type), strips location metadata
 * and stores it. The key is the content hash, so the same photo sent twice is stored once.
 */
export async function storeImage(files: FileStore, bytes: Buffer, maxBytes: number): Promise<StoredImage> {
  const mime = await checkImage(bytes, maxBytes);
  const cleaned =
    mime === 'image/jpeg' ? stripJpegMetadata(bytes) : mime === 'image/png' ? stripPngMetadata(bytes) : bytes;
  const { key, sha256 } = await files.put(cleaned);
  return { storageKey: key, sha256, contentType: mime, byteSize: cleaned.length };
}
