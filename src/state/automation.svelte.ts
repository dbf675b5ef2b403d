import { AutoRepliesState } from './auto-replies.svelte';
import { onReleaseAutomation } from './automation-release';
import type { ProfileStore } from './automation-profile.svelte';
import { AutomationProfileState } from './automation-profile.svelte';
import type { Panel } from './panel.svelte';
import { RepeatState } from './repeat.svelte';
import { ScenarioState } from './scenario.svelte';

/** A panel's automation: its repeated sends, auto-replies and scenario, built when its controls first load. */
export interface PanelAutomation {
  repeat: RepeatState;
  replies: AutoRepliesState;
  scenario: ScenarioState;
  /** The auto-replies and scenario kept with the profile in use; null where no profiles were handed in (tests). */
  kept: AutomationProfileState | null;
  /** Whether the Automation panel (Auto-replies and Scenario) is shown. */
  shown: { value: boolean };
}

const byPanel = new WeakMap<Panel, PanelAutomation>();

/**
 * The automation of a panel, made the first time it is asked for: this module loads with the automation controls,
 * so a tab nobody automates carries none of it. It lives as long as the panel's tab (kept beside it, not in it):
 * closing the tab releases it (TabsState.close), its timers and rules stopped. Given `profiles`, the first call
 * keeps the rules and the scenario with the profile in use.
 */
export function automationOf(panel: Panel, profiles?: ProfileStore): PanelAutomation {
  const known = byPanel.get(panel);
  if (known !== undefined) return known;
  // Owned by a root of its own (run at once), not by the component that first asks: it outlives its remounts.
  let automation!: PanelAutomation;
  const stop = $effect.root(() => {
    const replies = new AutoRepliesState(panel.live.session);
    const scenario = new ScenarioState(panel, replies);
    const shown = $state({ value: false });
    automation = {
      repeat: new RepeatState(panel.live, panel.composer),
      replies,
      scenario,
      kept: profiles ? new AutomationProfileState(panel, replies, scenario, profiles) : null,
      shown,
    };
  });
  byPanel.set(panel, automation);
  onReleaseAutomation(panel, () => {
    byPanel.delete(panel);
    automation.kept?.dispose();
    automation.repeat.dispose();
    automation.replies.dispose();
    stop();
  });
  return automation;
}
