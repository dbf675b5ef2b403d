/** A profile's connection fields as a file or link holds them: subprotocols typed comma-separated, binary type. */
import type { BinaryType } from '../model/frame';
import type { RedactionPlan } from '../redact/plan';

/** The Subprotocols field as typed: comma-separated. */
export function splitProtocols(protocols: string): string[] {
  return protocols
    .split(',')
    .map((protocol) => protocol.trim())
    .filter((protocol) => protocol !== '');
}

/** The field as typed when nothing in it was redacted, else the redacted subprotocols joined the usual way. */
export function redactedProtocols(protocols: string, plan: RedactionPlan): string {
  const before = splitProtocols(protocols);
  return plan.protocols.every((protocol, i) => protocol === before[i])
    ? protocols
    : plan.protocols.join(', ');
}

/** `blob` as such; anything else gives the default. */
export function readBinaryType(value: unknown): BinaryType {
  return value === 'blob' ? 'blob' : 'arraybuffer';
}
