/** The words of an error, whatever was thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * What a reader of a session's stored chunks says when the chunk it listed at `start` is gone: the pager, the
 * search workers and the export workers say it alike.
 */
export function missingFromStorage(start: number): Error {
  return new Error(`the records from ${start} on are missing from storage`);
}
