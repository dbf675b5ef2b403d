import type { Profile } from '../../../src/lib/profiles/profile';

/** A profile with what tests vary: its name, when it was last used and its URL. */
export const profile = (name: string, lastUsedAt: number, url = 'ws://h/'): Profile => ({
  id: name,
  name,
  url,
  protocols: 'json.v1',
  binaryType: 'arraybuffer',
  createdAt: 0,
  lastUsedAt,
  variables: [],
  messages: [],
  notes: '',
  reconnect: false,
});
