// kill -9 of a real node (`switchboard serve`, IMAP_URL set) while it imports a batch from
// Dovecot: whatever the moment (inside a transaction, between the commit and the \Seen flag,
// mid-fetch, while an attachment is stored), the node started again imports every mail, each
// once, and keeps each attachment once, as a file of its message.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/storage/store.js';
import { startNodeProcess, type NodeProcess } from '../cluster/support/nodeProcess.js';
import { Dovecot, dovecotAvailable } from '../support/dovecot.js';
import { rawMail, rawMailWithAttachments } from './support/mails.js';

const MAILS = 60;
/** Every third mail carries a small PDF. */
const WITH_FILE = (i: number) => i % 3 === 0;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.skipIf(!dovecotAvailable())('a node killed while it imports mail', () => {
  let dovecot: Dovecot;
  let dataDir: string;
  let node: NodeProcess | undefined;
  let store: Store | undefined;
  beforeAll(async () => {
    dovecot = await Dovecot.start();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-mail-crash-'));
  });
  afterAll(async () => {
    await node?.crash();
    await store?.close();
    await dovecot?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const unseen = (address: string): Promise<number> =>
    dovecot.imap(address, async (client) => {
      const status = await client.status('INBOX', { unseen: true });
      return status ? (status.unseen ?? 0) : -1;
    });

  it('loses no mail and imports none twice', async () => {
    const helpdesk = dovecot.addUser('crash@uni.example').address;
    for (let i = 1; i <= MAILS; i++) {
      const parts = { from: `student${i % 3}@student.example`, to: helpdesk, subject: `Mail ${i}` };
      await dovecot.deliver(
        WITH_FILE(i)
          ? rawMailWithAttachments({
              ...parts,
              attachments: [{ fileName: `scan-${i}.pdf`, type: 'application/pdf', content: PDF }],
            })
          : rawMail(parts),
        helpdesk,
      );
    }
    const env = {
      DATA_DIR: dataDir,
      IMAP_URL: dovecot.imapUrl(helpdesk),
      IMAP_POLL_SECONDS: '1',
      MAIL_LIMIT_PER_HOUR: '1000',
    };
    node = await startNodeProcess('mail-a', env);
    store = openStore({ sqliteFile: path.join(dataDir, 'switchboard.sqlite') });
    const count = async () =>
      Number(
        (
          await store!.db
            .selectFrom('tickets')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    await until(async () => (await count()) >= 5, 'the first imports');
    await node.crash();
    const beforeRestart = await count();
    console.log(`[mail crash] killed with ${beforeRestart} of ${MAILS} imported`);

    // The same node again (its NODE_ID holds the mailbox's lease, so it goes on at once).
    node = await startNodeProcess('mail-a', env);
    await until(async () => (await unseen(helpdesk)) === 0, 'every mail marked seen');
    await node.stop();
    node = undefined;

    const subjects = (await store.db.selectFrom('tickets').select('subject').execute()).map(
      (row) => row.subject,
    );
    expect(subjects.sort()).toEqual(
      Array.from({ length: MAILS }, (_, i) => `Mail ${i + 1}`).sort(),
    );
    const rows = await store.db
      .selectFrom('mail_messages')
      .select('status')
      .where('direction', '=', 'in')
      .execute();
    expect(rows).toHaveLength(MAILS);
    expect(rows.every((row) => row.status === 'processed')).toBe(true);
    // Each attachment once, on its mail's message; one stored by an import the kill cut short
    // has no owner, and is the sweep's.
    const kept = await store.db
      .selectFrom('files as f')
      .innerJoin('ticket_messages as m', 'm.id', 'f.ticket_message_id')
      .innerJoin('tickets as t', 't.id', 'm.ticket_id')
      .select(['f.file_name', 't.subject'])
      .execute();
    const expected = Array.from({ length: MAILS }, (_, i) => i + 1).filter(WITH_FILE);
    expect(kept.map((row) => `${row.subject}: ${row.file_name}`).sort()).toEqual(
      expected.map((i) => `Mail ${i}: scan-${i}.pdf`).sort(),
    );
  });
});
