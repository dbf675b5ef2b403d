import { AutoRepliesState } from './auto-replies.svelte';
import type { Panel } from './panel.svelte';
import { RepeatState } from './repeat.svelte';
import { ScenarioState } from './scenario.svelte';

/** A panel's automation: its repeated sends, auto-replies and scenario, built when its controls first load. */
export interface PanelAutomation {
  repeat: RepeatState;
  replies: AutoRepliesState;
  scenario: ScenarioState;
  /** Whether the Automation panel (Auto-replies and Scenario) is shown. */
  shown: { value: boolean };
}

const byPanel = new WeakMap<Panel, PanelAutomation>();

/**
 * The automation of a panel, made the first time it is asked for: this module loads with the automation controls,
 * so a tab nobody automates carries none of it. It lives as long as the panel (kept beside it, not in it).
 */
export function automationOf(panel: Panel): PanelAutomation {
  let automation = byPanel.get(panel);
  if (automation === undefined) {
    const replies = new AutoRepliesState(panel.live.session);
    const shown = $state({ value: false });
    automation = {
      repeat: new RepeatState(panel.live, panel.composer),
      replies,
      scenario: new ScenarioState(panel, replies),
      shown,
    };
    byPanel.set(panel, automation);
  }
  return automation;
}
