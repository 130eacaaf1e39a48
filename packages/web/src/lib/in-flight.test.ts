import { describe, expect, it } from 'vitest';
import { clearInFlight, loadInFlight, saveInFlight } from './in-flight';

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
}

describe('the scan in flight', () => {
  it('is kept until that same scan is cleared', () => {
    const store = memoryStorage();
    expect(loadInFlight(store)).toBeNull();
    saveInFlight('a', store);
    saveInFlight('b', store);
    clearInFlight('a', store);
    expect(loadInFlight(store)).toBe('b');
    clearInFlight('b', store);
    expect(loadInFlight(store)).toBeNull();
    expect(loadInFlight(null)).toBeNull();
  });
});
