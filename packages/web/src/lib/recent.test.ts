import { describe, expect, it } from 'vitest';
import { RECENT_SCANS_KEY, RECENT_SCANS_SHOWN } from './constants';
import { loadRecentScans, removeRecentScan, upsertRecentScan } from './recent';

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    data,
  };
}

describe('recent scans', () => {
  it('keeps newest first, updates in place, and removes', () => {
    const store = memoryStorage();
    upsertRecentScan({ id: 'a', token: 'ta', createdAt: '2026-01-01T00:00:00Z' }, store);
    upsertRecentScan({ id: 'b', token: 'tb', createdAt: '2026-01-02T00:00:00Z' }, store);
    let list = upsertRecentScan(
      { id: 'a', token: 'ta', createdAt: '2026-01-01T00:00:00Z', summary: 'Passport' },
      store,
    );
    expect(list.map((s) => s.id)).toEqual(['a', 'b']);
    expect(list[0].summary).toBe('Passport');
    list = removeRecentScan('a', store);
    expect(list.map((s) => s.id)).toEqual(['b']);
    expect(loadRecentScans(store)).toEqual(list);
  });
  it('keeps every scan it made: a dropped token could never delete its data', () => {
    const store = memoryStorage();
    for (let i = 0; i < RECENT_SCANS_SHOWN + 5; i++)
      upsertRecentScan({ id: `s${i}`, token: 't', createdAt: 'x' }, store);
    expect(loadRecentScans(store)).toHaveLength(RECENT_SCANS_SHOWN + 5);
  });
  it('survives corrupt or missing storage', () => {
    const store = memoryStorage();
    store.setItem(RECENT_SCANS_KEY, '{not json');
    expect(loadRecentScans(store)).toEqual([]);
    store.setItem(RECENT_SCANS_KEY, JSON.stringify([{ id: 1 }, { id: 'ok', token: 't', createdAt: 'x' }]));
    expect(loadRecentScans(store).map((s) => s.id)).toEqual(['ok']);
    expect(loadRecentScans(null)).toEqual([]);
  });
});
