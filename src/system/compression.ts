import {gunzipSync} from 'node:zlib';

/**
 * A gzip file's text, at most `maxBytes` once unpacked (a small file can unpack to gigabytes).
 * Throws a plain Error with zlib's reason when the bytes are not gzip or exceed the limit;
 * the caller says what to do about it.
 */
export function gunzipText(bytes: Buffer, maxBytes: number): string {
  try {
    return gunzipSync(bytes, {maxOutputLength: maxBytes}).toString('utf8');
  } catch (error) {
    if ((error as {code?: unknown}).code === 'ERR_BUFFER_TOO_LARGE') throw new Error(`unpacks to more than ${maxBytes} bytes`);
    throw new Error((error as Error).message);
  }
}
