import type { DecoderEntry } from '../decoder';
import { printableText, readWireFields, WIRE_LEN, WIRE_VARINT, type WireField } from './wire';

/** Real messages number their fields from 1 upwards, rarely past this; random bytes often claim far larger ones. */
const PLAUSIBLE_FIELD = 1000;
/** Four distinct fields that all parse, with small numbers and one wire type each, are rarely chance. */
const ENOUGH_FIELDS = 4;
/** A message sets one of its first fields, whose numbers schemas give to what matters most. */
const FIRST_FIELD = 4;
/** Fields 1–15 take one byte to tag, so schemas give them to the common fields; a few more are allowed. */
const SMALL_FIELD = 31;

/**
 * Nothing on the wire says "protobuf", and short random bytes often parse as some message, so a frame is claimed
 * only when all of it is a plausible message (field numbers below 1000 in ascending order, each keeping one wire
 * type) that also shows some structure: printable text of two characters or more, a nested message that shows
 * some itself, or four small-numbered fields (tests/unit/lib/decoders/sniff-random.test.ts measures the chance).
 */
export const entry: DecoderEntry = {
  id: 'protobuf',
  label: 'Protobuf',
  byProtocol: (protocol) => /(^|[.+-])(protobuf|proto)$/i.test(protocol),
  sniff: (frame) => {
    const fields = frame.bytes && plausibleFields(frame.bytes);
    return fields !== undefined && (manySmallFields(fields) || fields.some(isStructured));
  },
  load: () => import('./index').then((m) => m.decoder),
};

function plausibleFields(bytes: Uint8Array): WireField[] | undefined {
  const fields = readWireFields(bytes);
  if (!fields || fields.length === 0) return undefined;
  const wires = new Map<number, number>();
  let previous = 0;
  for (const { field, wire } of fields) {
    // Encoders write fields in field-number order (protobuf.dev, "Field Order"); random bytes rarely are.
    if (field < previous || field >= PLAUSIBLE_FIELD || (wires.get(field) ?? wire) !== wire) return undefined;
    wires.set(field, wire);
    previous = field;
  }
  return fields;
}

/** Fields enough that chance would not line them all up, numbered as schemas number fields: from 1, closely. */
function manySmallFields(fields: readonly WireField[]): boolean {
  const numbers = new Set(fields.map(({ field }) => field));
  return (
    numbers.size >= ENOUGH_FIELDS &&
    Math.min(...numbers) <= FIRST_FIELD &&
    fields.every(({ field }) => field <= SMALL_FIELD)
  );
}

function isStructured({ wire, value }: WireField): boolean {
  if (wire !== WIRE_LEN || !(value instanceof Uint8Array) || value.length === 0) return false;
  // One character of text is a 1 in 3 chance for a random byte; two or more are seldom chance.
  const text = printableText(value);
  if (text !== undefined && [...text].length >= 2) return true;
  // A nested message is evidence when it holds some itself, or only small varints: a lone fixed-width field
  // (any 5 or 9 bytes after the right tag) is what random bytes most often nest.
  const nested = plausibleFields(value);
  return (
    nested !== undefined &&
    (manySmallFields(nested) ||
      nested.some(isStructured) ||
      nested.every(({ field, wire }) => wire === WIRE_VARINT && field <= SMALL_FIELD))
  );
}
