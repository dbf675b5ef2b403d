import type { DecoderEntry } from '../decoder';

/** A client's first packet, CONNECT: 0x10, a Remaining Length, then the protocol name `MQTT` or 3.1's `MQIsdp`. */
const PROTOCOL_NAMES = [
  [0x00, 0x04, 0x4d, 0x51, 0x54, 0x54],
  [0x00, 0x06, 0x4d, 0x51, 0x49, 0x73, 0x64, 0x70],
];

export const entry: DecoderEntry = {
  id: 'mqtt',
  label: 'MQTT',
  // The MQTT specs name `mqtt`; MQTT 3.1 clients offer `mqttv3.1`.
  byProtocol: (protocol) => ['mqtt', 'mqttv3.1'].includes(protocol.toLowerCase()),
  sniff: (frame) => {
    const bytes = frame.bytes;
    if (!bytes || bytes[0] !== 0x10) return false;
    let at = 1;
    while (at < 5 && ((bytes[at] ?? 0) & 0x80) !== 0) at++; // the Remaining Length's continuation bytes
    const nameStart = at + 1;
    return PROTOCOL_NAMES.some((name) => name.every((byte, i) => bytes[nameStart + i] === byte));
  },
  load: () => import('./index').then((m) => m.decoder),
};
