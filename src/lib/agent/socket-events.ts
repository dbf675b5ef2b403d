import type { WireFacts } from '../model/frame';

/*
 * The DOM events an AgentSocket dispatches, built the same way in browsers and in Node (where the socket runs
 * for `npm run scenario` and the tests).
 */

const textDecoder = new TextDecoder();

/** A close event that browsers and Node both build: CloseEvent is not a global in Node 20. */
export function closeEvent(
  code: number,
  reason: string,
  wasClean: boolean,
  closeFrameHex?: string,
): CloseEvent {
  const wire: WireFacts = closeFrameHex === undefined ? {} : { closeFrameHex };
  return Object.assign(new Event('close'), { code, reason, wasClean }, wire) as CloseEvent;
}

/** The message event of a frame the agent received: its data as `binaryType` asks, with what the wire showed. */
export function messageEvent(
  payload: Uint8Array<ArrayBuffer>,
  binary: boolean,
  compressed: boolean,
  binaryType: BinaryType,
): MessageEvent & WireFacts {
  let data: string | ArrayBuffer | Blob;
  if (!binary) data = textDecoder.decode(payload);
  else if (binaryType === 'blob') data = new Blob([payload]);
  else data = payload.slice().buffer;
  const event: MessageEvent & WireFacts = new MessageEvent('message', { data });
  event.compressed = compressed;
  return event;
}
