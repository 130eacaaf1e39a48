import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { socketUrl, watchScan, type WatchCallbacks } from './api';
import type { ScanView as Scan } from '@passport-reader/contract';

/** A stand-in WebSocket driven by the test. */
class FakeSocket {
  static instances: FakeSocket[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
  }
  open() {
    this.onopen?.();
  }
  send(message: object) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  drop() {
    this.onclose?.();
  }
  close() {
    this.closed = true;
  }
}

const location = { protocol: 'http:', host: 'localhost:3000' };
const done: Scan = {
  id: '8c2f3a52-4b1e-4c1a-9f7e-2d5b6a7c8d9e',
  status: 'done',
  result: null,
  error: null,
  createdAt: '2026-12-01T12:00:00.000Z',
  completedAt: '2026-12-01T12:00:01.000Z',
};

function callbacks() {
  return {
    onStatus: vi.fn(),
    onDone: vi.fn(),
    onError: vi.fn(),
    onChannel: vi.fn(),
    onReachable: vi.fn(),
  } satisfies WatchCallbacks;
}

function mockFetch(...bodies: { status: number; body: unknown }[]) {
  const queue = [...bodies];
  const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => {
    const next = queue.length > 1 ? queue.shift()! : queue[0];
    return new Response(JSON.stringify(next.body), { status: next.status });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

beforeEach(() => {
  FakeSocket.instances = [];
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('socketUrl', () => {
  it('builds ws:// or wss:// on the page’s host', () => {
    expect(socketUrl('a b', 't&1', location)).toBe('ws://localhost:3000/ws?scan=a+b&token=t%261');
    expect(socketUrl('x', 'y', { protocol: 'https:', host: 'example.org' })).toBe(
      'wss://example.org/ws?scan=x&token=y',
    );
  });
});

describe('watchScan', () => {
  it('follows status messages and finishes on the result', () => {
    const cb = callbacks();
    watchScan('s1', 'tok', cb, { WebSocketImpl: FakeSocket as unknown as typeof WebSocket, location });
    const ws = FakeSocket.instances[0];
    expect(ws.url).toBe('ws://localhost:3000/ws?scan=s1&token=tok');
    ws.open();
    ws.send({ type: 'status', status: 'queued' });
    ws.send({ type: 'status', status: 'processing' });
    ws.send({ type: 'status', status: 'processing' });
    ws.send({ type: 'result', scan: done });
    expect(cb.onStatus.mock.calls).toEqual([['queued'], ['processing']]);
    expect(cb.onDone).toHaveBeenCalledWith(done);
    expect(ws.closed).toBe(true);
  });

  it('reconnects when the socket drops, asking over HTTP first', async () => {
    const fetchMock = mockFetch({ status: 200, body: { ...done, status: 'processing' } });
    const cb = callbacks();
    watchScan('s1', 'tok', cb, { WebSocketImpl: FakeSocket as unknown as typeof WebSocket, location });
    FakeSocket.instances[0].open();
    FakeSocket.instances[0].drop();
    expect(cb.onChannel).toHaveBeenLastCalledWith('reconnecting');
    await vi.runAllTimersAsync();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock.mock.calls[0][1]?.headers).toMatchObject({ Authorization: 'Bearer tok' });
    expect(FakeSocket.instances).toHaveLength(2);
    FakeSocket.instances[1].open();
    FakeSocket.instances[1].send({ type: 'result', scan: done });
    expect(cb.onDone).toHaveBeenCalledWith(done);
  });

  it('polls when WebSockets are unavailable', async () => {
    const fetchMock = mockFetch(
      { status: 200, body: { ...done, status: 'queued' } },
      { status: 200, body: { ...done, status: 'processing' } },
      { status: 200, body: done },
    );
    const cb = callbacks();
    watchScan('s1', 'tok', cb, { WebSocketImpl: null, location, pollIntervalMs: 1000 });
    expect(cb.onChannel).toHaveBeenCalledWith('polling');
    await vi.advanceTimersByTimeAsync(5000);
    expect(fetchMock).toHaveBeenCalledTimes(3);
    expect(cb.onStatus.mock.calls).toEqual([['queued'], ['processing']]);
    expect(cb.onDone).toHaveBeenCalledWith(done);
  });

  it('falls back to polling after repeated failed connections', async () => {
    mockFetch({ status: 200, body: { ...done, status: 'queued' } });
    const cb = callbacks();
    watchScan('s1', 'tok', cb, {
      WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
      location,
      maxSocketFailures: 2,
    });
    FakeSocket.instances[0].drop();
    await vi.advanceTimersByTimeAsync(2000);
    FakeSocket.instances[1].drop();
    expect(cb.onChannel).toHaveBeenLastCalledWith('polling');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(FakeSocket.instances).toHaveLength(2);
  });

  it('says the server cannot be reached after repeated failures, keeps trying, slower, and says when it is back', async () => {
    const fetchMock = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    vi.stubGlobal('fetch', fetchMock);
    const cb = callbacks();
    watchScan('s1', 'tok', cb, { WebSocketImpl: null, location, pollIntervalMs: 1000, unreachableAfter: 3 });
    await vi.advanceTimersByTimeAsync(10);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(cb.onReachable).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2000); // the second poll comes 2 s after the first failure
    expect(fetchMock).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(4000);
    expect(fetchMock).toHaveBeenCalledTimes(3);
    expect(cb.onReachable.mock.calls).toEqual([[false]]);
    // never slower than one poll every 8 intervals
    await vi.advanceTimersByTimeAsync(8000);
    expect(fetchMock).toHaveBeenCalledTimes(4);
    await vi.advanceTimersByTimeAsync(8000);
    expect(fetchMock).toHaveBeenCalledTimes(5);

    mockFetch({ status: 200, body: { ...done, status: 'processing' } });
    await vi.advanceTimersByTimeAsync(8000);
    expect(cb.onReachable.mock.calls).toEqual([[false], [true]]);
    expect(cb.onStatus).toHaveBeenCalledWith('processing');
    expect(cb.onError).not.toHaveBeenCalled();
  });

  it('counts sockets that never open as failures to reach the server', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const cb = callbacks();
    watchScan('s1', 'tok', cb, {
      WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
      location,
      unreachableAfter: 3,
    });
    FakeSocket.instances[0].drop(); // a socket that never opened, then a failed poll
    await vi.advanceTimersByTimeAsync(1500);
    expect(cb.onReachable).not.toHaveBeenCalled();
    FakeSocket.instances[1].drop();
    expect(cb.onReachable).toHaveBeenCalledWith(false);
    await vi.advanceTimersByTimeAsync(2500);
    FakeSocket.instances[2].open();
    expect(cb.onReachable).toHaveBeenLastCalledWith(true);
  });

  it('reports a scan that is gone (404) and stops', async () => {
    mockFetch({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    const cb = callbacks();
    watchScan('s1', 'tok', cb, { WebSocketImpl: null, location });
    await vi.advanceTimersByTimeAsync(10);
    expect(cb.onError).toHaveBeenCalledTimes(1);
    expect(cb.onError.mock.calls[0][0]).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('stops cleanly', () => {
    const cb = callbacks();
    const stop = watchScan('s1', 'tok', cb, {
      WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
      location,
    });
    stop();
    expect(FakeSocket.instances[0].closed).toBe(true);
    FakeSocket.instances[0].send({ type: 'result', scan: done });
    expect(cb.onDone).not.toHaveBeenCalled();
  });
});
