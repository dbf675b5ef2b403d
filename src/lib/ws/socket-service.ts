import type { SocketCommand, SocketReport } from './worker-protocol';

/** The worker's side of its channel to the page (the worker's global scope; a test passes a stand-in). */
export interface PagePort {
  onmessage: ((event: MessageEvent<SocketCommand>) => void) | null;
  postMessage(message: SocketReport[], transfer: Transferable[]): void;
}

export interface SocketServiceOptions {
  createSocket: (url: string, protocols: string[]) => WebSocket;
  /** Epoch milliseconds with sub-millisecond precision, as the page stamps records. */
  now: () => number;
  setTimer: (callback: () => void, ms: number) => unknown;
}

/** While the socket still holds bytes, how often the page hears how many (it samples once a frame). */
const BUFFERED_POLL_MS = 50;
/**
 * The most a batch holds before it goes without waiting for the timer: the page handles a batch in one task, and
 * a burst the network delivered at once (ten thousand messages after a stall) would otherwise be a task of 100 ms
 * and more. 256 texts of 100 B take the page 2-3 ms here.
 */
export const MAX_BATCH_REPORTS = 256;
export const MAX_BATCH_BYTES = 1 << 20;

/**
 * Runs the socket a WorkerSocket asks for and reports its events back, each stamped as it fired.
 *
 * Reports go out in batches: everything that fired before a zero-delay timer runs, which under a firehose is
 * hundreds of messages in one postMessage, and for a lone message a delay of about a millisecond; a batch that
 * reaches MAX_BATCH_REPORTS or MAX_BATCH_BYTES goes at once.
 */
export function serveSocket(page: PagePort, options: SocketServiceOptions): void {
  const { now, setTimer } = options;
  let socket: WebSocket | null = null;
  let batch: SocketReport[] = [];
  let transfer: Transferable[] = [];
  let batchBytes = 0;
  let flushPending = false;
  let sentSinceReport = 0;
  let pollPending = false;

  const post = () => {
    if (batch.length === 0) return;
    page.postMessage(batch, transfer);
    batch = [];
    transfer = [];
    batchBytes = 0;
  };
  const report = (event: SocketReport) => {
    batch.push(event);
    if (event.type === 'message') {
      const { data } = event;
      // An ArrayBuffer moves to the page rather than being copied; nothing here reads it again.
      if (data instanceof ArrayBuffer) transfer.push(data);
      batchBytes +=
        typeof data === 'string' ? data.length : data instanceof Blob ? data.size : data.byteLength;
    }
    if (batch.length >= MAX_BATCH_REPORTS || batchBytes >= MAX_BATCH_BYTES) post();
    if (flushPending) return;
    flushPending = true;
    setTimer(() => {
      flushPending = false;
      post();
    }, 0);
  };
  const reportBuffered = () => {
    if (!socket) return;
    const amount = socket.bufferedAmount;
    report({ type: 'buffered', sent: sentSinceReport, amount });
    sentSinceReport = 0;
    if (amount === 0 || pollPending) return;
    pollPending = true;
    setTimer(() => {
      pollPending = false;
      reportBuffered();
    }, BUFFERED_POLL_MS);
  };

  const connect = ({ url, protocols, binaryType }: Extract<SocketCommand, { type: 'connect' }>) => {
    let opened: WebSocket;
    try {
      opened = options.createSocket(url, protocols);
    } catch (error) {
      const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
      report({ type: 'refused', name, message });
      return;
    }
    socket = opened;
    opened.binaryType = binaryType;
    opened.addEventListener('open', () =>
      report({ type: 'open', t: now(), protocol: opened.protocol, extensions: opened.extensions }),
    );
    opened.addEventListener('message', (event: MessageEvent<string | ArrayBuffer | Blob>) =>
      report({ type: 'message', t: now(), data: event.data }),
    );
    opened.addEventListener('error', () => report({ type: 'error', t: now() }));
    opened.addEventListener('close', (event) =>
      report({ type: 'close', t: now(), code: event.code, reason: event.reason, wasClean: event.wasClean }),
    );
  };

  page.onmessage = ({ data: command }) => {
    switch (command.type) {
      case 'connect':
        connect(command);
        return;
      case 'binaryType':
        if (socket) socket.binaryType = command.binaryType;
        return;
      case 'send':
        // The page sends only once the socket is open (WorkerSocket throws before then).
        socket?.send(command.data);
        sentSinceReport += command.size;
        reportBuffered();
        return;
      case 'close':
        // The page checked the code and reason (checkCloseRequest), as it does before closing a socket itself.
        socket?.close(command.code, command.reason);
        return;
    }
  };
}
