import { untrack } from 'svelte';
import type { KeptRule } from '../lib/automation/profile-checks';
import type { Profile } from '../lib/profiles/profile';
import type { AutoRepliesState } from './auto-replies.svelte';
import type { Panel } from './panel.svelte';
import type { ScenarioState } from './scenario.svelte';

/** What keeping automation with a profile needs of the profiles (ProfilesState has this shape). */
export interface ProfileStore {
  readonly activeId: string | null;
  find(id: string): Profile | undefined;
  update(id: string, change: (profile: Profile) => Profile): Promise<void>;
}

/**
 * A tab's auto-replies and scenario kept with the profile in use there: the one loaded, while the tab's bar still
 * points at its origin (as its variables are). When a profile comes into use its rules and scenario replace the
 * tab's; a profile that has none of its own yet (older than automation, or just saved from the bar) takes the
 * tab's. Every edit is saved to it from then on: a rule once it is valid, the scenario while it is one (or empty),
 * so a profile never holds what it could not run or export.
 */
export class AutomationProfileState {
  /** Why the Scenario box is not saved with the profile in use, or null. */
  #notKept = $state<string | null>(null);
  readonly #stop: () => void;

  constructor(panel: Panel, replies: AutoRepliesState, scenario: ScenarioState, profiles: ProfileStore) {
    let loaded: string | null = null;
    this.#stop = $effect.root(() => {
      // The id alone: a profile saved (by this tab or another on its origin) is no edit here to save again.
      const inUse = $derived(panel.connection.profile === null ? null : profiles.activeId);
      $effect(() => {
        const id = inUse;
        // Back on the origin of the profile last loaded: the tab's automation is its own, nothing to load.
        if (id === null || id === loaded) return;
        loaded = id;
        const profile = untrack(() => profiles.find(id));
        if (profile === undefined || (profile.rules === undefined && profile.scenario === undefined)) return;
        untrack(() => {
          void replies.load(profile.rules ?? []);
          scenario.text = profile.scenario ?? '';
        });
      });
      $effect(() => {
        const id = inUse;
        const rules = replies.kept;
        const text = scenario.kept;
        const profile = id === null ? undefined : untrack(() => profiles.find(id));
        this.#notKept =
          profile && !text.ok ? `Not saved with profile “${profile.name}”: ${text.error}` : null;
        if (profile === undefined) return;
        const changed: Pick<Profile, 'rules' | 'scenario'> = {};
        if (!sameRules(rules, profile.rules ?? [])) changed.rules = rules;
        if (text.ok && text.value !== (profile.scenario ?? '')) changed.scenario = text.value;
        if (Object.keys(changed).length > 0)
          void profiles.update(profile.id, (stored) => ({ ...stored, ...changed }));
      });
    });
  }

  get notKept(): string | null {
    return this.#notKept;
  }

  dispose(): void {
    this.#stop();
  }
}

function sameRules(a: readonly KeptRule[], b: readonly KeptRule[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
