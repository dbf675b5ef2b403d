import type { Result } from '../result';
import type { AutoRule, ReplyRule } from './rules';
import type { Matcher } from './when';
import { compileWhen } from './when';

/** A reply rule as one connection runs it: compiled, with how often it fired and whether it stopped. */
export interface ReplyState {
  /** The rule's index in the list. */
  index: number;
  rule: ReplyRule;
  matcher: Matcher;
  times: number;
  stopped: boolean;
}

/** The list's reply rules, compiled with their counts at zero; or the first that cannot be used, named. */
export function compileReplies(rules: readonly AutoRule[]): Result<ReplyState[]> {
  const replies: ReplyState[] = [];
  for (const [index, rule] of rules.entries()) {
    if (rule.kind !== 'reply') continue;
    const matcher = compileWhen(rule.when);
    if (!matcher.ok) return { ok: false, error: `Rule ${index + 1}: ${matcher.error}` };
    replies.push({ index, rule, matcher: matcher.value, times: 0, stopped: false });
  }
  return { ok: true, value: replies };
}

/** How often each reply rule fired and whether it stopped, by index in the whole list (other rules at zero). */
export function replyCounts(
  rules: readonly AutoRule[],
  replies: readonly ReplyState[],
): { times: number; stopped: boolean }[] {
  const counts = rules.map(() => ({ times: 0, stopped: false }));
  for (const { index, times, stopped } of replies) counts[index] = { times, stopped };
  return counts;
}
