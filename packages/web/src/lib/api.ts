import {
  createdDirectScan,
  createdScan,
  isFinished,
  parseJson as parseAs,
  serviceConfig,
  scanView,
  type ServiceConfig,
  socketMessage,
  type CreatedScan,
  type ScanView as Scan,
  type ScanError,
  type ScanStatus,
} from '@passport-reader/contract';

/** An HTTP failure with the server's error code when it sent one. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function errorFromBody(status: number, body: unknown): ApiError {
  let code: string | null = null;
  let message = `The server answered ${status}`;
  if (body && typeof body === 'object') {
    const b = body as { error?: unknown; code?: unknown; message?: unknown };
    const inner = (b.error && typeof b.error === 'object' ? b.error : b) as {
      code?: unknown;
      message?: unknown;
    };
    if (typeof inner.code === 'string') code = inner.code;
    if (typeof inner.message === 'string') message = inner.message;
  }
  if (!code && status === 413) code = 'TOO_LARGE';
  if (!code && status === 415) code = 'UNSUPPORTED_TYPE';
  return new ApiError(message, status, code);
}

/** A success whose body is not what the contract says (a proxy's page, a server of another version). */
function unreadableAnswer(status: number): ApiError {
  return new ApiError("The server's answer could not be read", status, 'BAD_RESPONSE');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export interface UploadHandle {
  promise: Promise<CreatedScan>;
  abort(): void;
}

let deployment: Promise<ServiceConfig | null> | undefined;

/**
 * This deployment's shape (GET /api/config), asked once per page: how it takes uploads and where
 * its WebSocket is. Null when the server does not say (an older one: multipart, its own /ws).
 */
export function deploymentConfig(): Promise<ServiceConfig | null> {
  deployment ??= getServiceConfig().catch(() => {
    deployment = undefined;
    return null;
  });
  return deployment;
}

/** One request with upload progress from 0 to 1; resolves with the answer whatever its status. */
function send(
  request: { method: string; url: string; body: XMLHttpRequestBodyInit; headers?: Record<string, string> },
  onProgress: (fraction: number) => void,
  started: (xhr: XMLHttpRequest) => void,
): Promise<{ status: number; text: string }> {
  const xhr = new XMLHttpRequest();
  started(xhr);
  return new Promise((resolve, reject) => {
    xhr.open(request.method, request.url);
    xhr.responseType = 'text';
    for (const [name, value] of Object.entries(request.headers ?? {})) xhr.setRequestHeader(name, value);
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    });
    xhr.addEventListener('load', () => resolve({ status: xhr.status, text: xhr.responseText }));
    xhr.addEventListener('error', () =>
      reject(new ApiError('The upload failed: no connection to the server', 0)),
    );
    xhr.addEventListener('abort', () => reject(new ApiError('The upload was cancelled', 0, 'ABORTED')));
    xhr.send(request.body);
  });
}

const ok = (status: number) => status >= 200 && status < 300;

/**
 * Uploads an image, reporting progress from 0 to 1: as multipart field `file` to this service, or,
 * where the deployment takes uploads straight to storage (AWS), in two steps: the scan is created,
 * then the image sent to the presigned URL it came with.
 */
export function uploadScan(file: File, onProgress: (fraction: number) => void): UploadHandle {
  let current: XMLHttpRequest | null = null;
  let aborted = false;
  const abort = new AbortController();
  const started = (xhr: XMLHttpRequest) => {
    current = xhr;
    if (aborted) queueMicrotask(() => xhr.abort());
  };
  const promise = (async (): Promise<CreatedScan> => {
    const config = await deploymentConfig();
    if (aborted) throw new ApiError('The upload was cancelled', 0, 'ABORTED');
    if (config?.uploadMode !== 'presigned') {
      const form = new FormData();
      form.append('file', file, file.name);
      const answer = await send(
        { method: 'POST', url: '/api/scans', body: form, headers: { Accept: 'application/json' } },
        onProgress,
        started,
      );
      const created = ok(answer.status) ? parseAs(createdScan, answer.text) : null;
      if (!created) throw answerError(answer);
      onProgress(1);
      return created;
    }
    const response = await fetch('/api/scans', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({
        contentType: file.type || 'application/octet-stream',
        contentLength: file.size,
      }),
      signal: abort.signal,
    }).catch((error: unknown) => {
      throw aborted
        ? new ApiError('The upload was cancelled', 0, 'ABORTED')
        : new ApiError(`The upload failed: no connection to the server (${String(error)})`, 0);
    });
    const text = await response.text();
    const created = response.ok ? parseAs(createdDirectScan, text) : null;
    if (!created) throw answerError({ status: response.status, text });
    const { upload } = created;
    let body: XMLHttpRequestBodyInit = file;
    if (upload.method === 'POST') {
      const form = new FormData();
      for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
      form.append('file', file, file.name);
      body = form;
    }
    const stored = await send(
      {
        method: upload.method,
        url: upload.url,
        body,
        headers: upload.method === 'PUT' ? upload.headers : {},
      },
      onProgress,
      started,
    ).catch(async (error: unknown) => {
      // The scan exists already and only this function knows its token: a cancelled upload leaves nothing.
      if (aborted) await deleteScan(created.id, created.token).catch(() => {});
      throw error;
    });
    if (!ok(stored.status)) {
      throw new ApiError(`The image could not be stored (storage answered ${stored.status})`, stored.status);
    }
    onProgress(1);
    return { id: created.id, token: created.token, status: created.status };
  })();
  return {
    promise,
    abort: () => {
      aborted = true;
      abort.abort();
      (current as XMLHttpRequest | null)?.abort();
    },
  };
}

function answerError(answer: { status: number; text: string }): ApiError {
  return ok(answer.status)
    ? unreadableAnswer(answer.status)
    : errorFromBody(answer.status, parseJson(answer.text));
}

function authHeaders(token: string): HeadersInit {
  return { Authorization: `Bearer ${token}`, Accept: 'application/json' };
}

export async function getScan(id: string, token: string, signal?: AbortSignal): Promise<Scan> {
  const res = await fetch(`/api/scans/${encodeURIComponent(id)}`, { headers: authHeaders(token), signal });
  const text = await res.text();
  if (!res.ok) throw errorFromBody(res.status, parseJson(text));
  const scan = parseAs(scanView, text);
  if (!scan) throw unreadableAnswer(res.status);
  return scan;
}

/** The deployment's limits (GET /api/config); null when the server does not say (an older one). */
export async function getServiceConfig(signal?: AbortSignal): Promise<ServiceConfig | null> {
  const res = await fetch('/api/config', { headers: { Accept: 'application/json' }, signal });
  return res.ok ? parseAs(serviceConfig, await res.text()) : null;
}

/** Deletes the scan's image and extracted data. A scan that is already gone counts as deleted. */
export async function deleteScan(id: string, token: string): Promise<void> {
  const res = await fetch(`/api/scans/${encodeURIComponent(id)}`, {
    method: 'DELETE',
    headers: authHeaders(token),
  });
  if (!res.ok && res.status !== 404) throw errorFromBody(res.status, parseJson(await res.text()));
}

export interface WatchCallbacks {
  onStatus(status: ScanStatus): void;
  onDone(scan: Scan): void;
  onError(error: ApiError): void;
  /** Tells which channel is in use, for the status line. */
  onChannel?(channel: 'websocket' | 'polling' | 'reconnecting'): void;
  /** False after repeated failures to reach the server (it keeps trying), true once it answers again. */
  onReachable?(reachable: boolean): void;
}

export interface WatchOptions {
  /** Milliseconds between polls when WebSockets are unavailable. */
  pollIntervalMs?: number;
  /** Failed socket attempts in a row before falling back to polling. */
  maxSocketFailures?: number;
  /** Failed attempts in a row (polls, connections) before the server counts as unreachable. */
  unreachableAfter?: number;
  /** Test seam: the WebSocket constructor, or null when the browser has none. */
  WebSocketImpl?: typeof WebSocket | null;
  location?: Pick<Location, 'protocol' | 'host'>;
  /**
   * The deployment's WebSocket (its /api/config's websocketUrl: API Gateway on AWS), where the
   * page subscribes to the scan once connected; unset: this service's own /ws.
   */
  websocketUrl?: string;
}

export function socketUrl(
  id: string,
  token: string,
  location: Pick<Location, 'protocol' | 'host'>,
  websocketUrl?: string,
): string {
  const query = new URLSearchParams({ scan: id, token });
  if (websocketUrl) return `${websocketUrl}?${query.toString()}`;
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/ws?${query.toString()}`;
}

/**
 * Follows a scan until it is done or failed: over the WebSocket, reconnecting with back-off when it drops,
 * and by polling GET /api/scans/:id when WebSockets are unavailable or keep failing. Returns a stop function.
 */
export function watchScan(
  id: string,
  token: string,
  callbacks: WatchCallbacks,
  options: WatchOptions = {},
): () => void {
  const pollIntervalMs = options.pollIntervalMs ?? 1500;
  const maxSocketFailures = options.maxSocketFailures ?? 3;
  const unreachableAfter = options.unreachableAfter ?? 3;
  const WS = options.WebSocketImpl === undefined ? globalThis.WebSocket : options.WebSocketImpl;
  const location = options.location ?? globalThis.location;

  let stopped = false;
  let socket: WebSocket | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;
  let lastStatus: ScanStatus | null = null;
  let missedInARow = 0;
  let unreachable = false;
  const abort = new AbortController();

  const reached = () => {
    missedInARow = 0;
    if (unreachable) {
      unreachable = false;
      callbacks.onReachable?.(true);
    }
  };
  const missed = () => {
    missedInARow += 1;
    if (!unreachable && missedInARow >= unreachableAfter) {
      unreachable = true;
      callbacks.onReachable?.(false);
    }
  };

  const finish = (scan: Scan) => {
    if (stopped) return;
    stop();
    callbacks.onDone(scan);
  };
  const status = (s: ScanStatus) => {
    if (s !== lastStatus) {
      lastStatus = s;
      callbacks.onStatus(s);
    }
  };
  const fail = (error: ApiError) => {
    if (stopped) return;
    stop();
    callbacks.onError(error);
  };

  async function pollOnce(): Promise<boolean> {
    try {
      const scan = await getScan(id, token, abort.signal);
      reached();
      if (isFinished(scan.status)) {
        finish(scan);
        return true;
      }
      status(scan.status);
    } catch (e) {
      if (stopped) return true;
      if (e instanceof ApiError && e.status === 404) {
        fail(e);
        return true;
      }
      // A network blip or the server down: keep trying, and say so once it lasts.
      missed();
    }
    return false;
  }

  function startPolling() {
    callbacks.onChannel?.('polling');
    const tick = async () => {
      if (stopped) return;
      if (await pollOnce()) return;
      // Slower while the server does not answer, so a long outage is not a stream of requests.
      const backOff = Math.min(8, 2 ** missedInARow);
      if (!stopped) timer = setTimeout(tick, pollIntervalMs * backOff);
    };
    void tick();
  }

  function connect() {
    if (stopped) return;
    if (!WS || !location) {
      startPolling();
      return;
    }
    let opened = false;
    let ws: WebSocket;
    try {
      ws = new WS(socketUrl(id, token, location, options.websocketUrl));
    } catch {
      startPolling();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      opened = true;
      failures = 0;
      reached();
      // API Gateway cannot send before $connect returns: the scan's state comes once subscribed.
      if (options.websocketUrl) ws.send(JSON.stringify({ action: 'subscribe', scan: id, token }));
      callbacks.onChannel?.('websocket');
    };
    ws.onmessage = (event: MessageEvent) => {
      const message = parseAs(socketMessage, String(event.data));
      if (!message) return;
      if (message.type === 'status') {
        if (!isFinished(message.status)) status(message.status);
      } else if (message.type === 'result') {
        finish(message.scan);
      }
    };
    ws.onclose = () => {
      if (stopped || socket !== ws) return;
      socket = null;
      if (!opened) {
        failures += 1;
        missed();
      }
      if (failures >= maxSocketFailures) {
        startPolling();
        return;
      }
      // Dropped: ask once over HTTP (the result may have been missed), then reconnect with back-off.
      callbacks.onChannel?.('reconnecting');
      const delay = Math.min(8000, 500 * 2 ** failures);
      void pollOnce().then((finished) => {
        if (!finished && !stopped) timer = setTimeout(connect, delay);
      });
    };
    ws.onerror = () => {
      // onclose follows and decides what to do.
    };
  }

  function stop() {
    stopped = true;
    abort.abort();
    if (timer) clearTimeout(timer);
    timer = null;
    if (socket) {
      const s = socket;
      socket = null;
      s.onclose = null;
      s.onmessage = null;
      try {
        s.close();
      } catch {
        // already closed
      }
    }
  }

  connect();
  return stop;
}

export type { ScanError };

/** Waits for a scan to finish, on the deployment's own channel; for callers that need no progress. */
export function waitForScan(id: string, token: string): { promise: Promise<Scan>; stop(): void } {
  let stopWatch: (() => void) | null = null;
  let stopped = false;
  const promise = deploymentConfig().then(
    (config) =>
      new Promise<Scan>((resolve, reject) => {
        if (stopped) return;
        stopWatch = watchScan(
          id,
          token,
          { onStatus: () => {}, onDone: resolve, onError: reject },
          { websocketUrl: config?.websocketUrl },
        );
      }),
  );
  return {
    promise,
    stop: () => {
      stopped = true;
      stopWatch?.();
    },
  };
}
