import type { Result } from '../result';
import type { AutoRule } from './rules';
import { checkRule } from './rules-check';
import { parseScenario } from './scenario';

/**
 * An auto-reply as a profile keeps it (lib/profiles' ProfileRule, by shape: profiles sit below automation): the
 * When box as typed, the reply text, and its limits.
 */
export interface KeptRule {
  when: string;
  reply: string;
  delayMs?: number;
  maxTimes?: number;
}

/** A kept rule as the engine takes it, checked as every rule is: the reply goes out as a text frame. */
export function ruleFromKept(rule: KeptRule): Result<AutoRule> {
  return checkRule({ kind: 'reply', ...rule });
}

/**
 * The checks a profile file's reader is handed (lib/profiles/automation-file.ts): a rule the engine would refuse
 * and a scenario that would not run are refused at import, not when first used.
 */
export const profileAutomationChecks = {
  rule(rule: KeptRule): string | null {
    const checked = ruleFromKept(rule);
    return checked.ok ? null : checked.error;
  },
  scenario(text: string): string | null {
    const scenario = parseScenario(text);
    return scenario.ok ? null : scenario.error;
  },
};
