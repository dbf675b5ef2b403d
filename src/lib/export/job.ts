import { utf8BytesOfLongText } from '../encoding/utf8';
import { messageOf, missingFromStorage } from '../errors';
import type { FramesDb } from '../persist/frames-db';
import type { ChunkColumns } from '../record/chunk';
import { readChunkGroup } from '../persist/chunk-group';
import { RecordFormatter } from '../formats/export-records';
import type { ExportJob, ExportPageSays, ExportWorkerSays } from './protocol';
import { RedactionPlan } from '../formats/redaction';

/**
 * How many chunks a worker may send ahead of the page taking them. The page takes the workers' chunks in turn,
 * so this bounds what waits in memory, whatever the file's size, while keeping every worker busy.
 */
const CHUNKS_AHEAD = 2;

/**
 * Chunks read from storage ahead of the one being formatted: IndexedDB answers a worker's requests a round trip
 * each, in the browser's process, while the worker formats.
 */
const READ_AHEAD = 4;

type ChunkReader = Pick<FramesDb, 'chunksBetween' | 'chunk'>;

/**
 * An export worker's work (worker.ts is its entry): reads its chunks from storage, the next ones while it
 * formats the last, and sends each formatted and encoded, no more than CHUNKS_AHEAD ahead of the page.
 */
export class ExportJobRunner {
  readonly #frames: ChunkReader;
  readonly #post: (message: ExportWorkerSays, transfer: Transferable[]) => void;
  #credit = CHUNKS_AHEAD;
  #wake: (() => void) | null = null;

  constructor(frames: ChunkReader, post: (message: ExportWorkerSays, transfer: Transferable[]) => void) {
    this.#frames = frames;
    this.#post = post;
  }

  receive(message: ExportPageSays): void {
    if (message.type === 'more') {
      this.#credit++;
      this.#wake?.();
      return;
    }
    this.#run(message).catch((error: unknown) =>
      this.#post({ type: 'error', message: messageOf(error) }, []),
    );
  }

  async #run(job: ExportJob): Promise<void> {
    const formatter = new RecordFormatter(job.format, RedactionPlan.forExport(job.meta, job.secrets));
    const unsaved = new Map(job.unsaved.map((chunk) => [chunk.firstSeq, chunk]));
    const read = ({ start, endSeq }: ExportJob['chunks'][number]): Promise<ChunkColumns> => {
      const given = unsaved.get(start);
      if (given !== undefined) return Promise.resolve(given);
      const reading = readChunkGroup(this.#frames, job.sessionId, [start], endSeq).then(([chunk]) => {
        if (chunk === undefined) throw missingFromStorage(start);
        return chunk;
      });
      // A read ahead that fails is reported when its turn comes; until then it must not count as unhandled.
      reading.catch(() => undefined);
      return reading;
    };
    const reads = job.chunks.slice(0, READ_AHEAD).map(read);
    for (let i = 0; i < job.chunks.length; i++) {
      const chunk = await (reads.shift() as Promise<ChunkColumns>);
      const ahead = job.chunks[i + READ_AHEAD];
      if (ahead !== undefined) reads.push(read(ahead));
      const { text, records, tail } = formatter.format(chunk, job.count);
      const bytes = utf8BytesOfLongText(text);
      while (this.#credit === 0) await new Promise<void>((resolve) => (this.#wake = resolve));
      this.#credit--;
      this.#post({ type: 'chunk', bytes, records, tail }, [bytes.buffer]);
    }
  }
}
