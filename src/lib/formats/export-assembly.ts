import type { SessionMeta } from '../model/session';
import type { ChunkTail } from './export-records';
import type { ExportFormat } from './export-session';
import { HarWriter } from './har-writer';
import { nativeEndLine, nativeHeaderLine } from './native';
import type { RedactionPlan } from './redaction';

/**
 * The page's part of an export: the file's header, the chunks of records the export workers formatted (taken in
 * file order), and the end, which says what the chunks added up to. `plan` is the page's redaction plan: it
 * takes in what the workers' plans found, for the HAR end and the "could not be checked" notice.
 */
export class ExportAssembly {
  readonly #meta: SessionMeta;
  readonly #plan: RedactionPlan;
  readonly #exportedAt: Date;
  readonly #har: HarWriter | null;
  readonly #encoder = new TextEncoder();
  #records = 0;

  constructor(meta: SessionMeta, format: ExportFormat, plan: RedactionPlan, exportedAt: Date) {
    this.#meta = meta;
    this.#plan = plan;
    this.#exportedAt = exportedAt;
    this.#har = format === 'har' ? new HarWriter(meta, plan) : null;
  }

  /** The file's first bytes. The native header lists what the URL and the recorded secrets made redact. */
  head(): Uint8Array {
    const text = this.#har
      ? this.#har.start()
      : `${nativeHeaderLine(this.#meta, this.#plan, this.#exportedAt)}\n`;
    return this.#encoder.encode(text);
  }

  /** The next chunk's bytes as they go in the file. */
  add(bytes: Uint8Array, records: number, tail: ChunkTail): Uint8Array {
    this.#plan.absorb(tail.redactions, tail.uncheckedBinary);
    this.#records += records;
    const skip = this.#har && tail.har ? this.#har.add(tail.har) : 0;
    return bytes.subarray(skip);
  }

  /** The file's last bytes: the native end line's count, or the HAR entry's fields known once all was seen. */
  end(): Uint8Array {
    return this.#encoder.encode(this.#har ? this.#har.end() : `${nativeEndLine(this.#records)}\n`);
  }
}
