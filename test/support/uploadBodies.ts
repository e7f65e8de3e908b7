// Upload bodies that try to break the server, shared by the HTTP tests of attachments: a PNG whose
// header promises more pixels than it holds, a multipart form built byte by byte (to cut it short
// or give it any name), and posting such a form as it is.
import { crc32, deflateSync } from 'node:zlib';
import type { Client } from './testNode.js';

/** A PNG chunk: length, type, data, CRC of type and data. */
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A small file whose header says `width` × `height`: a decompression bomb's opening. */
export function hugePngHeader(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(width * 3 + 1))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A multipart body built by hand, so a test controls every byte of it. */
export function multipart(
  filename: string,
  content: Buffer | string,
  type = 'application/octet-stream',
) {
  const boundary = 'sbtestboundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  return {
    boundary,
    head,
    body: Buffer.concat([head, Buffer.from(content), Buffer.from(`\r\n--${boundary}--\r\n`)]),
  };
}

export async function postRaw(client: Client, path: string, body: Buffer, boundary: string) {
  const response = await fetch(client.baseUrl + path, {
    method: 'POST',
    headers: {
      origin: client.baseUrl,
      cookie: client.cookie!,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    body,
  });
  return { status: response.status, body: (await response.json()) as any };
}
