import type { DecoderEntry, WireFrame } from '../decoder';
import { COMMANDS } from './commands';

/** A frame opening with a STOMP command line: how a STOMP session's first frames (CONNECT, CONNECTED) look. */
const COMMAND_LINE = new RegExp(`^(?:${COMMANDS.join('|')})\\r?\\n`);

/** The longest command line, "DISCONNECT\r\n", is 12 characters: enough of a binary frame to read. */
const SNIFF_BYTES = 12;

export function startsWithStompCommand(frame: WireFrame): boolean {
  const head = frame.text ?? String.fromCharCode(...(frame.bytes?.subarray(0, SNIFF_BYTES) ?? []));
  return COMMAND_LINE.test(head);
}

export const entry: DecoderEntry = {
  id: 'stomp',
  label: 'STOMP',
  // stompjs offers `v12.stomp`, `v11.stomp`, `v10.stomp`; some brokers also accept a bare `stomp`.
  byProtocol: (protocol) => /^(?:v1[012]\.)?stomp$/i.test(protocol),
  // A path ending in `/stomp` (Spring's and many tutorials' endpoint); RabbitMQ's `/ws` says nothing.
  byUrl: (url) => /\/stomp\/?$/i.test(url.pathname),
  sniff: startsWithStompCommand,
  load: () => import('./index').then((m) => m.decoder),
};
