/**
 * Which sessions are being recorded right now, in any tab. A recording tab holds a Web Lock named after its
 * session; a closed or killed tab releases it, so a session left "recording" without its lock was interrupted.
 */
const PREFIX = 'wsi-recording-';

/**
 * Takes the session's lock and resolves once it is held, so the session can be listed as recording without any
 * other tab mistaking it for an interrupted one. The lock is held until the returned function is called.
 */
export function holdRecordingLock(sessionId: string): Promise<() => void> {
  return new Promise((granted) => {
    void navigator.locks.request(
      PREFIX + sessionId,
      () => new Promise<void>((release) => granted(() => release())),
    );
  });
}

export async function sessionsRecordingNow(): Promise<Set<string>> {
  const { held = [] } = await navigator.locks.query();
  return new Set(
    held
      .map((lock) => lock.name ?? '')
      .filter((name) => name.startsWith(PREFIX))
      .map((name) => name.slice(PREFIX.length)),
  );
}
