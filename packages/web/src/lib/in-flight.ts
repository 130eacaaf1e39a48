import { IN_FLIGHT_KEY } from './constants';

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function storage(): StorageLike | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // e.g. storage disabled
  }
}

/**
 * The scan this page is waiting for, kept across a reload so that the page can take it up again;
 * only its id: the token stays in the recent scans.
 */
export function loadInFlight(store: StorageLike | null = storage()): string | null {
  try {
    return store?.getItem(IN_FLIGHT_KEY) ?? null;
  } catch {
    return null;
  }
}

export function saveInFlight(id: string, store: StorageLike | null = storage()): void {
  try {
    store?.setItem(IN_FLIGHT_KEY, id);
  } catch {
    // quota or disabled storage: a reload then returns to an idle page
  }
}

/** Forgets the scan in flight, only if it is this one: a later scan may have taken its place. */
export function clearInFlight(id: string, store: StorageLike | null = storage()): void {
  try {
    if (store?.getItem(IN_FLIGHT_KEY) === id) store.removeItem(IN_FLIGHT_KEY);
  } catch {
    // nothing to forget
  }
}
