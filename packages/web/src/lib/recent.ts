import { RECENT_SCANS_KEY } from './constants';

/** A scan this browser uploaded: enough to reopen it (the token is its only key) and to label it. */
export interface RecentScan {
  id: string;
  token: string;
  createdAt: string;
  fileName?: string;
  /** Filled in once read, e.g. "Passport · Utopia (specimen)"; never the name or numbers. */
  summary?: string;
  status?: string;
}

type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

function storage(): StorageLike | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // e.g. storage disabled
  }
}

function isRecentScan(value: unknown): value is RecentScan {
  const v = value as RecentScan;
  return !!v && typeof v.id === 'string' && typeof v.token === 'string' && typeof v.createdAt === 'string';
}

export function loadRecentScans(store: StorageLike | null = storage()): RecentScan[] {
  if (!store) return [];
  try {
    const parsed: unknown = JSON.parse(store.getItem(RECENT_SCANS_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isRecentScan) : [];
  } catch {
    return [];
  }
}

/** Every scan is kept: dropping one would drop its token, and with it the only way to delete its data. */
function save(scans: RecentScan[], store: StorageLike | null): RecentScan[] {
  try {
    store?.setItem(RECENT_SCANS_KEY, JSON.stringify(scans));
  } catch {
    // quota or disabled storage: the list only lives in memory then
  }
  return scans;
}

/** Adds or updates a scan, newest first. */
export function upsertRecentScan(scan: RecentScan, store: StorageLike | null = storage()): RecentScan[] {
  const existing = loadRecentScans(store);
  const previous = existing.find((s) => s.id === scan.id);
  const merged = { ...previous, ...scan };
  return save([merged, ...existing.filter((s) => s.id !== scan.id)], store);
}

export function removeRecentScan(id: string, store: StorageLike | null = storage()): RecentScan[] {
  return save(
    loadRecentScans(store).filter((s) => s.id !== id),
    store,
  );
}
