import type { FieldQuery, WireFrame } from './decoder';

type Fields = Record<string, unknown>;

/**
 * Whether a top-level field a decoder computes (rather than copies from the frame's text) still cannot hold the
 * query's texts when the text lacks them: false when it may hold any text (JSON-RPC's `kind` is `request`).
 */
export type DerivedField = false | ((query: FieldQuery) => boolean);

/**
 * How a text protocol's fields relate to its frames' text, for a field reader (see DecoderSession.fieldReader).
 * A top-level field not named in `derived` is copied from the text: any string, true, false or null under it is
 * written there as it is, unless an escape hides it (JSON's, or STOMP's in a header).
 */
export interface TextFields {
  derived?: Readonly<Record<string, DerivedField>>;
  /** A frame's messages' fields, exactly as decoding gives them (and moving the session on as decoding does). */
  fieldsOf(frame: WireFrame): readonly Fields[];
  /**
   * For a stateful decoder: whether this text frame may go unread, leaving the session as decoding it would (it
   * holds no part of a split message, and changes no negotiated state). Any frame may, without it.
   */
  maySkip?(frame: WireFrame, text: string): boolean;
}

const NO_FIELDS: readonly Fields[] = [];

/**
 * A field reader for a protocol whose frames are text: a text frame lacking one of the query's texts, where no
 * escape may hide it, holds no message whose field can hold them, and is not parsed. Any other frame, a binary
 * one, and every frame when the field is derived, is read through `fieldsOf`.
 */
export function textFieldReader(
  query: FieldQuery,
  spec: TextFields,
): (frame: WireFrame) => readonly Fields[] {
  const { fieldsOf, maySkip } = spec;
  const field = query.path[0] ?? '';
  const rule =
    spec.derived !== undefined && Object.hasOwn(spec.derived, field) ? spec.derived[field] : undefined;
  const tells = query.texts.length > 0 && (rule === undefined || (rule !== false && rule(query)));
  if (!tells) return fieldsOf;
  const { texts } = query;
  const mayHide = escapeCheck(texts);
  return (frame) => {
    const text = frame.text;
    if (
      text === undefined ||
      texts.every((part) => text.includes(part)) ||
      mayHide(text) ||
      (maySkip !== undefined && !maySkip(frame, text))
    ) {
      return fieldsOf(frame);
    }
    return NO_FIELDS;
  };
}

/**
 * Whether a text may hide one of the texts behind an escape. An escaped quote (`\"`, as JSON held in a JSON string
 * has many of) only ever stands for a quote, so it hides nothing from texts without one: where every backslash
 * begins one, a value (even in JSON inside a string) is written in the text as it is, but for its quotes.
 */
function escapeCheck(texts: readonly string[]): (text: string) => boolean {
  if (texts.some((part) => part.includes('"') || part.includes('\\'))) return (text) => text.includes('\\');
  return (text) => text.includes('\\') && OTHER_ESCAPE.test(text);
}

/** A backslash that does not begin an escaped quote. */
const OTHER_ESCAPE = /\\(?!")/;

/**
 * A derived field whose values are written in the text, but for these (JSON-RPC's `type` is the method, or the
 * `result` or `error` member it names, or `invalid`): the text tells unless the texts fit in one of them.
 */
export function shownExcept(...values: string[]): DerivedField {
  return ({ texts }) => !values.some((value) => texts.every((part) => value.includes(part)));
}
