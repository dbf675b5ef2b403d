import type { DownloadRequest, PageSays, WorkerSays } from './download-protocol';
import { DOWNLOAD_PATH } from './download-protocol';
import { messageOf } from '../errors';

/** How long the service worker may take to accept a download before the caller falls back to a Blob. */
const READY_TIMEOUT_MS = 2000;
/**
 * Streams a file to disk through the service worker, a part at a time as the browser writes it, so a file of
 * any size never sits in memory. Resolves false, having sent nothing, when no service worker controls the page
 * (the first visit, a private window): the caller then builds the file as a Blob.
 */
export async function streamDownload(
  parts: AsyncIterator<Uint8Array>,
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
  const nextPart = async () => {
    const next = await parts.next();
    return next.done ? null : next.value;
  };
  let ahead = nextPart();
  ahead.catch(() => undefined);
  const finished = new Promise<void>((resolve, reject) => {
    port.onmessage = async (event: MessageEvent<WorkerSays>) => {
      if (event.data === 'cancel') {
        await ahead.catch(() => undefined);
        await parts.return?.();
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
          ahead = nextPart();
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
