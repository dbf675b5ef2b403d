import { ExtData } from '@msgpack/msgpack';
import type { Decoder } from '../decoder';
import { composeValueFrame, decodeValueFrame, type ValueEncoding } from '../value-tree/frame';
import { bytesTree } from '../value-tree/tree';
import { decodeValue, encodeValue } from './value';

export { decodeValue, encodeValue };

/** MessagePack as the encoding of whole binary frames: each frame one value, shown as JSON-able data. */
const messagePack: ValueEncoding = {
  label: 'MessagePack',
  decodeValue,
  encodeValue,
  special: (value) =>
    value instanceof ExtData && value.data instanceof Uint8Array
      ? { $ext: value.type, ...(bytesTree(value.data) as object) }
      : undefined,
};

export const decoder: Decoder = {
  id: 'msgpack',
  label: 'MessagePack',
  start: () => ({ decode: (frame) => decodeValueFrame(messagePack, frame) }),
  compose: (description) => composeValueFrame(messagePack, description),
};
