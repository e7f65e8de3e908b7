// The browser's HTTP client for /api/v1: JSON in and out, failures as ApiError carrying the
// server's `{error:{code,message,field}}`, and one hook for "this sign-in is gone".
import type { ErrorBody } from '../../shared/api.js';

/** The code of a request that never got an answer (offline, server down). */
export const NETWORK_ERROR = 'NETWORK_ERROR';

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    readonly code: string,
    message: string,
    /** The request field at fault, for validation errors. */
    readonly field?: string,
  ) {
    super(message);
  }
}

export type QueryValue = string | number | boolean | null | undefined;

/** "?a=1&b=x" from the defined, non-empty values; "" when there are none. */
export function toQueryString(query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export interface HttpClient {
  get<T>(path: string, query?: Record<string, QueryValue>): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  delete(path: string): Promise<void>;
  /**
   * A file the server offers as a download, fetched with the same sign-in as every call (a
   * plain link carries the cookies only, never the widget's bearer token).
   */
  download(path: string): Promise<DownloadedFile>;
}

export interface DownloadedFile {
  blob: Blob;
  /** The name from Content-Disposition, when the server gave one. */
  fileName: string | null;
}

/** The `filename="…"` of a Content-Disposition header. */
export function fileNameOf(disposition: string | null): string | null {
  return /filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? null;
}

export interface HttpOptions {
  /** Prefix of every path, e.g. "/api/v1". */
  baseUrl: string;
  fetch?: typeof fetch;
  /**
   * The bearer token to send as `Authorization: Bearer`, read at each request (the widget's
   * visitor token); with one no cookie is sent. Without one the cookies sign requests in (the
   * session cookie; the widget's visitor cookie where its page may not keep the token).
   */
  bearer?: () => string | null;
  /** Called when the server says the caller is not (or no longer) signed in. */
  onUnauthenticated?: () => void;
}

async function failureOf(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as Partial<ErrorBody>;
    if (body.error?.code) {
      return new ApiError(response.status, body.error.code, body.error.message, body.error.field);
    }
  } catch {
    // Not our JSON (a proxy's error page): fall through to a generic error.
  }
  return new ApiError(
    response.status,
    `HTTP_${response.status}`,
    response.statusText || 'Request failed',
  );
}

export function createHttpClient(options: HttpOptions): HttpClient {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);

  async function request(
    method: string,
    path: string,
    body: unknown,
    accept: string,
  ): Promise<Response> {
    let response: Response;
    const token = options.bearer?.() ?? null;
    const headers: Record<string, string> = { accept };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    try {
      response = await fetchImpl(options.baseUrl + path, {
        method,
        // Without a token the cookies sign in: the app's session, the widget's visitor cookie.
        credentials: token ? 'omit' : 'same-origin',
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, NETWORK_ERROR, 'Cannot reach Switchboard. Check your connection.');
    }
    if (!response.ok) {
      const error = await failureOf(response);
      if (error.code === 'UNAUTHENTICATED') options.onUnauthenticated?.();
      throw error;
    }
    return response;
  }

  async function send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await request(method, path, body, 'application/json');
    // 204, and a 202 that only says "asked" (a password reset), carry no body.
    if (response.status === 204 || response.headers.get('content-length') === '0')
      return undefined as T;
    return (await response.json()) as T;
  }

  async function download(path: string): Promise<DownloadedFile> {
    const response = await request('GET', path, undefined, '*/*');
    return {
      blob: await response.blob(),
      fileName: fileNameOf(response.headers.get('content-disposition')),
    };
  }

  return {
    get: (path, query) => send('GET', path + toQueryString(query)),
    post: (path, body) => send('POST', path, body ?? {}),
    patch: (path, body) => send('PATCH', path, body),
    put: (path, body) => send('PUT', path, body),
    delete: (path) => send('DELETE', path),
    download,
  };
}
