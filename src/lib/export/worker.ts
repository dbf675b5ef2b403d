/**
 * An export worker: formats its share of a session's records off the page, reading them from IndexedDB itself.
 * The page starts two, one a core, and writes the file from their chunks in turn (export-bytes.ts).
 */
import { FramesDb } from '../persist/frames-db';
import { ExportJobRunner } from './job';
import type { ExportPageSays, ExportWorkerSays } from './protocol';

interface WorkerScope {
  onmessage: ((event: MessageEvent<ExportPageSays>) => void) | null;
  postMessage(message: ExportWorkerSays, transfer: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;
const runner = new ExportJobRunner(new FramesDb(), (message, transfer) =>
  scope.postMessage(message, transfer),
);
scope.onmessage = (event) => runner.receive(event.data);
