// The files a composer is about to send (a chat's, or a ticket's reply or note): each uploads as
// soon as it is picked, dropped or pasted, with its progress, and may be cancelled; the message
// then names those that are ready.
// Sizes and counts are checked here first (the server checks again), so a file too big is
// refused at once rather than after its upload.
import type { FileAttachment, UploadLimits } from '../../shared/api.js';
import { formatBytes } from '../../shared/bytes.js';
import { Observable } from '../state/observable.js';

export interface PendingUpload {
  /** This tray's own key for it. */
  key: string;
  name: string;
  size: number;
  /** 0 to 1, while it uploads. */
  progress: number;
  status: 'uploading' | 'ready' | 'failed';
  /** The server's file, once uploaded. */
  file?: FileAttachment;
  error?: string;
}

/** One upload in flight: it settles with the server's file, or fails; abort() cancels it. */
export interface UploadRequest {
  done: Promise<FileAttachment>;
  abort(): void;
}

export type Uploader = (
  /** Where it goes: uploadPaths.chat, uploadPaths.ticket or uploadPaths.draft. */
  uploadPath: string,
  file: File,
  onProgress: (fraction: number) => void,
) => UploadRequest;

/** The upload routes: into a chat, into a ticket, or a draft for a request not filed yet. */
export const uploadPaths = {
  chat: (sessionId: string) => `/api/v1/sessions/${encodeURIComponent(sessionId)}/files`,
  ticket: (ticketId: string) => `/api/v1/tickets/${encodeURIComponent(ticketId)}/files`,
  draft: () => '/api/v1/files',
};

let keys = 0;

export class UploadTray extends Observable<readonly PendingUpload[]> {
  private readonly requests = new Map<string, UploadRequest>();

  constructor(
    private readonly uploadPath: string,
    private readonly limits: UploadLimits,
    private readonly uploader: Uploader = uploadWithProgress,
  ) {
    super([]);
  }

  /** Starts uploading `files`; those over a limit show as failed, with why. */
  add(files: readonly File[]): void {
    for (const file of files) {
      const key = `u${++keys}`;
      const room =
        this.limits.filesPerMessage - this.get().filter((u) => u.status !== 'failed').length;
      const refusal =
        room <= 0
          ? `A message may carry at most ${this.limits.filesPerMessage} files`
          : file.size > this.limits.maxBytes
            ? `Too large: a file may be at most ${formatBytes(this.limits.maxBytes)}`
            : file.size === 0
              ? 'The file is empty'
              : null;
      const pending: PendingUpload = {
        key,
        name: file.name || 'pasted image',
        size: file.size,
        progress: 0,
        status: refusal ? 'failed' : 'uploading',
        ...(refusal ? { error: refusal } : {}),
      };
      this.update((list) => [...list, pending]);
      if (refusal) continue;
      const request = this.uploader(this.uploadPath, file, (progress) =>
        this.change(key, { progress }),
      );
      this.requests.set(key, request);
      request.done
        .then(
          (uploaded) => this.change(key, { status: 'ready', progress: 1, file: uploaded }),
          (error: unknown) => {
            if (!this.requests.has(key)) return;
            this.change(key, { status: 'failed', error: messageOf(error) });
          },
        )
        .finally(() => this.requests.delete(key));
    }
  }

  /** Cancels an upload in flight, or drops a finished one from the message. */
  remove(key: string): void {
    const request = this.requests.get(key);
    this.requests.delete(key);
    request?.abort();
    this.update((list) => list.filter((upload) => upload.key !== key));
  }

  /** The files ready to send; null while one still uploads. */
  ready(): FileAttachment[] | null {
    const list = this.get();
    if (list.some((upload) => upload.status === 'uploading')) return null;
    return list.flatMap((upload) => (upload.file ? [upload.file] : []));
  }

  /** After sending: forgets every file (failed ones too). */
  clear(): void {
    for (const request of this.requests.values()) request.abort();
    this.requests.clear();
    this.set([]);
  }

  private change(key: string, patch: Partial<PendingUpload>): void {
    this.update((list) =>
      list.map((upload) => (upload.key === key ? { ...upload, ...patch } : upload)),
    );
  }
}

const messageOf = (error: unknown) =>
  error instanceof Error ? error.message : 'The upload failed';

/**
 * Uploads `file` as the form part `file` (XMLHttpRequest: fetch cannot report an upload's
 * progress), and reads the server's file or error from the answer.
 */
export const uploadWithProgress: Uploader = (uploadPath, file, onProgress) => {
  const xhr = new XMLHttpRequest();
  const done = new Promise<FileAttachment>((resolve, reject) => {
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: { error?: { message?: string } } & Partial<FileAttachment>;
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        reject(new Error(`The upload failed (${xhr.status})`));
        return;
      }
      if (xhr.status === 201) resolve(body as FileAttachment);
      else reject(new Error(body.error?.message ?? `The upload failed (${xhr.status})`));
    };
    xhr.onerror = () => reject(new Error('Cannot reach Switchboard. Check your connection.'));
    xhr.onabort = () => reject(new Error('Cancelled'));
  });
  const form = new FormData();
  form.append('file', file, file.name || 'image');
  xhr.open('POST', uploadPath);
  xhr.setRequestHeader('accept', 'application/json');
  xhr.send(form);
  return { done, abort: () => xhr.abort() };
};
