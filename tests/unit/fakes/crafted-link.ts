import { toBase64 } from '../../../src/lib/encoding/base64';

/** The fragment a crafted share link carries: any bytes, deflated and base64url-encoded as the app does. */
export async function craftedFragment(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const deflated = await new Response(
    new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw')),
  ).bytes();
  return toBase64(deflated).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
