import { describe, expect, it } from 'vitest';
import type { FileAttachment, UploadLimits } from '../../shared/api.js';
import { UploadTray, type Uploader } from './uploads.js';

const limits: UploadLimits = {
  uploadsAllowed: true,
  maxBytes: 1000,
  filesPerMessage: 2,
  types: ['text/plain'],
  extensions: ['txt'],
};

/** An uploader whose uploads the test settles by hand. */
function manualUploader() {
  const calls: Array<{
    file: File;
    progress: (fraction: number) => void;
    finish: (file: FileAttachment) => void;
    fail: (error: Error) => void;
    aborted: boolean;
  }> = [];
  const uploader: Uploader = (_sessionId, file, progress) => {
    let finish!: (file: FileAttachment) => void;
    let fail!: (error: Error) => void;
    const done = new Promise<FileAttachment>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
    const call = { file, progress, finish, fail, aborted: false };
    calls.push(call);
    return {
      done,
      abort: () => {
        call.aborted = true;
        fail(new Error('Cancelled'));
      },
    };
  };
  return { calls, uploader };
}

const file = (name: string, size: number) => new File(['x'.repeat(size)], name);
const uploaded = (id: string) => ({ id, name: id }) as FileAttachment;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the upload tray', () => {
  it('uploads each file with its progress, and is ready once all are', async () => {
    const { calls, uploader } = manualUploader();
    const tray = new UploadTray('s1', limits, uploader);
    tray.add([file('a.txt', 10), file('b.txt', 20)]);
    expect(tray.get().map((u) => u.status)).toEqual(['uploading', 'uploading']);
    expect(tray.ready()).toBeNull();
    calls[0]!.progress(0.5);
    expect(tray.get()[0]!.progress).toBe(0.5);
    calls[0]!.finish(uploaded('f1'));
    calls[1]!.finish(uploaded('f2'));
    await settle();
    expect(tray.ready()?.map((f) => f.id)).toEqual(['f1', 'f2']);
  });

  it('refuses at once a file over the size limit, an empty one, and one too many', () => {
    const { calls, uploader } = manualUploader();
    const tray = new UploadTray('s1', limits, uploader);
    tray.add([file('big.txt', 2000), file('empty.txt', 0), file('a.txt', 1), file('b.txt', 1)]);
    tray.add([file('c.txt', 1)]);
    expect(tray.get().map((u) => [u.name, u.status, u.error ?? null])).toEqual([
      ['big.txt', 'failed', 'Too large: a file may be at most 1000 bytes'],
      ['empty.txt', 'failed', 'The file is empty'],
      ['a.txt', 'uploading', null],
      ['b.txt', 'uploading', null],
      ['c.txt', 'failed', 'A message may carry at most 2 files'],
    ]);
    expect(calls).toHaveLength(2);
  });

  it('cancels an upload in flight, and says why one failed', async () => {
    const { calls, uploader } = manualUploader();
    const tray = new UploadTray('s1', limits, uploader);
    tray.add([file('a.txt', 1), file('b.txt', 1)]);
    tray.remove(tray.get()[0]!.key);
    expect(calls[0]!.aborted).toBe(true);
    calls[1]!.fail(new Error('An SVG image is not accepted here'));
    await settle();
    expect(tray.get().map((u) => [u.name, u.status, u.error])).toEqual([
      ['b.txt', 'failed', 'An SVG image is not accepted here'],
    ]);
    expect(tray.ready()).toEqual([]);
    tray.clear();
    expect(tray.get()).toEqual([]);
  });
});
