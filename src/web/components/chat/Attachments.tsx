// What a message carries: images as thumbnails that open in a viewer (the full image, and a
// download), other files as cards with their name, type and size, which download. Files come
// from the server's checked routes; nothing in them runs here (the server serves anything but a
// plain image as a sandboxed download).
import { useState } from 'preact/hooks';
import type { FileAttachment } from '../../../shared/api.js';
import { formatBytes } from '../../../shared/bytes.js';
import { Dialog } from '../Dialog.js';
import { Icon } from '../Icon.js';

/** "PDF", "DOCX", "TXT": what a card says the file is, from its name. */
const kindLabel = (file: FileAttachment) =>
  /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toUpperCase() ?? 'File';

export function Attachments({ files }: { files: readonly FileAttachment[] }) {
  const [viewing, setViewing] = useState<FileAttachment | null>(null);
  if (files.length === 0) return null;
  const images = files.filter((file) => file.kind === 'image' && file.thumbnailUrl);
  const others = files.filter((file) => !images.includes(file));
  return (
    <div class="attachments">
      {images.length > 0 && (
        <ul class="attachments__images" aria-label="Images">
          {images.map((file) => (
            <li key={file.id}>
              <button
                type="button"
                class="attachments__thumbnail"
                aria-label={`Open image ${file.name}`}
                onClick={() => setViewing(file)}
              >
                <img src={file.thumbnailUrl!} alt={file.name} loading="lazy" />
              </button>
            </li>
          ))}
        </ul>
      )}
      {others.length > 0 && (
        <ul class="attachments__files" aria-label="Files">
          {others.map((file) => (
            <li key={file.id}>
              <a class="file-card" href={file.url} download={file.name}>
                <Icon name="file" size={20} />
                <span class="file-card__text">
                  <span class="file-card__name">{file.name}</span>
                  <span class="file-card__meta">
                    {kindLabel(file)} · {formatBytes(file.size)}
                  </span>
                </span>
                <Icon name="download" size={16} />
              </a>
            </li>
          ))}
        </ul>
      )}
      {viewing && <ImageViewer file={viewing} onClose={() => setViewing(null)} />}
    </div>
  );
}

function ImageViewer({ file, onClose }: { file: FileAttachment; onClose: () => void }) {
  return (
    <Dialog
      title={file.name}
      onClose={onClose}
      size="md"
      footer={
        <a class="btn btn--secondary btn--sm" href={file.url} download={file.name}>
          Download ({formatBytes(file.size)})
        </a>
      }
    >
      <img class="image-viewer__image" src={file.url} alt={file.name} />
    </Dialog>
  );
}
