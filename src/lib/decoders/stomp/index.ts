/**
 * STOMP 1.0–1.2 over WebSocket (stomp.github.io/stomp-specification-1.2.html).
 *
 * Decodes every frame in a WebSocket message (several may share one; one split over several is put together),
 * with 1.1/1.2 header unescaping by the negotiated version, `content-length` bodies and heart-beat EOLs (control).
 * Composes `{"command":"SEND","headers":{…},"body":"…"}` (see compose.ts). Keeps alive with CONNECT on open and a
 * heart-beat at the negotiated interval. Pairs CONNECT↔CONNECTED, `receipt`↔RECEIPT/ERROR `receipt-id` and
 * SUBSCRIBE `id`↔MESSAGE `subscription`.
 */
import type { Decoder } from '../decoder';
import { composeStomp } from './compose';
import { stompKeepAlive } from './keep-alive';
import { StompSession } from './session';

export type { StompMessage, StompTree } from './message';

export const decoder: Decoder = {
  id: 'stomp',
  label: 'STOMP',
  start: (facts) => new StompSession(facts),
  compose: composeStomp,
  keepAlive: () => stompKeepAlive(),
};
