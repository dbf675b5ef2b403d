import { isObject } from '../guards';
import type { RedactionPlan } from '../redact/plan';
import type { Result } from '../result';
import type { Profile, ProfileRule } from './profile';

/** A profile's automation: its auto-replies and its scenario, both optional. */
export type ProfileAutomation = Pick<Profile, 'rules' | 'scenario'>;

/**
 * What makes a rule or a scenario usable, as lib/automation judges it: handed in by the caller, since lib/profiles
 * sits below lib/automation (lib/automation/profile-checks.ts has them). Each returns why not, or null.
 */
export interface AutomationChecks {
  rule(rule: ProfileRule): string | null;
  scenario(text: string): string | null;
}

/** Without the checks nothing vouches for a rule or a scenario: a profile carrying one is refused, never kept. */
export const UNCHECKED: AutomationChecks = {
  rule: () => 'this reader was not given the checks for auto-replies',
  scenario: () => 'this reader was not given the checks for scenarios',
};

/** More auto-replies than this on one profile is not someone's settings. */
export const MAX_IMPORTED_RULES = 1000;
/** A scenario is a test script, not a recording. */
export const MAX_SCENARIO_CHARS = 512 * 1024;

/** The fields a profile has set, copied. */
export function automationFields(profile: ProfileAutomation): ProfileAutomation {
  const { rules, scenario } = profile;
  return {
    ...(rules === undefined ? {} : { rules: rules.map((rule) => ({ ...rule })) }),
    ...(scenario === undefined ? {} : { scenario }),
  };
}

/**
 * For a file without secrets: the When, Reply and scenario texts go through the profile's redaction. They are
 * templates: `{{token}}` is filled in only when sent, so it stays; only a value typed literally is replaced.
 */
export function redactAutomation(profile: ProfileAutomation, plan: RedactionPlan): ProfileAutomation {
  const { rules, scenario } = profile;
  return {
    ...(rules === undefined
      ? {}
      : {
          rules: rules.map((rule) => ({ ...rule, when: plan.text(rule.when), reply: plan.text(rule.reply) })),
        }),
    ...(scenario === undefined ? {} : { scenario: plan.text(scenario) }),
  };
}

/**
 * A profile's automation in a file, checked: a rule or a scenario that could not be used refuses it, naming the
 * rule (from 1) and the reason, so the import can name the profile. A file from before automation has neither.
 * A scenario may be its text or, written by hand, the JSON object itself.
 */
export function readAutomation(
  entry: Record<string, unknown>,
  checks: AutomationChecks,
): Result<ProfileAutomation> {
  const automation: ProfileAutomation = {};
  if (entry.rules !== undefined) {
    if (!Array.isArray(entry.rules)) return { ok: false, error: 'its auto-replies are not a list.' };
    if (entry.rules.length > MAX_IMPORTED_RULES) {
      return { ok: false, error: `it has more than ${MAX_IMPORTED_RULES} auto-replies.` };
    }
    const rules: ProfileRule[] = [];
    for (const [index, raw] of (entry.rules as unknown[]).entries()) {
      const rule = readRule(raw);
      const error = rule.ok ? checks.rule(rule.value) : rule.error;
      if (error !== null) return { ok: false, error: `auto-reply ${index + 1}: ${error}` };
      if (rule.ok) rules.push(rule.value);
    }
    automation.rules = rules;
  }
  if (entry.scenario !== undefined) {
    const text = isObject(entry.scenario) ? JSON.stringify(entry.scenario, null, 2) : entry.scenario;
    if (typeof text !== 'string')
      return { ok: false, error: 'its scenario is neither text nor a JSON object.' };
    if (text.length > MAX_SCENARIO_CHARS) return { ok: false, error: 'its scenario is too long.' };
    const error = text.trim() === '' ? null : checks.scenario(text);
    if (error !== null) return { ok: false, error: `its scenario: ${error}` };
    automation.scenario = text;
  }
  return { ok: true, value: automation };
}

/** A rule's shape: `{"when":"…","reply":"…"}` with optional delayMs and maxTimes; or why it is not one. */
function readRule(raw: unknown): Result<ProfileRule> {
  const refuse = (error: string) => ({ ok: false as const, error });
  if (!isObject(raw)) return refuse('a rule is an object such as {"when":"ping","reply":"pong"}.');
  if (raw.kind !== undefined && raw.kind !== 'reply') {
    return refuse('only reply rules are kept with a profile (its saved messages are what it sends on open).');
  }
  if (typeof raw.when !== 'string') {
    return refuse('"when" is the When box’s text: a text, /regex/ or field op value.');
  }
  if (typeof raw.reply !== 'string') return refuse('"reply" is the text to send.');
  const numbers: Pick<ProfileRule, 'delayMs' | 'maxTimes'> = {};
  for (const field of ['delayMs', 'maxTimes'] as const) {
    const value = raw[field];
    if (value === undefined) continue;
    if (typeof value !== 'number') return refuse(`"${field}" is a number.`);
    numbers[field] = value;
  }
  return { ok: true, value: { when: raw.when, reply: raw.reply, ...numbers } };
}
