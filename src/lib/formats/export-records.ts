import type { ChunkColumns } from '../record/chunk';
import { recordAt } from '../record/chunk';
import type { Redaction, RedactionPlan } from './redaction';
import type { ExportFormat } from './export-session';
import type { HarTail } from './har-writer';
import { HarRecords } from './har-writer';
import { nativeRecordLine } from './native';

/** What a chunk's records add to an export besides their text: what the file's header or end must say. */
export interface ChunkTail {
  /** Redactions found in this chunk and not in an earlier one of the same formatter. */
  redactions: Redaction[];
  /** Binary frames of this chunk that could not be searched for secrets. */
  uncheckedBinary: number;
  /** For HAR, what the chunk adds to the file's end. */
  har: HarTail | null;
}

export interface FormattedChunk {
  text: string;
  /** Records written: a live session's records from the export's count on are left out. */
  records: number;
  tail: ChunkTail;
}

/**
 * Formats an export's records a chunk at a time: the part of an export an export worker does (lib/export/job.ts).
 * The page writes the file's header and end around the chunks (export-assembly.ts).
 */
export class RecordFormatter {
  readonly #plan: RedactionPlan;
  readonly #har: HarRecords | null;
  #reported = 0;
  #unchecked = 0;

  constructor(format: ExportFormat, plan: RedactionPlan) {
    this.#plan = plan;
    this.#har = format === 'har' ? new HarRecords(plan) : null;
  }

  /** The chunk's records before `count` as file text. */
  format(chunk: ChunkColumns, count: number): FormattedChunk {
    const parts: string[] = [];
    const end = Math.max(0, Math.min(chunk.count, count - chunk.firstSeq));
    for (let i = 0; i < end; i++) {
      const record = recordAt(chunk, i);
      parts.push(this.#har ? this.#har.record(record) : `${nativeRecordLine(record, this.#plan)}\n`);
    }
    const redactions = this.#plan.redactions.slice(this.#reported);
    this.#reported += redactions.length;
    const uncheckedBinary = this.#plan.uncheckedBinary - this.#unchecked;
    this.#unchecked += uncheckedBinary;
    return {
      text: parts.join(''),
      records: end,
      tail: { redactions, uncheckedBinary, har: this.#har?.takeTail() ?? null },
    };
  }
}
