// A CSV download streamed as its records are read (the raw chats, the raw tickets): written
// through csv-stringify into the reply, so a year of rows is never held in memory.
import { pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

/** The 200 response a CSV route documents. */
export const csvResponse = {
  description: 'The CSV file',
  content: { 'text/csv': { schema: z.string() } },
};

const hourOf = (ms: number) => new Date(ms).toISOString().slice(0, 13);

/** `name-FROM-TO.csv`, the range's hours in UTC. */
export const csvFileName = (name: string, range: { from: number; to: number }) =>
  `${name}-${hourOf(range.from)}-${hourOf(range.to)}.csv`;

export function sendCsv<Record extends object>(
  request: FastifyRequest,
  reply: FastifyReply,
  props: { fileName: string; columns: readonly string[]; records: AsyncIterable<Record> },
): FastifyReply {
  const csv = stringify({ header: true, columns: [...props.columns] });
  // pipeline: a failed read ends the download with an error (the client sees a cut reply, not
  // a hang), and a client gone away stops the reading.
  pipeline(Readable.from(props.records), csv, (error) => {
    if (error) request.log.warn({ err: error }, `${props.fileName}: export stopped`);
  });
  return (
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${props.fileName}"`)
      .header('x-content-type-options', 'nosniff')
      // The schema documents the CSV; the reply is its stream.
      .send(csv)
  );
}
