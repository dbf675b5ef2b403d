import { describe, expect, it } from 'vitest';
import type { DecoderEntry } from '../../../../src/lib/decoders/decoder';
import {
  chooseDecoder,
  DecoderDetector,
  describeDetection,
  SNIFFED_MESSAGES,
} from '../../../../src/lib/decoders/detect';
import { entry as json } from '../../../../src/lib/decoders/json/detect';

const never = () => Promise.reject(new Error('not loaded in these tests'));
/** A protocol known by its subprotocol, its URL and its first frame, like Socket.IO or graphql-ws. */
const chat: DecoderEntry = {
  id: 'chat',
  label: 'Chat',
  byProtocol: (protocol) => protocol === 'chat.v1',
  byUrl: (url) => url.pathname.startsWith('/chat'),
  sniff: (frame) => frame.text?.startsWith('CHAT ') === true,
  load: never,
};
const other: DecoderEntry = {
  id: 'other',
  label: 'Other',
  byUrl: (url) => url.pathname === '/chat',
  load: never,
};
const entries = [chat, other, json];

describe('DecoderDetector', () => {
  it('trusts the subprotocol over the URL, and the URL over the frames', () => {
    const bySubprotocol = new DecoderDetector('ws://h/x', [other, chat, json]);
    bySubprotocol.opened('chat.v1');
    expect(bySubprotocol.detected).toEqual({ id: 'chat', label: 'Chat', reason: 'from the subprotocol' });

    const byUrl = new DecoderDetector('ws://h/chat/room', entries);
    byUrl.opened('');
    byUrl.message({ dir: 'in', text: '{"a":1}' });
    expect(byUrl.detected).toEqual({ id: 'chat', label: 'Chat', reason: 'from the URL' });
  });

  it('asks the entries in order: the first that says yes wins', () => {
    const detector = new DecoderDetector('ws://h/chat', [other, chat, json]);
    detector.opened('');
    expect(detector.detected?.id).toBe('other');
  });

  it('sniffs the first messages, and sticks to its answer', () => {
    const detector = new DecoderDetector('ws://h/feed', entries);
    detector.opened('');
    detector.message({ dir: 'out', text: 'hello' });
    expect(detector.detected).toBeNull();
    expect(detector.settled).toBe(false);
    detector.message({ dir: 'in', text: 'CHAT hi' });
    detector.message({ dir: 'in', text: '{"type":"x"}' });
    expect(detector.detected).toEqual({ id: 'chat', label: 'Chat', reason: 'from the first frames' });
    expect(detector.settled).toBe(true);
  });

  it('detects a plain JSON session as JSON, as the app always showed it', () => {
    const detector = new DecoderDetector('ws://localhost:8787/echo');
    detector.opened('');
    detector.message({ dir: 'out', text: '{"type":"ping","id":7}' });
    expect(detector.detected).toEqual({ id: 'json', label: 'JSON', reason: 'from the first frames' });
  });

  it(`gives up after ${SNIFFED_MESSAGES} messages it does not recognise`, () => {
    const detector = new DecoderDetector('ws://h/feed', entries);
    for (let i = 0; i < SNIFFED_MESSAGES; i++) detector.message({ dir: 'in', text: `line ${i}` });
    expect(detector.settled).toBe(true);
    detector.message({ dir: 'in', text: 'CHAT late' });
    expect(detector.detected).toBeNull();
  });

  it('treats a rule that throws as a no, and an imported session without an open event as opened', () => {
    const broken: DecoderEntry = {
      id: 'broken',
      label: 'Broken',
      sniff: () => {
        throw new Error('bad frame');
      },
      load: never,
    };
    const detector = new DecoderDetector('not a url', [broken, chat]);
    detector.message({ dir: 'in', text: 'CHAT hi' });
    expect(detector.detected?.id).toBe('chat');
  });
});

describe('chooseDecoder', () => {
  const detected = { id: 'chat', label: 'Chat', reason: 'from the URL' } as const;

  it('uses detection on Auto, nothing on None, and a chosen decoder over both', () => {
    expect(chooseDecoder('auto', detected, entries)).toBe(detected);
    expect(chooseDecoder('none', detected, entries)).toBeNull();
    expect(chooseDecoder('json', detected, entries)).toEqual({ id: 'json', label: 'JSON', reason: 'chosen' });
    expect(chooseDecoder('gone', detected, entries)).toBeNull();
  });

  it('says what it uses and why', () => {
    expect(describeDetection(detected)).toBe('Chat, from the URL');
    expect(describeDetection(null)).toBe('none');
  });
});
