import { composerFormatLabel } from '../compose/message';
import type { ScenarioStep } from './scenario';
import type { WhenCondition } from './when';

/** The most of a payload a step's label or a failure shows. */
const SHOWN_CHARS = 80;

export function clip(text: string): string {
  const line = text.replace(/\s*[\r\n]+\s*/g, ' ');
  return line.length > SHOWN_CHARS ? `${line.slice(0, SHOWN_CHARS)}…` : line;
}

export function conditionLabel(when: WhenCondition): string {
  if ('where' in when) return when.where;
  if ('regex' in when) return `/${when.regex}/${when.flags ?? ''}`;
  return `text “${clip(when.text)}”`;
}

/** A step as the terminal prints it and a note row records it. */
export function stepLabel(step: ScenarioStep): string {
  switch (step.kind) {
    case 'send':
      return step.message.format === 'text'
        ? `send “${clip(step.message.body)}”`
        : `send ${composerFormatLabel(step.message.format)} ${clip(step.message.body)}`;
    case 'expect':
      return `expect ${conditionLabel(step.when)} within ${step.withinMs} ms`;
    case 'wait':
      return `wait ${step.ms} ms`;
    case 'close':
      return `close with ${step.code}${step.reason ? ` “${clip(step.reason)}”` : ''}`;
  }
}
