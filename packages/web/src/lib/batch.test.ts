import { describe, expect, it, vi } from 'vitest';
import type { CreatedScan, ScanView as Scan } from '@passport-reader/contract';
import { runBatch, type BatchItem, type BatchSteps } from './batch';

const file = (name: string) => new File(['x'], name, { type: 'image/jpeg' });
const scanOf = (id: string, status: 'done' | 'failed'): Scan => ({
  id,
  status,
  result: null,
  error: status === 'failed' ? { code: 'NO_MRZ', message: 'No MRZ' } : null,
  createdAt: '2026-12-01T12:00:00.000Z',
  completedAt: '2026-12-01T12:00:01.000Z',
});

function steps(outcomes: Record<string, 'done' | 'failed' | 'refused' | 'upload-error'>) {
  let n = 0;
  const created: string[] = [];
  const s: BatchSteps = {
    prepare: async (f) =>
      outcomes[f.name] === 'refused' ? { ok: false, message: `${f.name} refused` } : { ok: true, file: f },
    upload: (f) => ({
      promise:
        outcomes[f.name] === 'upload-error'
          ? Promise.reject(new Error('offline'))
          : Promise.resolve({ id: `${f.name}#${++n}`, token: 't', status: 'queued' } satisfies CreatedScan),
      abort: vi.fn(),
    }),
    created: (_f, c) => void created.push(c.id),
    watch: (id) => ({
      promise: Promise.resolve(scanOf(id, outcomes[id.split('#')[0]] as 'done' | 'failed')),
      stop: vi.fn(),
    }),
    finished: vi.fn(),
  };
  return { steps: s, created };
}

describe('a batch of photos', () => {
  it('makes each photo its own scan, one after the other, with each one’s outcome', async () => {
    const { steps: s, created } = steps({
      'a.jpg': 'done',
      'b.pdf': 'refused',
      'c.jpg': 'failed',
      'd.jpg': 'upload-error',
    });
    const seen: BatchItem[][] = [];
    const run = runBatch([file('a.jpg'), file('b.pdf'), file('c.jpg'), file('d.jpg')], s, (items) =>
      seen.push(items),
    );
    expect(seen[0].map((i) => i.state)).toEqual(['waiting', 'waiting', 'waiting', 'waiting']);
    await run.done;
    const last = seen[seen.length - 1];
    expect(last.map((i) => [i.name, i.state])).toEqual([
      ['a.jpg', 'finished'],
      ['b.pdf', 'refused'],
      ['c.jpg', 'failed'],
      ['d.jpg', 'failed'],
    ]);
    expect(last[1].message).toBe('b.pdf refused');
    expect(last[2].scan?.error?.code).toBe('NO_MRZ');
    expect(last[3].message).toBe('offline');
    expect(created).toEqual(['a.jpg#1', 'c.jpg#2']);
    // the second photo was not sent before the first was read
    const firstReading = seen.findIndex((items) => items[0].state === 'finished');
    const secondSent = seen.findIndex((items) => items[2].state === 'uploading');
    expect(firstReading).toBeLessThan(secondSent);
  });

  it('stops on cancel: the photo in hand is stopped, the rest never sent', async () => {
    const { steps: s, created } = steps({ 'a.jpg': 'done', 'b.jpg': 'done' });
    const stop = vi.fn();
    s.watch = () => ({ promise: new Promise<Scan>(() => {}), stop });
    let items: BatchItem[] = [];
    const run = runBatch([file('a.jpg'), file('b.jpg')], s, (next) => (items = next));
    await vi.waitFor(() => expect(items[0].state).toBe('reading'));
    run.cancel();
    await run.done;
    expect(stop).toHaveBeenCalledTimes(1);
    expect(items.map((i) => i.state)).toEqual(['cancelled', 'cancelled']);
    expect(created).toEqual(['a.jpg#1']);
  });
});
