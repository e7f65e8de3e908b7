// The composer's files, for a chat's composer and a ticket's alike: the tray of those on their way
// (chat/uploads.ts) for this chat or ticket, made once the caller's upload limits are known (none
// when they may not upload), dropping and pasting files into the composer, the paperclip that
// picks files, and the chips that show each file's progress or why it was refused.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { UploadLimits } from '../../../shared/api.js';
import { formatBytes } from '../../../shared/bytes.js';
import type { Api } from '../../api/endpoints.js';
import { useServices } from '../../app/services.js';
import { UploadTray, type PendingUpload } from '../../chat/uploads.js';
import { useReadable } from '../../hooks/useReadable.js';
import { Observable } from '../../state/observable.js';
import { IconButton } from '../Button.js';
import { cx } from '../classNames.js';
import { Icon } from '../Icon.js';

const NO_UPLOADS = new Observable<readonly PendingUpload[]>([]);

/** What this person may upload, asked once per sign-in (the server checks each upload anyway). */
const known = new WeakMap<Api, Promise<UploadLimits | null>>();
function uploadLimitsOf(api: Api): Promise<UploadLimits | null> {
  let limits = known.get(api);
  if (!limits) {
    limits = api.files.limits().catch(() => {
      known.delete(api);
      return null;
    });
    known.set(api, limits);
  }
  return limits;
}

export interface ComposerUploads {
  /** Null while the limits are unknown, or when the caller may not upload. */
  tray: UploadTray | null;
  limits: UploadLimits | null;
  uploads: readonly PendingUpload[];
}

/** `uploadPath`: where the files go (chat/uploads.ts#uploadPaths). */
export function useComposerUploads(uploadPath: string): ComposerUploads {
  const { api } = useServices();
  const [limits, setLimits] = useState<UploadLimits | null>(null);
  useEffect(() => {
    let current = true;
    void uploadLimitsOf(api).then((value) => current && setLimits(value));
    return () => {
      current = false;
    };
  }, [api]);
  const tray = useMemo(
    () => (limits?.uploadsAllowed ? new UploadTray(uploadPath, limits) : null),
    [limits, uploadPath],
  );
  // Leaving the chat or ticket cancels what is still on its way.
  useEffect(() => () => tray?.clear(), [tray]);
  const uploads = useReadable(tray ?? NO_UPLOADS);
  return { tray, limits, uploads };
}

export interface FileDropping {
  /** True while files are dragged over the composer (it shows where to drop them). */
  dragging: boolean;
  /** Starts uploading `files` (picked, dropped or pasted). */
  attach(files: readonly File[]): void;
  /** For the composer's element: drag and drop of files. */
  dropTarget: {
    onDragOver(event: DragEvent): void;
    onDragLeave(): void;
    onDrop(event: DragEvent): void;
  };
  /** For its text box: a pasted screenshot (or file) is attached, not pasted as text. */
  onPaste(event: ClipboardEvent): void;
}

/** Files dropped on the composer or pasted into it go to `tray` (nothing when there is none). */
export function useFileDropping(tray: UploadTray | null, onAttach?: () => void): FileDropping {
  const [dragging, setDragging] = useState(false);
  const attach = (files: readonly File[]) => {
    if (!tray || files.length === 0) return;
    onAttach?.();
    tray.add(files);
  };
  const carriesFiles = (event: DragEvent) =>
    tray !== null && (event.dataTransfer?.types.includes('Files') ?? false);
  return {
    dragging,
    attach,
    dropTarget: {
      onDragOver(event) {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        setDragging(true);
      },
      onDragLeave: () => setDragging(false),
      onDrop(event) {
        setDragging(false);
        if (!carriesFiles(event)) return;
        event.preventDefault();
        attach([...(event.dataTransfer?.files ?? [])]);
      },
    },
    onPaste(event) {
      const files = [...(event.clipboardData?.files ?? [])];
      if (files.length === 0 || !tray) return;
      event.preventDefault();
      attach(files);
    },
  };
}

/** The paperclip, and the file picker it opens (offering the accepted types). */
export function AttachButton({
  limits,
  onFiles,
}: {
  limits: UploadLimits;
  onFiles: (files: File[]) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <IconButton icon="paperclip" label="Attach files" onClick={() => input.current?.click()} />
      <input
        ref={input}
        type="file"
        multiple
        hidden
        accept={limits.extensions.map((extension) => `.${extension}`).join(',')}
        onChange={(event) => {
          onFiles([...(event.currentTarget.files ?? [])]);
          event.currentTarget.value = '';
        }}
      />
    </>
  );
}

export function UploadChips({
  tray,
  uploads,
}: {
  tray: UploadTray;
  uploads: readonly PendingUpload[];
}) {
  if (uploads.length === 0) return null;
  return (
    <ul class="composer__uploads" aria-label="Files to send">
      {uploads.map((upload) => (
        <li key={upload.key} class={cx('upload', `upload--${upload.status}`)}>
          <Icon name="file" size={16} />
          <span class="upload__text">
            <span class="upload__name">{upload.name}</span>
            <span class="upload__meta" role={upload.status === 'failed' ? 'alert' : undefined}>
              {upload.status === 'failed' ? upload.error : formatBytes(upload.size)}
            </span>
            {upload.status === 'uploading' && (
              <progress
                class="upload__progress"
                max={1}
                value={upload.progress}
                aria-label={`Uploading ${upload.name}`}
              />
            )}
          </span>
          <IconButton
            icon="x"
            label={
              upload.status === 'uploading' ? `Cancel ${upload.name}` : `Remove ${upload.name}`
            }
            onClick={() => tray.remove(upload.key)}
          />
        </li>
      ))}
    </ul>
  );
}
