import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { WireFrame } from '../../../../src/lib/decoders/decoder';
import { decoder } from '../../../../src/lib/decoders/action-cable/index';
import { escapeSome, agreesOnRandomTraffic } from './field-reader-oracle';

const FACTS = { url: 'ws://h/cable', protocol: 'actioncable-v1-json' };

/** Words that are channels, actions and broadcast values alike, and the type a broadcast is given. */
const WORDS = ['Trade', 'TradeChannel', 'tr"ade', 'tr\\ade', 'é', 'true', 'null', 'message', 'speak'];
const word = fc.constantFrom(...WORDS);
const value = fc.oneof(
  word,
  fc.integer({ min: 0, max: 9 }),
  fc.boolean(),
  fc.constant(null),
  fc.record({ kind: word }),
);
/** The identifier and data are JSON held in strings, as Action Cable writes them; sometimes plain words. */
const identifier = fc.oneof(
  fc.record({ channel: word, room: word }, { requiredKeys: ['channel'] }).map((id) => JSON.stringify(id)),
  word,
);
const data = fc.oneof(
  fc.record({ action: word, text: value }).map((one) => JSON.stringify(one)),
  word,
);

const message = fc.oneof(
  fc.record(
    {
      type: fc.constantFrom('welcome', 'ping', 'confirm_subscription', 'reject_subscription', 'disconnect'),
      identifier,
      message: value,
      reason: word,
    },
    { requiredKeys: ['type'] },
  ),
  fc.record({ identifier, message: value }, { requiredKeys: ['message'] }),
  fc.record(
    { command: fc.constantFrom('subscribe', 'unsubscribe', 'message'), identifier, data },
    { requiredKeys: ['command'] },
  ),
  fc.record({ identifier, data }),
);

const written = fc
  .tuple(message, fc.constantFrom('', 'a', 'e', 'T'))
  .map(([one, letter]) => ({ text: escapeSome(JSON.stringify(one), letter) }));

const odd = fc
  .constantFrom(
    '{"identifier":"{\\"channel\\":\\"Tr\\\\u0061de\\"}","message":1}',
    '{"mess\\u0061ge":1}',
    '{"__proto__":{"type":"Trade"},"type":"ping"}',
    '["message"]',
    'Trade',
  )
  .map((text) => ({ text }));

const traffic = fc.array(
  fc
    .tuple(
      fc.oneof(written, odd, fc.constant({ bytes: new Uint8Array([0x7b, 0x7d]) })),
      fc.constantFrom<WireFrame['dir']>('in', 'out'),
    )
    .map(([frame, dir]) => ({ ...frame, dir })),
  { maxLength: 8 },
);

const CONDITIONS = [
  'channel = TradeChannel',
  'channel = "tr"ade"',
  'channel ~ é',
  'identifier.channel = Trade',
  'identifier.room ~ ade',
  'identifier = Trade',
  'type = message',
  'type ~ ess',
  'type = subscribe',
  'command = message',
  'data.action = speak',
  'data.text = true',
  'data.text = "true"',
  'data.text.kind = Trade',
  'data = Trade',
  'message = Trade',
  'message.kind ~ é',
  'reason = null',
  '__proto__.type = Trade',
  'channel != Trade',
];

describe('the Action Cable field reader', () => {
  it('matches exactly what decoding every frame matches, on random traffic', () => {
    agreesOnRandomTraffic(decoder, FACTS, traffic, CONDITIONS, 400);
  }, 60_000); // many random sessions take a while on a loaded machine
});
