// Scenario 7, attachments: upload and download throughput of 10 MiB files through the real HTTP
// routes (POST /tickets/{id}/files, the chats' handler too, and GET /files/{id}), one at a time,
// and the server's memory while 20 such uploads arrive at once: its RSS (from /proc) and its heap
// (from the server itself, bench/lib/memoryProbe.mjs), each as growth over the idle server's,
// beside the total uploaded. Uploads stream to the store a chunk at a time, so the growth must stay
// far below the total. On SQLite, and on PostgreSQL when it answers (files in chunks in both).
import { randomBytes } from 'node:crypto';
import { createTicket } from '../../src/services/tickets/ticketCreator.js';
import {
  postgresAvailable,
  postgresDatabase,
  sqliteDatabase,
  type BenchDatabase,
} from '../lib/databases.js';
import { createUsers, openFixture } from '../lib/fixtures.js';
import { startServer, type ServerProcess } from '../lib/processes.js';
import type { Row, ScenarioResult } from '../lib/report.js';
import { round } from '../lib/stats.js';

export interface FilesOptions {
  /** Bytes per file. */
  fileBytes: number;
  /** Files uploaded, then downloaded, one after another. */
  sequential: number;
  /** Uploads at once, for the memory figure. */
  concurrent: number;
}

const MIB = 1024 * 1024;

export const filesSizes = {
  full: { fileBytes: 10 * MIB, sequential: 5, concurrent: 20 },
  quick: { fileBytes: 1 * MIB, sequential: 1, concurrent: 4 },
} satisfies Record<string, FilesOptions>;

/** A PDF by its first bytes (the type is decided from the content), incompressible after them. */
function pdfOf(bytes: number): Buffer {
  const head = Buffer.from('%PDF-1.4\n');
  return Buffer.concat([head, randomBytes(bytes - head.length)]);
}

interface Measured {
  uploadMBps: number;
  downloadMBps: number;
  concurrent: {
    totalBytes: number;
    seconds: number;
    /** The highest RSS while they arrive, less the idle server's (before any upload). */
    rssGrowthBytes: number;
    /** The same of heapUsed + external (where Buffers live). */
    heapGrowthBytes: number;
    failed: number;
  };
  failed: number;
}

async function upload(server: ServerProcess, token: string, ticketId: string, file: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([file], { type: 'application/pdf' }), 'bench.pdf');
  const response = await fetch(`${server.url}/api/v1/tickets/${ticketId}/files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const body = (await response.json()) as { id?: string; size?: number };
  if (response.status !== 201 || !body.id) throw new Error(`upload: HTTP ${response.status}`);
  return body.id;
}

/** Reads the whole file as it arrives (never held whole); resolves with its length. */
async function download(server: ServerProcess, token: string, fileId: string): Promise<number> {
  const response = await fetch(`${server.url}/api/v1/files/${fileId}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (response.status !== 200 || !response.body) throw new Error(`download: ${response.status}`);
  let length = 0;
  for await (const piece of response.body) length += (piece as Uint8Array).length;
  return length;
}

const mbps = (bytes: number, ms: number) => round(bytes / 1e6 / (ms / 1000), 1);

async function measure(database: BenchDatabase, options: FilesOptions): Promise<Measured> {
  const fixture = await openFixture(database.storeOptions);
  const [agent] = await createUsers(fixture, 1, 'admin');
  const [customer] = await createUsers(fixture, 1, 'user');
  const ticket = await createTicket(fixture.ctx, {
    viewer: customer!,
    body: { subject: 'Scans', message: 'Attached', priority: 'medium' },
  });
  await fixture.close();
  const server = await startServer(
    {
      ...database.serverEnv,
      UPLOAD_LIMIT_PER_HOUR: '1000000',
      // The form around a file of exactly the limit is a little over it.
      FILE_SIZE_LIMIT_MB: String(Math.ceil(options.fileBytes / MIB) + 1),
    },
    { memoryProbe: true },
  );
  const token = agent!.token;
  const ticketId = ticket.row.id;
  const file = pdfOf(options.fileBytes);
  let failed = 0;
  // The idle server's memory, before any upload: growth is counted from here, so what the
  // uploads one at a time left resident counts against the concurrent ones (the stricter figure).
  const heapOf = (usage: NodeJS.MemoryUsage) => usage.heapUsed + usage.external;
  let heapIdle = 0;
  let heapPeak = 0;
  let watching = false;
  const stopHeap = server.onMemory((usage) => {
    heapIdle = heapIdle || heapOf(usage);
    if (watching) heapPeak = Math.max(heapPeak, heapOf(usage));
  });
  await new Promise((resolve) => setTimeout(resolve, 200));
  const rssIdle = server.rssBytes();
  try {
    // Warm-up: one of each, not counted.
    await download(server, token, await upload(server, token, ticketId, file));

    const ids: string[] = [];
    let started = performance.now();
    for (let i = 0; i < options.sequential; i++)
      ids.push(await upload(server, token, ticketId, file));
    const uploadMs = performance.now() - started;
    started = performance.now();
    let downloaded = 0;
    for (const id of ids) downloaded += await download(server, token, id);
    const downloadMs = performance.now() - started;
    if (downloaded !== ids.length * options.fileBytes) failed++;

    // Memory: the highest figures while the uploads arrive.
    watching = true;
    let rssPeak = server.rssBytes();
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, server.rssBytes());
    }, 20);
    started = performance.now();
    const uploads = await Promise.allSettled(
      Array.from({ length: options.concurrent }, () => upload(server, token, ticketId, file)),
    );
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    rssPeak = Math.max(rssPeak, server.rssBytes());
    watching = false;
    const concurrentFailed = uploads.filter((u) => u.status === 'rejected').length;
    return {
      uploadMBps: mbps(options.sequential * options.fileBytes, uploadMs),
      downloadMBps: mbps(downloaded, downloadMs),
      concurrent: {
        totalBytes: options.concurrent * options.fileBytes,
        seconds: round(seconds, 2),
        rssGrowthBytes: Math.max(0, rssPeak - rssIdle),
        heapGrowthBytes: Math.max(0, heapPeak - heapIdle),
        failed: concurrentFailed,
      },
      failed,
    };
  } finally {
    stopHeap();
    await server.stop();
  }
}

export async function filesScenario(options: FilesOptions): Promise<ScenarioResult> {
  const databases: Array<() => Promise<BenchDatabase>> = [async () => sqliteDatabase()];
  if (await postgresAvailable()) databases.push(postgresDatabase);
  else process.stderr.write('  files: PostgreSQL not reachable, SQLite only\n');
  const measured: Record<string, Measured> = {};
  for (const open of databases) {
    const database = await open();
    try {
      measured[database.kind] = await measure(database, options);
    } finally {
      await database.drop();
    }
  }
  const mib = (bytes: number) => round(bytes / MIB, 1);
  const size = `${mib(options.fileBytes)} MiB`;
  const rows: Row[] = Object.entries(measured).flatMap(([kind, m]) => {
    const scenario = `Files ${kind}`;
    const total = mib(m.concurrent.totalBytes);
    // A server that held uploads whole would grow by at least the total; a streaming one by what
    // each upload has in flight plus the garbage its chunks leave until collected (counted from
    // the idle server, so what earlier uploads left resident counts too). The RSS is what the
    // machine gives the server; the heap, shown beside it, counts that garbage as well.
    const growth = (metric: string, bytes: number, targeted: boolean): Row => ({
      scenario,
      metric: `${metric} growth, ${options.concurrent} concurrent ${size} uploads (baseline: uploaded)`,
      value: mib(bytes),
      unit: 'MiB',
      baseline: total,
      ratio: round(bytes / m.concurrent.totalBytes, 2),
      ...(targeted && {
        target: '< 50 % of uploaded',
        met: bytes < 0.5 * m.concurrent.totalBytes,
      }),
    });
    return [
      { scenario, metric: `upload ${size}, one at a time`, value: m.uploadMBps, unit: 'MB/s' },
      { scenario, metric: `download ${size}, one at a time`, value: m.downloadMBps, unit: 'MB/s' },
      growth('server RSS', m.concurrent.rssGrowthBytes, true),
      growth('server heap + external', m.concurrent.heapGrowthBytes, false),
      {
        scenario,
        metric: `${options.concurrent} concurrent ${size} uploads, together`,
        value: round(m.concurrent.totalBytes / 1e6 / m.concurrent.seconds, 1),
        unit: 'MB/s',
      },
      {
        scenario,
        metric: 'failed uploads and downloads',
        value: m.failed + m.concurrent.failed,
        unit: '',
        target: '0',
        met: m.failed + m.concurrent.failed === 0,
      },
    ] satisfies Row[];
  });
  return { name: 'files', rows, details: { options, measured } };
}
