import type { DownloadRequest, PageSays, WorkerSays } from './download-protocol';
import { DOWNLOAD_PATH } from './download-protocol';
import { messageOf } from '../errors';

/** How long the service worker may take to accept a download before the caller falls back to a Blob. */
const READY_TIMEOUT_MS = 2000;
/**
 * The file goes to the worker in parts of this many bytes, each filled with as many pieces as fit: a message and
 * a pull back cost the same for a kilobyte as for a megabyte, and encoding into one buffer allocates once per part.
 */
const PART_BYTES = 1 << 20;

/** Encodes pieces of text into parts of PART_BYTES; a piece that does not fit goes on in the next part. */
class PartWriter {
  readonly #pieces: AsyncIterator<string>;
  readonly #encoder = new TextEncoder();
  /** What is left of the last piece taken. */
  #rest = '';

  constructor(pieces: AsyncIterator<string>) {
    this.#pieces = pieces;
  }

  /** The next part, or null once the pieces are done. */
  async next(): Promise<Uint8Array | null> {
    const part = new Uint8Array(PART_BYTES);
    let used = 0;
    while (used < PART_BYTES) {
      if (this.#rest === '') {
        const next = await this.#pieces.next();
        if (next.done) break;
        this.#rest = next.value;
      }
      const { read, written } = this.#encoder.encodeInto(this.#rest, part.subarray(used));
      used += written;
      this.#rest = this.#rest.slice(read);
      // Not even the next character fits: the part is full.
      if (this.#rest !== '') break;
    }
    return used === 0 ? null : part.subarray(0, used);
  }
}

/**
 * Streams a file to disk through the service worker, a piece at a time as the browser writes it, so a file of
 * any size never sits in memory. Resolves false, having sent nothing, when no service worker controls the page
 * (the first visit, a private window): the caller then builds the file as a Blob.
 */
export async function streamDownload(
  pieces: AsyncIterator<string>,
  fileName: string,
  mimeType: string,
  open: (url: string) => void,
): Promise<boolean> {
  const worker = typeof navigator === 'undefined' ? null : navigator.serviceWorker?.controller;
  if (!worker) return false;
  const { port1: port, port2 } = new MessageChannel();
  const id = crypto.getRandomValues(new Uint32Array(2)).join('-');
  const request: DownloadRequest = { type: 'download', id, fileName, mimeType };
  const ready = new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS);
    port.onmessage = (event: MessageEvent<WorkerSays>) => {
      if (event.data !== 'ready') return;
      clearTimeout(timer);
      resolve(true);
    };
  });
  worker.postMessage(request, [port2]);
  if (!(await ready)) {
    port.close();
    return false;
  }

  const send = (message: PageSays, transfer: Transferable[] = []) => port.postMessage(message, transfer);
  // The next part is made while the worker hands the last one to the browser, not after it asks: the page works
  // while messages travel and the file is written, and never holds more than one part besides the one sent.
  const parts = new PartWriter(pieces);
  let ahead = parts.next();
  ahead.catch(() => undefined);
  const finished = new Promise<void>((resolve, reject) => {
    port.onmessage = async (event: MessageEvent<WorkerSays>) => {
      if (event.data === 'cancel') {
        await ahead.catch(() => undefined);
        await pieces.return?.();
        resolve();
        return;
      }
      if (event.data !== 'pull') return;
      try {
        const chunk = await ahead;
        if (chunk === null) {
          send({ done: true });
          resolve();
        } else {
          ahead = parts.next();
          ahead.catch(() => undefined);
          send({ chunk }, [chunk.buffer]);
        }
      } catch (error) {
        send({ error: messageOf(error) });
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
  });
  open(`${DOWNLOAD_PATH}${id}`);
  try {
    await finished;
  } finally {
    port.close();
  }
  return true;
}
