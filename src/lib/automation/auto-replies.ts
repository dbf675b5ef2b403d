import { Emitter } from '../events';
import type { Unsubscribe } from '../events';
import type { FrameRecord } from '../model/frame';
import { isMessage } from '../model/frame';
import type { Result } from '../result';
import { LoopGuard } from './loop-guard';
import type { FieldsDecoder } from './frame-match';
import { frameToMatch, payloadKey, plainJsonFields } from './frame-match';
import { PendingTimers } from './pending-timers';
import type { ReplyState } from './reply-rules';
import { compileReplies, replyCounts } from './reply-rules';
import type { AutoRule } from './rules';
import type { AutomationTarget, AutomationTimers } from './target';
import { realTimers } from './target';
import { matchValuesFor } from './when';

export interface AutoRepliesEvents {
  /** The rules could not be used (a rule the checks would have refused): no reply rule runs. */
  problem: string;
  /** Rule `rule` (its index in the list) sent a reply: `times` on this connection. */
  fired: { rule: number; times: number };
  /** Rule `rule` stopped on this connection: it reached its maximum, looped on its own replies, or failed. */
  stopped: { rule: number; reason: string };
}

export interface AutoRepliesOptions {
  timers?: AutomationTimers;
  /** What field conditions read; plain JSON unless a protocol's decoder is plugged in. */
  decode?: FieldsDecoder;
  loopGuard?: () => LoopGuard;
}

/**
 * The reply engine of a LiveSession, attached like keep-alive (one per session, by state when first needed, so
 * the first screen does not carry it): when a connection opens it takes the connection's `reply` rules (its
 * request's `rules`; LiveSession itself sends the `open` ones), tests each received frame against them, and a
 * match sends the rule's reply (with `{{$match…}}` filled in) from a timer, never inside the record dispatch that
 * delivered the frame. Pending replies are dropped when the connection closes. A rule replying to echoes of its
 * own replies is stopped and the session says so.
 */
export class AutoReplies {
  readonly #events = new Emitter<AutoRepliesEvents>();
  readonly #target: AutomationTarget;
  readonly #timers: AutomationTimers;
  readonly #guard: LoopGuard;
  #decode: FieldsDecoder;
  #rules: readonly AutoRule[] = [];
  #replies: ReplyState[] = [];
  #open = false;
  #records: Unsubscribe | null = null;
  readonly #pending: PendingTimers;
  /** The rule whose reply is being sent: its outgoing record is remembered for the loop guard. */
  #sending: number | null = null;
  readonly #subscriptions: Unsubscribe[];

  constructor(target: AutomationTarget, options: AutoRepliesOptions = {}) {
    this.#target = target;
    this.#timers = options.timers ?? realTimers;
    this.#pending = new PendingTimers(this.#timers);
    this.#decode = options.decode ?? plainJsonFields;
    this.#guard = options.loopGuard?.() ?? new LoopGuard();
    this.#subscriptions = [
      target.on('open', () => this.#opened()),
      target.on('close', () => this.#closed()),
      target.on('recording', () => this.#closed()),
    ];
  }

  /** Stops answering and lets go of the session. */
  dispose(): void {
    this.#closed();
    for (const off of this.#subscriptions) off();
  }

  on<K extends keyof AutoRepliesEvents>(
    type: K,
    listener: (payload: AutoRepliesEvents[K]) => void,
  ): Unsubscribe {
    return this.#events.on(type, listener);
  }

  get rules(): readonly AutoRule[] {
    return this.#rules;
  }

  /** Plugs in a protocol's decoder for field conditions (or plain JSON again with undefined). */
  set decode(decode: FieldsDecoder | undefined) {
    this.#decode = decode ?? plainJsonFields;
  }

  /** How often each reply rule fired on this connection, and whether it stopped; by index in `rules`. */
  get counts(): readonly { times: number; stopped: boolean }[] {
    return replyCounts(this.#rules, this.#replies);
  }

  /**
   * Replaces the rules at once, on the open connection too (counts start again); refuses the whole list, naming
   * the rule, if one cannot be used. The next connection takes its own request's rules.
   */
  setRules(rules: readonly AutoRule[]): Result<void> {
    const replies = compileReplies(rules);
    if (!replies.ok) return replies;
    this.#rules = [...rules];
    this.#replies = replies.value;
    this.#listen();
    return { ok: true, value: undefined };
  }

  /** A connection opened: it takes its request's rules, counts start again, and received frames are answered. */
  #opened(): void {
    this.#open = true;
    this.#guard.reset();
    const applied = this.setRules(this.#target.rules ?? []);
    if (!applied.ok) {
      this.#replies = [];
      this.#target.note(`Auto-replies are off: ${applied.error}`);
      this.#events.emit('problem', applied.error);
    }
  }

  /** Listens to records only while there is something to answer: most connections then pay nothing per frame. */
  #listen(): void {
    const wanted = this.#open && this.#replies.some((state) => !state.stopped);
    if (wanted && this.#records === null) this.#records = this.#target.on('record', (r) => this.#onRecord(r));
    if (!wanted && this.#records !== null) {
      this.#records();
      this.#records = null;
    }
  }

  #closed(): void {
    this.#open = false;
    this.#pending.clear();
    this.#listen();
  }

  #onRecord(record: FrameRecord): void {
    if (!isMessage(record)) return;
    if (record.dir === 'out') {
      if (this.#sending !== null) this.#guard.sent(payloadKey(record), this.#timers.now());
      return;
    }
    const frame = frameToMatch(record, this.#decode);
    for (const state of this.#replies) {
      if (state.stopped) continue;
      const match = state.matcher.match(frame);
      if (match === null) continue;
      if (this.#guard.isLoop(state.index, payloadKey(record), this.#timers.now())) {
        this.#stop(state, 'it kept replying to echoes of its own replies, a loop');
        continue;
      }
      state.times++;
      // Counted when it matches, so a burst of matches within the delay still sends at most maxTimes.
      if (state.rule.maxTimes !== undefined && state.times >= state.rule.maxTimes) state.stopped = true;
      const values = matchValuesFor(state.rule.reply.body, match);
      const times = state.times;
      this.#pending.later(() => this.#reply(state, times, values), state.rule.delayMs ?? 0);
    }
    this.#listen();
  }

  #reply(state: ReplyState, times: number, values: Record<string, string>): void {
    if (!this.#open) return;
    this.#sending = state.index;
    let sent: Result<void>;
    try {
      sent = this.#target.send(state.rule.reply, { values, automatic: true });
    } finally {
      this.#sending = null;
    }
    if (!sent.ok) {
      this.#stop(state, `its reply could not be sent: ${sent.error}`);
      return;
    }
    this.#events.emit('fired', { rule: state.index, times });
    if (times === state.rule.maxTimes) {
      this.#events.emit('stopped', { rule: state.index, reason: `it replied its maximum of ${times}` });
    }
  }

  #stop(state: ReplyState, reason: string): void {
    state.stopped = true;
    this.#target.note(`Auto-reply ${state.index + 1} stopped: ${reason}.`);
    this.#events.emit('stopped', { rule: state.index, reason });
    this.#listen();
  }
}
