/** Writes the profiles file: each profile's content, redacted unless secrets are asked for. */
import type { Redaction } from '../redact/findings';
import { RedactionPlan } from '../redact/plan';
import type { Profile, ProfileVariable } from './profile';
import { agentSettingsOf, redactAgentSettings } from './agent-settings';
import type { Environment } from './environments';
import { environmentSecrets, exportEnvironments } from './environment-file';
import { leavesOut } from './variable-file';
import { automationFields, redactAutomation } from './automation-file';
import { redactedProtocols, splitProtocols } from './connection-fields';
import type { ProfileContent, ProfilesFile } from './profile-file';

/**
 * Profiles as a JSON file. Unless secrets are asked for, secret variables keep their names but lose their
 * values, and each profile goes through the same redaction as a session export: credentials in its URL and
 * subprotocols, and its secret values or credential shapes in its saved messages and notes. `{{name}}` references
 * stay: they carry no value.
 */
export function exportProfiles(
  profiles: readonly Profile[],
  includeSecrets: boolean,
  now = new Date(),
  environments: readonly Environment[] = [],
): string {
  const shared = exportEnvironments(environments, includeSecrets);
  // An environment's secret typed literally into a profile's message is redacted there too.
  const sharedSecrets = environmentSecrets(environments);
  const redacted = new Set<string>(shared.leftOut);
  const redactions: ProfilesFile['redactions'] = [];
  const file: ProfilesFile = {
    format: 'wsi-profiles',
    v: 1,
    exportedAt: now.toISOString(),
    redacted: [],
    redactions,
    profiles: profiles.map((profile) => {
      const content = contentOf(profile);
      if (includeSecrets) return content;
      const redactedProfile = redactProfile(content, sharedSecrets);
      for (const name of redactedProfile.variablesLeftOut) redacted.add(name);
      for (const { where, what } of redactedProfile.redactions) {
        redactions.push({ profile: redactedProfile.profile.name, where, what });
      }
      return redactedProfile.profile;
    }),
  };
  if (environments.length > 0) file.environments = shared.environments;
  file.redacted = [...redacted].sort();
  return JSON.stringify(file, null, 2);
}

function contentOf(profile: Profile): ProfileContent {
  const { name, url, protocols, binaryType, variables, messages, notes, reconnect } = profile;
  return {
    name,
    url,
    protocols,
    binaryType,
    notes,
    reconnect,
    variables: variables.map((variable) => ({ ...variable })),
    messages: messages.map((message) => ({ ...message })),
    ...(profile.decodeAs === undefined ? {} : { decodeAs: profile.decodeAs }),
    ...(profile.folder ? { folder: profile.folder } : {}),
    ...agentSettingsOf(profile),
    ...automationFields(profile),
  };
}

function redactProfile(
  content: ProfileContent,
  sharedSecrets: readonly ProfileVariable[],
): {
  profile: ProfileContent;
  variablesLeftOut: string[];
  redactions: readonly Redaction[];
} {
  const secrets = content.variables.filter(leavesOut);
  const plan = RedactionPlan.for(
    content.url,
    splitProtocols(content.protocols),
    [],
    [...secrets, ...sharedSecrets],
  );
  const agent = redactAgentSettings(content, plan);
  const profile: ProfileContent = {
    ...content,
    ...agent.settings,
    ...redactAutomation(content, plan),
    name: plan.text(content.name),
    ...(content.folder === undefined ? {} : { folder: plan.text(content.folder) }),
    url: plan.url,
    protocols: redactedProtocols(content.protocols, plan),
    notes: plan.text(content.notes),
    variables: content.variables.map((variable) =>
      leavesOut(variable) ? { ...variable, value: '' } : { ...variable },
    ),
    messages: content.messages.map((message) => ({
      ...message,
      name: plan.text(message.name),
      body: plan.text(message.body),
    })),
  };
  const redactions = [...plan.redactions, ...agent.redactions];
  return { profile, variablesLeftOut: secrets.map((v) => v.name), redactions };
}
