import type { Decoder } from '../decoder';
import { composePacket } from './compose';
import { mqttKeepAlive } from './keep-alive';
import type { ProtocolLevel } from './packets';
import { MqttSession } from './session';

export interface MqttOptions {
  /** The level the inspector's own CONNECT and composed packets use: 4 (3.1.1, the default), 5 or 3 (3.1). */
  protocolLevel: ProtocolLevel;
}

/**
 * MQTT 3.1.1 and 5 over WebSocket. Decoding reads the level from each connection's CONNECT, whatever the options
 * say; the options choose what the inspector itself sends (a profile may ask for MQTT 5).
 */
export function configureMqtt(options: MqttOptions): Decoder {
  return {
    id: 'mqtt',
    label: 'MQTT',
    start: () => new MqttSession(),
    compose: (description, context) => composePacket(description, context, options.protocolLevel),
    keepAlive: () => mqttKeepAlive(options.protocolLevel),
  };
}

export const decoder: Decoder = configureMqtt({ protocolLevel: 4 });
