/** A deep link that opens the app with a profile in the bar, and the reading of one. */
import type { BinaryType } from '../model/frame';
import { RedactionPlan } from '../redact/plan';
import { withoutUserinfo } from '../redact/url';
import type { Profile } from './profile';
import { leavesOut } from './variable-file';
import { readBinaryType, redactedProtocols, splitProtocols } from './connection-fields';

/** What a profile link carries, in the fragment of the app's URL. */
export interface ProfileFragment {
  url: string;
  protocols: string;
  binaryType: BinaryType;
}

/**
 * A deep link that opens the app with this profile in the bar. Everything goes in the URL fragment, which
 * browsers never send to the server hosting the app (a query string lands in its logs). Variables travel as
 * `{{names}}`, never their values; credentials typed literally into the URL or subprotocols are redacted, and the
 * URL loses its userinfo altogether (a placeholder password would be sent by a browser).
 */
export function profileLink(
  profile: Pick<Profile, 'url' | 'protocols' | 'binaryType' | 'variables'>,
  appUrl: string,
): string {
  const secrets = profile.variables.filter(leavesOut);
  const plan = RedactionPlan.for(profile.url, splitProtocols(profile.protocols), [], secrets);
  const params = new URLSearchParams({ url: withoutUserinfo(plan.url) });
  const protocols = redactedProtocols(profile.protocols, plan);
  if (protocols.trim() !== '') params.set('protocols', protocols);
  params.set('binaryType', profile.binaryType);
  const link = new URL(appUrl);
  link.search = '';
  link.hash = params.toString();
  return link.href;
}

/**
 * Reads a profile link's fragment (`#url=…&protocols=…&binaryType=…`); undefined when the hash is not one. The
 * values are passed on as typed, to be checked like anything typed into the bar; an unknown binary type gives
 * the default. Opening such a link never connects.
 */
export function parseProfileFragment(hash: string): ProfileFragment | undefined {
  if (!hash.startsWith('#url=')) return undefined;
  const params = new URLSearchParams(hash.slice(1));
  return {
    url: params.get('url') ?? '',
    protocols: params.get('protocols') ?? '',
    binaryType: readBinaryType(params.get('binaryType')),
  };
}
