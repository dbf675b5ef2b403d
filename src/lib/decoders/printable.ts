const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Whether bytes are UTF-8 text a person would write: valid, and free of control characters but tab and line
 * breaks. Random bytes rarely are, which makes text the binary sniffers' best evidence of a real message.
 */
export function isPrintableUtf8(bytes: Uint8Array): boolean {
  try {
    return !/\p{Cc}/u.test(strictUtf8.decode(bytes).replace(/[\t\n\r]/g, ''));
  } catch {
    return false;
  }
}
