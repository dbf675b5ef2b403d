import type { DecodedMessage, KeepAlive, OutgoingFrame } from '../decoder';
import { connectPacket } from './compose';
import { PacketWriter } from './bytes';
import type { ProtocolLevel } from './packets';

/** MQTT §3.1.2.10: the server may close a connection silent for 1.5 × this; the inspector says 60 s. */
export const KEEP_ALIVE_SECONDS = 60;

/**
 * What keeps an MQTT connection open: CONNECT on open (clean session, a fresh client id, keep alive 60 s), PINGREQ
 * every half keep alive, and the acknowledgements a QoS 1 or 2 PUBLISH from the server waits for (PUBACK, PUBREC,
 * then PUBCOMP for its PUBREL).
 */
export function mqttKeepAlive(level: ProtocolLevel): KeepAlive {
  return {
    onOpen: () => {
      const connect = connectPacket({
        clientId: randomClientId(),
        keepalive: KEEP_ALIVE_SECONDS,
        clean: true,
        level,
      });
      return typeof connect === 'string' ? [] : [{ bytes: connect }];
    },
    answer: acknowledge,
    heartbeat: {
      intervalMs: (KEEP_ALIVE_SECONDS * 1000) / 2,
      frame: { bytes: new PacketWriter().packet(12, 0) },
    },
  };
}

/** Called for received messages: acknowledges what the server delivered at QoS 1 or 2. */
function acknowledge(message: DecodedMessage): OutgoingFrame[] {
  const { packetId, qos } = message.fields;
  if (typeof packetId !== 'number') return [];
  if (message.type === 'PUBLISH' && qos === 1) return [ack(4, 0, packetId)];
  if (message.type === 'PUBLISH' && qos === 2) return [ack(5, 0, packetId)];
  if (message.type === 'PUBREL') return [ack(7, 0, packetId)];
  return [];
}

/** PUBACK, PUBREC or PUBCOMP: a packet id alone, which MQTT 5 also reads as reason code 0, Success. */
function ack(type: number, flags: number, packetId: number): OutgoingFrame {
  return { bytes: new PacketWriter().uint16(packetId).packet(type, flags) };
}

/** `wsi-` and eight hex digits: short enough for any server (3.1 allows 23 characters), unlikely to collide. */
function randomClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(4));
  return `wsi-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
