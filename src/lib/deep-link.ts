import type { BinaryType } from './model/frame';

export interface DeepLink {
  url?: string;
  protocols?: string;
  binaryType?: BinaryType;
  connect: boolean;
  /** Problems with parameters the person will see next to the field they fill. */
  errors: { binaryType?: string; connect?: string };
}

/**
 * Reads `?url=&protocols=&binaryType=&connect=1` (see docs/ui-contract.md). URL and subprotocols are passed on as
 * typed, to be checked by the same rules as the connection bar; only values with no field of their own are judged
 * here.
 */
export function parseDeepLink(search: string): DeepLink {
  const params = new URLSearchParams(search);
  const link: DeepLink = { connect: false, errors: {} };
  const url = params.get('url');
  if (url !== null) link.url = url;
  const protocols = params.get('protocols');
  if (protocols !== null) link.protocols = protocols;

  const binaryType = params.get('binaryType');
  if (binaryType === 'blob' || binaryType === 'arraybuffer') link.binaryType = binaryType;
  else if (binaryType !== null) {
    link.errors.binaryType = `The link asked for binary type “${binaryType}”; it must be blob or arraybuffer.`;
  }

  const connect = params.get('connect');
  if (connect === '1' || connect === 'true') link.connect = true;
  else if (connect !== null && connect !== '0' && connect !== 'false') {
    link.errors.connect = `The link's connect=${connect} was ignored: use connect=1 to connect at once.`;
  }
  return link;
}

const LINK_PARAMETERS = ['url', 'protocols', 'binaryType', 'connect'];

/** The query string without a deep link's parameters: what the address bar keeps once the link was followed. */
export function withoutDeepLink(search: string): string {
  const params = new URLSearchParams(search);
  for (const name of LINK_PARAMETERS) params.delete(name);
  const rest = params.toString();
  return rest === '' ? '' : `?${rest}`;
}
