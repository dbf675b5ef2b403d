import type { ComposedMessage } from '../compose/message';
import type { WhenCondition } from './when';

/** A message sent by itself as soon as the connection opens: what profiles call send on open. */
export interface OpenRule {
  kind: 'open';
  reply: ComposedMessage;
}

/** When a received frame matches, send a reply built from the match; after a delay, at most N times. */
export interface ReplyRule {
  kind: 'reply';
  when: WhenCondition;
  reply: ComposedMessage;
  delayMs?: number;
  /** Per connection; undefined means no limit. */
  maxTimes?: number;
}

/** Rules are plain JSON: kept with a profile, exported with it, checked by checkRules when read back. */
export type AutoRule = OpenRule | ReplyRule;

/** A profile's send-on-open messages as rules: the one mechanism that sends them. */
export function openRules(messages: readonly ComposedMessage[] = []): OpenRule[] {
  return messages.map((reply) => ({ kind: 'open', reply }));
}
