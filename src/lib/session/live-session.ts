import { openRules } from '../automation/rules';
import type { AutoRule } from '../automation/rules';
import type { Result } from '../result';
import type { ConnectRequest, LiveSessionDeps } from './live-session-types';
import { ReconnectScheduler } from './reconnect-scheduler';
import { RecordedConnection } from './recorded-connection';

export type { ComposedMessage } from '../compose/message';
// The types most of the app imports from here, where they were before they moved.
export type * from './live-session-types';

/**
 * One connection slot being recorded: it owns the Connection, the Recorder of its current session, the reconnect
 * policy, the send counter behind `{{$seq}}` and the messages sent on open, and publishes what happens as typed
 * events. It decides nothing about what is on screen: views subscribe. Any number can run side by side. The
 * connection and its recording are RecordedConnection's; reconnecting and the sends on open are this class's.
 */
export class LiveSession extends RecordedConnection {
  readonly #reconnects: ReconnectScheduler;
  /** The person asked for the close under way: no reconnecting after it. */
  #closeRequested = false;
  /** Set by connectWhenClosed while the previous connection is still closing. */
  #connectAfterClose: ConnectRequest | null = null;
  #openedAt: number | null = null;

  constructor(deps: LiveSessionDeps) {
    super(deps);
    this.#reconnects = new ReconnectScheduler(this.clock, deps.timers);
  }

  /**
   * The current connection's rules: `sendOnOpen` as `open` rules, then the request's. LiveSession sends the open
   * ones; an AutoReplies attached to this session (lib/automation) answers with the `reply` ones.
   */
  get rules(): readonly AutoRule[] {
    const request = this.request;
    return request === null ? [] : [...openRules(request.sendOnOpen), ...(request.rules ?? [])];
  }

  /** Starts a connection and its recording. Returns why it could not start, if it could not. */
  override connect(request: ConnectRequest): Result<void> {
    this.#reconnects.cancelTimer();
    this.#closeRequested = false;
    return super.connect(request);
  }

  /** Connects now, or, while a connection is still closing, as soon as it has closed. */
  connectWhenClosed(request: ConnectRequest): void {
    this.#closeRequested = true;
    if (this.isActive || this.status === 'closing') {
      this.#connectAfterClose = request;
      // The handshake alone: unlike close(), this leaves the reconnect backoff where it was.
      if (this.isActive) super.close(1000, '');
    } else {
      this.connect(request);
    }
  }

  /** Starts the closing handshake; the code and reason must already be valid (see checkCloseRequest). */
  override close(code: number, reason: string): void {
    this.cancelReconnect();
    this.#closeRequested = true;
    super.close(code, reason);
  }

  cancelReconnect(): void {
    this.#reconnects.cancel();
    this.emit('reconnect', null);
  }

  protected override opened(at: number): void {
    this.#openedAt = at;
    for (const rule of this.rules) {
      if (rule.kind !== 'open') continue;
      const sent = this.send(rule.reply);
      if (!sent.ok) this.appendNote(`A message to send on open was not sent: ${sent.error}`);
    }
  }

  protected override closing(): void {
    this.#reconnects.closed(this.#openedAt);
    this.#openedAt = null;
  }

  protected override closed(): void {
    const next = this.#connectAfterClose;
    if (next !== null) {
      this.#connectAfterClose = null;
      this.connect(next);
    } else if (!this.#closeRequested && this.request?.reconnect) {
      this.#scheduleReconnect(this.request);
    }
  }

  #scheduleReconnect(request: ConnectRequest): void {
    const gaveUp = this.#reconnects.schedule(
      () => this.connect(request),
      (pending) => this.emit('reconnect', pending),
    );
    if (gaveUp === null) return;
    this.appendNote(gaveUp);
    this.emit('reconnect', null);
  }
}
