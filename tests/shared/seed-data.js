// @ts-check
/**
 * The seeded data set, described once: seed.ts writes it into the app's storage, and the end-to-end tests count
 * what a filter must find in it from the same description.
 */

/** When the seeded session starts; record `seq` is stamped `seq` milliseconds later. */
export const SEED_STARTED_AT = Date.UTC(2026, 0, 1);

/**
 * Record `seq` of the seeded session: text messages alternating sent and received, trades and quotes.
 * @param {number} seq
 * @returns {{ kind: 'text', dir: 'in' | 'out', t: number, text: string, size: number }}
 */
export function seededRecord(seq) {
  const text = `{"seq":${seq},"type":"${seq % 2 ? 'quote' : 'trade'}","price":${100 + (seq % 50)}}`;
  return { kind: 'text', dir: seq % 2 ? 'in' : 'out', t: SEED_STARTED_AT + seq, text, size: text.length };
}

/** The two kinds of message each seeded protocol's session alternates: `chat` for an even seq, `typing` for an odd. */
export const SEEDED_KINDS = /** @type {const} */ (['chat', 'typing']);

/**
 * @typedef {object} SeededProtocol
 * @property {string} label the protocol as `Decode as` names it
 * @property {string} url where such a session would connect: the URL detection knows it by, where it has one
 * @property {(kind: string, seq: number) => string} text message `seq`, of one of SEEDED_KINDS
 * @property {(kind: string) => string} condition the decoded-field condition that holds for the messages of a kind
 * @property {(kind: string) => string} asJson the condition that holds for the same messages written as plain JSON
 * @property {(kind: string, seq: number) => string} [jsonText] message `seq` written as plain JSON, for a protocol
 *   whose own texts are not JSON (those that are JSON are read as plain JSON as they are, with `Decode as` None)
 */

/**
 * A session of each text protocol the decoders read, as its servers write a stream of events: the decoded-field
 * filter's counterparts of the plain JSON session, whose `type = trade` holds for half the messages, as each
 * protocol's condition holds for the half of one kind.
 * @type {Record<string, SeededProtocol>}
 */
export const SEEDED_PROTOCOLS = {
  'socket.io': {
    label: 'Socket.IO',
    url: 'ws://seeded.example/socket.io/?EIO=4&transport=websocket',
    text: (kind, seq) => `42["${kind}",{"n":${seq}}]`,
    condition: (kind) => `event = ${kind}`,
    jsonText: (kind, seq) => `["${kind}",{"n":${seq}}]`,
    asJson: (kind) => `0 = ${kind}`,
  },
  'json-rpc': {
    label: 'JSON-RPC',
    url: 'ws://seeded.example/rpc',
    text: (kind, seq) => `{"jsonrpc":"2.0","method":"${kind}","params":{"n":${seq}}}`,
    condition: (kind) => `method = ${kind}`,
    asJson: (kind) => `method = ${kind}`,
  },
  'graphql-ws': {
    label: 'GraphQL over WebSocket',
    url: 'ws://seeded.example/graphql',
    text: (kind, seq) =>
      `{"id":"1","type":"next","payload":{"data":{"onEvent":{"kind":"${kind}","n":${seq}}}}}`,
    condition: (kind) => `data.onEvent.kind = ${kind}`,
    asJson: (kind) => `payload.data.onEvent.kind = ${kind}`,
  },
  stomp: {
    label: 'STOMP',
    url: 'ws://seeded.example/stomp',
    text: (kind, seq) =>
      `MESSAGE\ndestination:/topic/${kind}\nmessage-id:${seq}\nsubscription:sub-0\ncontent-type:application/json\n\n{"n":${seq}}\0`,
    condition: (kind) => `destination = /topic/${kind}`,
    jsonText: (kind, seq) =>
      `{"command":"MESSAGE","destination":"/topic/${kind}","message-id":"${seq}","subscription":"sub-0","content-type":"application/json","body":{"n":${seq}}}`,
    asJson: (kind) => `destination = /topic/${kind}`,
  },
  phoenix: {
    label: 'Phoenix',
    url: 'ws://seeded.example/socket/websocket?vsn=2.0.0',
    text: (kind, seq) => `[null,null,"room:lobby","${kind}",{"n":${seq}}]`,
    condition: (kind) => `event = ${kind}`,
    asJson: (kind) => `3 = ${kind}`,
  },
  signalr: {
    label: 'SignalR',
    url: 'ws://seeded.example/hubs/chat?id=seeded',
    text: (kind, seq) => `{"type":1,"target":"${kind}","arguments":[{"n":${seq}}]}\u001e`,
    condition: (kind) => `target = ${kind}`,
    jsonText: (kind, seq) => `{"type":1,"target":"${kind}","arguments":[{"n":${seq}}]}`,
    asJson: (kind) => `target = ${kind}`,
  },
  wamp: {
    label: 'WAMP',
    url: 'ws://seeded.example/ws',
    text: (kind, seq) => `[36,5512315355,${seq},{},["${kind}",{"n":${seq}}]]`,
    condition: (kind) => `arguments.0 = ${kind}`,
    asJson: (kind) => `4.0 = ${kind}`,
  },
  'action-cable': {
    label: 'Action Cable',
    url: 'ws://seeded.example/cable',
    text: (kind, seq) =>
      `{"identifier":"{\\"channel\\":\\"ChatChannel\\"}","message":{"event":"${kind}","n":${seq}}}`,
    condition: (kind) => `message.event = ${kind}`,
    asJson: (kind) => `message.event = ${kind}`,
  },
};

/**
 * Record `seq` of a seeded protocol's session: `chat` and `typing` in turn, alternating sent and received; with
 * `asJson`, the same message written as plain JSON.
 * @param {string} protocol a key of SEEDED_PROTOCOLS
 * @param {number} seq
 * @param {boolean} [asJson]
 * @returns {{ kind: 'text', dir: 'in' | 'out', t: number, text: string, size: number }}
 */
export function seededProtocolRecord(protocol, seq, asJson = false) {
  const seeded = /** @type {SeededProtocol} */ (SEEDED_PROTOCOLS[protocol]);
  const write = (asJson && seeded.jsonText) || seeded.text;
  const text = write(/** @type {string} */ (SEEDED_KINDS[seq % 2]), seq);
  return { kind: 'text', dir: seq % 2 ? 'in' : 'out', t: SEED_STARTED_AT + seq, text, size: text.length };
}
