import type { Decoder, DecoderEntry } from './decoder';
import { entry as actionCable } from './action-cable/detect';
import { entry as cbor } from './cbor/detect';
import { entry as graphqlWs } from './graphql-ws/detect';
import { entry as json } from './json/detect';
import { entry as jsonRpc } from './json-rpc/detect';
import { entry as mqtt } from './mqtt/detect';
import { entry as msgpack } from './msgpack/detect';
import { entry as phoenix } from './phoenix/detect';
import { entry as protobuf } from './protobuf/detect';
import { entry as signalr } from './signalr/detect';
import { entry as socketIo } from './socket-io/detect';
import { entry as sockjs } from './sockjs/detect';
import { entry as stomp } from './stomp/detect';
import { entry as wamp } from './wamp/detect';

/**
 * Every decoder, in detection order: each rule (subprotocol, then URL, then the first frames) asks the entries
 * in this order and the first that says yes wins. Specific protocols come first; JSON, which every JSON-based
 * protocol also looks like, stays last. Entries are light: a decoder and its libraries load when first used.
 */
export const DECODER_ENTRIES: readonly DecoderEntry[] = [
  socketIo,
  graphqlWs,
  mqtt,
  wamp,
  phoenix,
  sockjs,
  stomp,
  signalr,
  actionCable,
  jsonRpc,
  msgpack,
  cbor,
  protobuf,
  json,
];

/** The `Decode as` choice: detect (`auto`), decode nothing (`none`), or one decoder by id. */
export type DecodeChoice = 'auto' | 'none' | (string & {});

export function findEntry(
  id: string,
  entries: readonly DecoderEntry[] = DECODER_ENTRIES,
): DecoderEntry | undefined {
  return entries.find((entry) => entry.id === id);
}

/** The `Decode as` options: Auto, None, then one per decoder, named as the protocol calls itself. */
export function decodeChoices(
  entries: readonly DecoderEntry[] = DECODER_ENTRIES,
): { value: DecodeChoice; label: string }[] {
  return [
    { value: 'auto', label: 'Auto' },
    { value: 'none', label: 'None' },
    ...entries.map((entry) => ({ value: entry.id, label: entry.label })),
  ];
}

const loading = new Map<string, Promise<Decoder>>();

/** Loads a decoder once per page or worker; later calls share the first load. */
export function loadDecoder(entry: DecoderEntry): Promise<Decoder> {
  let decoder = loading.get(entry.id);
  if (decoder === undefined) {
    decoder = entry.load();
    // A failed load (a network blip while the chunk was fetched) may be tried again.
    decoder.catch(() => loading.delete(entry.id));
    loading.set(entry.id, decoder);
  }
  return decoder;
}
