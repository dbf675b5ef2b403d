/** The File Handling API (Chromium): files the operating system opened with the installed app. */
interface LaunchParams {
  readonly files: readonly FileSystemFileHandle[];
}

interface LaunchQueue {
  setConsumer(consumer: (params: LaunchParams) => void | Promise<void>): void;
}

interface Window {
  readonly launchQueue?: LaunchQueue;
}
