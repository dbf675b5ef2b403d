/** What an import reads from, and how large a file of each kind may be. */
import { formatCount } from '../display/size';

/** Native files are read a line at a time, so they may be large; a HAR is one JSON value, parsed whole. */
export const MAX_NATIVE_BYTES = 4 * 1024 ** 3;
export const MAX_HAR_BYTES = 512 * 1024 ** 2;
/** The longest line read: a 64 MB binary message in base64, with room for its fields. */
export const MAX_LINE_CHARS = 90 * 1024 ** 2;

/** What a file or a share link is read from: a File or Blob. */
export interface ImportSource {
  readonly name: string;
  readonly size: number;
  stream(): ReadableStream<Uint8Array>;
}

/** Why a file is refused for its size. */
export function tooLarge(source: ImportSource, limit: number): string {
  const mb = (bytes: number) => `${formatCount(Math.round(bytes / 1024 ** 2))} MB`;
  return `${source.name} is ${mb(source.size)}; files of this kind are read up to ${mb(limit)}.`;
}
