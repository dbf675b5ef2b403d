/**
 * How the page streams a file to disk through the service worker: the page registers a download with a
 * MessagePort, then opens DOWNLOAD_PATH + id; the worker answers that request with a stream that asks the page
 * for one piece at a time. Shared by the page and the worker, so it uses no DOM or worker-only types.
 */
export const DOWNLOAD_PATH = '/__download/';

export interface DownloadRequest {
  type: 'download';
  id: string;
  fileName: string;
  mimeType: string;
}

/** Worker to page. */
export type WorkerSays = 'ready' | 'pull' | 'cancel';

/** Page to worker, answering a pull. */
export type PageSays = { chunk: Uint8Array } | { done: true } | { error: string };

export function isDownloadRequest(value: unknown): value is DownloadRequest {
  if (typeof value !== 'object' || value === null) return false;
  const request = value as Partial<DownloadRequest>;
  return (
    request.type === 'download' &&
    typeof request.id === 'string' &&
    /^[a-z0-9-]{1,64}$/.test(request.id) &&
    typeof request.fileName === 'string' &&
    typeof request.mimeType === 'string'
  );
}
