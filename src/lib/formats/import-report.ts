/** What an import did: the sessions written, the records kept and skipped, and what the person should know. */
export interface ImportReport {
  fileName: string;
  format: 'WS Inspector session' | 'HAR';
  sessionIds: string[];
  records: number;
  /** Records skipped, by reason. */
  skipped: Record<string, number>;
  /** HAR entries that are not WebSockets (pages, scripts, XHR). */
  otherEntries: number;
  /** URLs of WebSocket entries without messages, saved as profiles. */
  profiles: string[];
  warnings: string[];
}

export function newReport(fileName: string, format: ImportReport['format']): ImportReport {
  return {
    fileName,
    format,
    sessionIds: [],
    records: 0,
    skipped: {},
    otherEntries: 0,
    profiles: [],
    warnings: [],
  };
}
