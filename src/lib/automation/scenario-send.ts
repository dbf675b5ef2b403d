import type { ComposeContext, Decoder } from '../decoders/decoder';
import { encodeDescription, isProtocolFormat } from '../compose/message';
import type { ProtocolFormat } from '../compose/message';
import { expandVariables, randomUuid } from '../compose/variables';
import { findEntry, loadDecoder } from '../decoders/registry';
import { messageOf } from '../errors';
import type { Result } from '../result';
import type { ScenarioMessage } from './scenario';
import type { AutomationTarget } from './target';

/** What sending a scenario's message needs beyond a rule's: raw frames, for protocol formats. */
export interface FrameSender extends AutomationTarget {
  sendText(text: string, automatic?: boolean): void;
  sendBinary(bytes: Uint8Array, automatic?: boolean): void;
  readonly nextSendSeq: number;
}

/** The decoder that composes a protocol format: loaded on first use, as the composer does. */
export type EncoderLoader = (format: ProtocolFormat) => Promise<Decoder>;

export const loadEncoder: EncoderLoader = async (format) => {
  const entry = findEntry(format);
  if (entry === undefined) throw new Error(`No ${format} decoder is available.`);
  return loadDecoder(entry);
};

/**
 * Sends a scenario's message. Plain formats go through the connection's own send (variables, `{{$seq}}`,
 * encoding); a protocol format's description has its variables filled in, is encoded by its decoder, and each
 * frame it makes is sent in order.
 */
export async function sendScenarioMessage(
  target: FrameSender,
  message: ScenarioMessage,
  values: Readonly<Record<string, string>>,
  context: ComposeContext & { protocol: string },
  load: EncoderLoader = loadEncoder,
): Promise<Result<void>> {
  if (!isProtocolFormat(message.format)) {
    return target.send({ body: message.body, format: message.format }, { values });
  }
  let decoder: Decoder;
  try {
    decoder = await load(message.format);
  } catch (error) {
    return { ok: false, error: messageOf(error) };
  }
  const expanded = expandVariables(message.body, {
    values,
    seq: target.nextSendSeq,
    now: Date.now,
    uuid: randomUuid,
  });
  if (!expanded.ok) return expanded;
  const frames = encodeDescription(expanded.value, decoder, context);
  if (!frames.ok) return frames;
  try {
    for (const frame of frames.value) {
      if (frame.kind === 'text') target.sendText(frame.text);
      else target.sendBinary(frame.bytes);
    }
  } catch (error) {
    return { ok: false, error: messageOf(error) };
  }
  return { ok: true, value: undefined };
}
