/**
 * Removes APP1 (EXIF/XMP, where phones put GPS position) and comment segments from a JPEG.
 * Photos are shown to other roles and the public; the case's location lives in its own
 * protected columns, not in the picture. Image data is left untouched.
 */
export function stripJpegMetadata(bytes: Buffer): Buffer {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return bytes;
  const kept: Buffer[] = [bytes.subarray(0, 2)];
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return bytes; // not a marker where one must be: leave the file as it was
    const marker = bytes[offset + 1] as number;
    if (marker === 0xda) {
      kept.push(bytes.subarray(offset)); // start of scan: the rest is image data
      return Buffer.concat(kept);
    }
    const length = bytes.readUInt16BE(offset + 2);
    const end = offset + 2 + length;
    if (end > bytes.length) return bytes;
    const isApp1 = marker === 0xe1;
    const isComment = marker === 0xfe;
    if (!isApp1 && !isComment) kept.push(bytes.subarray(offset, end));
    offset = end;
  }
  return bytes;
}

/** Removes PNG ancillary chunks that can carry text or EXIF (tEXt, zTXt, iTXt, eXIf). */
export function stripPngMetadata(bytes: Buffer): Buffer {
  const signature = bytes.subarray(0, 8);
  if (bytes.length < 8 || signature.toString('hex') !== '89504e470d0a1a0a') return bytes;
  const kept: Buffer[] = [signature];
  let offset = 8;
  while (offset + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const end = offset + 12 + length;
    if (end > bytes.length) return bytes;
    if (!['tEXt', 'zTXt', 'iTXt', 'eXIf'].includes(type)) kept.push(bytes.subarray(offset, end));
    offset = end;
  }
  return Buffer.concat(kept);
}
