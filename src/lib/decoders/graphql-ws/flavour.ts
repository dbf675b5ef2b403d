/** The legacy subprotocol is named `graphql-ws`, like the library that replaced it; `graphql-transport-ws` is current. */
export const LEGACY_PROTOCOL = 'graphql-ws';

export function isLegacy(protocol: string | undefined): boolean {
  return protocol === LEGACY_PROTOCOL;
}
