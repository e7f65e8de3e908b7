// The messages between reportReader.ts and its worker thread (readWorker.ts).

export interface ReadWorkerData {
  /** The SQLite file to open, read-only. */
  file: string;
}

export interface ReadRequest {
  id: number;
  sql: string;
  parameters: readonly unknown[];
}

export type ReadReply =
  { id: number; rows: unknown[] } | { id: number; error: { message: string; code: string } };
