// What a caller may upload, for the composer: whether at all (customers, CUSTOMER_UPLOADS), the
// size and count limits, and the accepted types with their usual extensions (a file picker's
// `accept`). The server checks each upload again whatever a client makes of this.
import { KNOWN_TYPES } from '../../domain/files/fileTypes.js';
import { isAgent, type Viewer } from '../../domain/policies.js';
import type { ServiceContext } from '../context.js';

export interface UploadLimitsRecord {
  uploadsAllowed: boolean;
  maxBytes: number;
  filesPerMessage: number;
  types: readonly string[];
  extensions: readonly string[];
}

export function uploadLimitsFor(
  ctx: Pick<ServiceContext, 'settings'>,
  viewer: Viewer,
): UploadLimitsRecord {
  const { limits, customerUploads } = ctx.settings.files;
  const types = limits.allowedTypes;
  return {
    uploadsAllowed: isAgent(viewer) || customerUploads,
    maxBytes: limits.maxBytes,
    filesPerMessage: limits.filesPerMessage,
    types,
    extensions: KNOWN_TYPES.filter((type) => types.includes(type.mime)).flatMap(
      (type) => type.extensions,
    ),
  };
}
