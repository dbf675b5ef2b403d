/** The rest of an export as a File: one Blob part per piece, which the browser may keep out of the JS heap. */
export async function collectFile(
  pieces: AsyncIterator<Uint8Array>,
  file: { name: string; mimeType: string },
): Promise<File> {
  const parts: Blob[] = [];
  for (let next = await pieces.next(); !next.done; next = await pieces.next())
    parts.push(new Blob([next.value as Uint8Array<ArrayBuffer>]));
  return new File(parts, file.name, { type: file.mimeType });
}
