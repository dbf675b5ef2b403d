/// <reference lib="webworker" />
import type { PageSays, WorkerSays } from '../lib/pwa/download-protocol';
import { DOWNLOAD_PATH, isDownloadRequest } from '../lib/pwa/download-protocol';

export { DOWNLOAD_PATH };

interface PendingDownload {
  port: MessagePort;
  fileName: string;
  mimeType: string;
}

/** A registered download not opened within this long is forgotten. */
const PENDING_MS = 60_000;
const pending = new Map<string, PendingDownload>();

/** A page registers a download and gets "ready" back once its URL answers. */
export function takeDownload(data: unknown, port: MessagePort | undefined): void {
  if (!isDownloadRequest(data) || port === undefined) return;
  pending.set(data.id, { port, fileName: data.fileName, mimeType: data.mimeType });
  setTimeout(() => pending.delete(data.id), PENDING_MS);
  say(port, 'ready');
}

/** The file as a stream that asks the page for each next piece only when the browser has written the last. */
export function serveDownload(url: URL): Promise<Response> {
  const id = url.pathname.slice(DOWNLOAD_PATH.length);
  const download = pending.get(id);
  if (download === undefined) {
    return Promise.resolve(new Response('This download has expired: export again.', { status: 404 }));
  }
  pending.delete(id);
  const { port } = download;
  const body = new ReadableStream<Uint8Array>(
    {
      pull: (controller) =>
        new Promise<void>((resolve) => {
          port.onmessage = (event: MessageEvent<PageSays>) => {
            const message = event.data;
            if ('chunk' in message) controller.enqueue(message.chunk);
            else if ('done' in message) controller.close();
            else controller.error(new Error(message.error));
            resolve();
          };
          say(port, 'pull');
        }),
      cancel: () => say(port, 'cancel'),
    },
    { highWaterMark: 1 },
  );
  return Promise.resolve(
    new Response(body, {
      headers: {
        'Content-Type': download.mimeType,
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(download.fileName)}`,
        'X-Content-Type-Options': 'nosniff',
      },
    }),
  );
}

function say(port: MessagePort, message: WorkerSays): void {
  port.postMessage(message);
}
