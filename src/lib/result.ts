/** The outcome of checking something a person typed: a value, or a message saying what is wrong. */
export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };
