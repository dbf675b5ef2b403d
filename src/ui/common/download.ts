/**
 * Opens a URL whose response is a download. With a file name the link is a download link; without one it is a
 * navigation, which is what a service worker answering with Content-Disposition: attachment needs (Chromium
 * sends download links straight to the network).
 */
export function openDownload(url: string, fileName?: string): void {
  const link = document.createElement('a');
  // eslint-disable-next-line no-restricted-syntax -- the URL is a blob: or the service worker's own download URL, never data
  link.href = url;
  if (fileName !== undefined) link.download = fileName;
  link.click();
}

/** Hands the person a file: a download of `blob` under `fileName`. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  openDownload(url, fileName);
  // The click has started the download; the URL is not needed after this task.
  setTimeout(() => URL.revokeObjectURL(url));
}

export function downloadText(text: string, fileName: string, type: string): void {
  downloadBlob(new Blob([text], { type }), fileName);
}
