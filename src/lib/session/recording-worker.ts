/**
 * PROTOTYPE (issue 15, measurement only): one LiveSession, its socket and its recorder, in a dedicated worker.
 * The page gets events and, after each commit, how far storage holds the session; it reads rows from IndexedDB.
 */
import { newId } from '../ids';
import { FramesDb } from '../persist/frames-db';
import { holdRecordingLock } from '../persist/liveness';
import { SessionsDb } from '../persist/sessions-db';
import type { StoredChunk } from '../record/chunk';
import type { SessionHead } from '../model/session';
import type { Recorder } from '../record/recorder';
import { LiveSession } from './live-session';

/** Remembers the first seq of every chunk (or piece) committed, for the page's chunk directory. */
class StartsTrackingFrames extends FramesDb {
  committed: [number, number][] = [];
  override async write(sessionId: string, chunks: StoredChunk[], head: SessionHead): Promise<void> {
    await super.write(sessionId, chunks, head);
    for (const chunk of chunks) this.committed.push([chunk.firstSeq, chunk.count]);
  }
}

const frames = new StartsTrackingFrames();
const session = new LiveSession({ frames, catalog: new SessionsDb(), newId, lock: holdRecordingLock });
const post = (message: unknown) => postMessage(message);

let recorder: Recorder | null = null;
let postedSaved = -1;
session.on('recording', ({ meta, recorder: started }) => {
  recorder = started;
  postedSaved = -1;
  frames.committed = [];
  post({ type: 'recording', meta });
});
session.on('changed', () => {
  if (recorder === null || recorder.savedCount === postedSaved) return;
  postedSaved = recorder.savedCount;
  const written = frames.committed;
  frames.committed = [];
  post({
    type: 'stored',
    sessionId: recorder.sessionId,
    savedCount: recorder.savedCount,
    length: recorder.length,
    totals: { ...recorder.totals },
    lagP50: recorder.lag.percentile(0.5),
    lagP99: recorder.lag.percentile(0.99),
    written,
  });
});
for (const type of ['status', 'open', 'close', 'persist', 'listed', 'reconnect', 'problem'] as const)
  session.on(type, (payload) => post({ type: 'event', name: type, payload }));

onmessage = (event: MessageEvent) => {
  const { call, args } = event.data as { call: string; args: unknown[] };
  const method = (session as unknown as Record<string, (...a: unknown[]) => unknown>)[call];
  if (typeof method === 'function') void method.apply(session, args);
  post({ type: 'bufferedAmount', value: session.bufferedAmount });
};
