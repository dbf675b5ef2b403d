import type { AutoReplies } from '../lib/automation/auto-replies';
import type { KeptRule } from '../lib/automation/profile-checks';
import { ruleFromKept } from '../lib/automation/profile-checks';
import type { AutoRule } from '../lib/automation/rules';
import type { Result } from '../lib/result';
import type { LiveSession } from '../lib/session/live-session';

/** One rule as its boxes hold it: checked as typed, applied only when valid. */
export interface RuleRow {
  id: number;
  when: string;
  reply: string;
  delay: string;
  max: string;
}

/** What a row shows beside its boxes: why it is not applied, or how often it fired and whether it stopped. */
export interface RuleStatus {
  error?: string;
  times: number;
  stopped?: string;
}

/**
 * The `Auto-replies` region's rules for one panel's connection. The engine (AutoReplies) is loaded and attached to
 * the panel's LiveSession only once a rule exists, and it is given the valid rows again on every open, since the
 * engine itself takes each connection's request rules when it opens.
 */
export class AutoRepliesState {
  rows = $state<RuleRow[]>([]);
  #fired = $state<Record<number, number>>({});
  #stopped = $state<Record<number, string>>({});
  #problem = $state<string | null>(null);
  #engine: Promise<AutoReplies> | null = null;
  /** The engine once loaded: disposing it then takes effect at once, its pending replies dropped now. */
  #loaded: AutoReplies | null = null;
  #nextId = 1;
  readonly #live: LiveSession;
  #offOpen: (() => void) | null = null;
  /** The tab closed: nothing is attached any more, even by an engine still loading. */
  #disposed = false;

  constructor(live: LiveSession) {
    this.#live = live;
  }

  /** Each row as a profile keeps it, and checked as the engine would check it. */
  readonly #kept = $derived(this.rows.map(keptOf));
  readonly checked = $derived(this.#kept.map(ruleOf));

  /** The valid rows as a profile keeps them: a row is kept once it is applied. */
  get kept(): KeptRule[] {
    return this.#kept.filter((_, index) => this.checked[index]?.ok);
  }

  /** The rules that are applied: the valid rows, in order. */
  get rules(): AutoRule[] {
    return this.checked.flatMap((rule) => (rule.ok ? [rule.value] : []));
  }

  get problem(): string | null {
    return this.#problem;
  }

  status(index: number): RuleStatus {
    const rule = this.checked[index];
    if (rule === undefined || !rule.ok) return { times: 0, ...(rule ? { error: rule.error } : {}) };
    const id = this.rows[index]?.id ?? 0;
    const stopped = this.#stopped[id];
    return { times: this.#fired[id] ?? 0, ...(stopped === undefined ? {} : { stopped }) };
  }

  add(): void {
    this.rows.push({ id: this.#nextId++, when: '', reply: '', delay: '', max: '' });
  }

  remove(index: number): void {
    this.rows.splice(index, 1);
    void this.apply();
  }

  /** The rows of a profile's rules, in place of these, applied at once. */
  load(rules: readonly KeptRule[]): Promise<void> {
    this.rows = rules.map((rule) => ({
      id: this.#nextId++,
      when: rule.when,
      reply: rule.reply,
      delay: rule.delayMs === undefined ? '' : String(rule.delayMs),
      max: rule.maxTimes === undefined ? '' : String(rule.maxTimes),
    }));
    return this.apply();
  }

  /** Hands the valid rows to the engine, loading and attaching it the first time a rule exists. */
  async apply(): Promise<void> {
    if (this.#disposed || (this.#engine === null && this.rows.length === 0)) return;
    const engine = await this.#attach();
    const applied = engine.setRules(this.rules);
    this.#problem = applied.ok ? null : applied.error;
    this.#fired = {};
    this.#stopped = {};
  }

  /** Stops answering (replies waiting for their delay are dropped) and lets go of the connection. */
  dispose(): void {
    this.#disposed = true;
    this.#offOpen?.();
    if (this.#loaded !== null) this.#loaded.dispose();
    else void this.#engine?.then((engine) => engine.dispose());
  }

  #attach(): Promise<AutoReplies> {
    this.#engine ??= import('../lib/automation/auto-replies').then(({ AutoReplies }) => {
      const engine = new AutoReplies(this.#live);
      // Closed while the engine loaded: dispose() has already queued its end; it must not subscribe.
      if (this.#disposed) return engine;
      this.#loaded = engine;
      // Subscribed after the engine's own open listener, so these rules replace the request's on every open.
      this.#offOpen = this.#live.on('open', () => void this.apply());
      engine.on('fired', ({ rule, times }) => {
        const id = this.#rowIdOf(rule);
        if (id !== undefined) this.#fired = { ...this.#fired, [id]: times };
      });
      engine.on('stopped', ({ rule, reason }) => {
        const id = this.#rowIdOf(rule);
        if (id !== undefined) this.#stopped = { ...this.#stopped, [id]: reason };
      });
      engine.on('problem', (problem) => (this.#problem = problem));
      return engine;
    });
    return this.#engine;
  }

  /** The row of the engine's rule `index`: the engine numbers only the valid rows. */
  #rowIdOf(index: number): number | undefined {
    const valid = this.rows.filter((_, at) => this.checked[at]?.ok);
    return valid[index]?.id;
  }
}

/** A row as a profile keeps it: the When box as typed (text, /regex/, or `field op value`), the reply text. */
function keptOf(row: RuleRow): KeptRule {
  return {
    when: row.when,
    reply: row.reply,
    ...(row.delay.trim() === '' ? {} : { delayMs: Number(row.delay) }),
    ...(row.max.trim() === '' ? {} : { maxTimes: Number(row.max) }),
  };
}

/** A kept row as a rule, the reply sent as a text frame; or why it is not applied. */
function ruleOf(kept: KeptRule): Result<AutoRule> {
  if (kept.when.trim() === '')
    return { ok: false, error: 'When is empty: type a text, /regex/ or field op value.' };
  const rule = ruleFromKept(kept);
  return rule.ok ? rule : { ok: false, error: `Not applied: ${rule.error}` };
}
