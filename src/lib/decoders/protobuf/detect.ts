import type { DecoderEntry } from '../decoder';
import { printableText, readWireFields, WIRE_LEN, type WireField } from './wire';

/** Real messages number their fields from 1 upwards, rarely past this; random bytes often claim far larger ones. */
const PLAUSIBLE_FIELD = 1000;
/** Three records that all parse, with small field numbers and one wire type each, are rarely chance. */
const ENOUGH_FIELDS = 3;

/**
 * Nothing on the wire says "protobuf", and short random bytes often parse as some message, so a frame is claimed
 * only when all of it is a plausible message (field numbers below 1000, each keeping one wire type) that also
 * shows some structure: a string of printable text, a nested plausible message, or at least three records.
 */
export const entry: DecoderEntry = {
  id: 'protobuf',
  label: 'Protobuf',
  byProtocol: (protocol) => /(^|[.+-])(protobuf|proto)$/i.test(protocol),
  sniff: (frame) => {
    const fields = frame.bytes && plausibleFields(frame.bytes);
    return fields !== undefined && (fields.length >= ENOUGH_FIELDS || fields.some(isStructured));
  },
  load: () => import('./index').then((m) => m.decoder),
};

function plausibleFields(bytes: Uint8Array): WireField[] | undefined {
  const fields = readWireFields(bytes);
  if (!fields || fields.length === 0) return undefined;
  const wires = new Map<number, number>();
  for (const { field, wire } of fields) {
    if (field >= PLAUSIBLE_FIELD || (wires.get(field) ?? wire) !== wire) return undefined;
    wires.set(field, wire);
  }
  return fields;
}

function isStructured({ wire, value }: WireField): boolean {
  if (wire !== WIRE_LEN || !(value instanceof Uint8Array) || value.length === 0) return false;
  return printableText(value) !== undefined || plausibleFields(value) !== undefined;
}
