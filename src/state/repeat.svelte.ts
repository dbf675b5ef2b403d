import { parseRepeatForm, RepeatSchedule } from '../lib/automation/repeat';
import type { Unsubscribe } from '../lib/events';
import type { ComposerState } from './composer.svelte';
import type { LiveConnectionState } from './live-connection.svelte';

/**
 * The composer's repeated sends: the `Repeat every (ms)` and `Repeat count` boxes as typed, and the schedule that
 * sends the composed message on the panel's connection. Loaded with the Repeat controls, never on the first screen.
 */
export class RepeatState {
  every = $state('1000');
  count = $state('');
  #running = $state(false);
  #sent = $state(0);
  #total = $state<number | undefined>(undefined);
  #message = $state<string | null>(null);
  readonly #schedule: RepeatSchedule;
  readonly #composer: ComposerState;
  readonly #unsubscribe: Unsubscribe[];

  constructor(live: LiveConnectionState, composer: ComposerState) {
    this.#composer = composer;
    this.#schedule = new RepeatSchedule(live.session);
    this.#unsubscribe = [
      this.#schedule.on('sent', (sent) => (this.#sent = sent)),
      this.#schedule.on('stopped', ({ sent, reason }) => {
        this.#running = false;
        this.#sent = sent;
        this.#message = `Stopped after ${sent}: ${reason}.`;
      }),
    ];
  }

  get running(): boolean {
    return this.#running;
  }

  /** "sent n of m" while running (or "sent n" until stopped), then why it stopped; or what is wrong with the boxes. */
  get status(): string {
    if (this.#running) return `Sent ${this.#sent}${this.#total === undefined ? '' : ` of ${this.#total}`}`;
    return this.#message ?? '';
  }

  /** Starts sending the message in the composer's box as it is now; a bad box or a failed first send is shown. */
  start(): void {
    const form = parseRepeatForm(this.every, this.count);
    if (!form.ok) {
      this.#message = form.error;
      return;
    }
    const format = this.#composer.savableFormat;
    if (format === null) {
      this.#message = 'Repeats send Text, JSON, Hex or Base64 messages: choose one of those formats.';
      return;
    }
    this.#total = form.value.count;
    this.#sent = 0;
    this.#running = true;
    const started = this.#schedule.start({ message: { body: this.#composer.body, format }, ...form.value });
    if (!started.ok) {
      this.#running = false;
      this.#message = `Not started: ${started.error}`;
    }
  }

  stop(): void {
    this.#schedule.stop();
  }

  dispose(): void {
    this.#schedule.stop();
    for (const off of this.#unsubscribe) off();
  }
}
