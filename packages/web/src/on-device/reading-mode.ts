import { useCallback, useState } from 'react';

/** Where a photo is read: uploaded to the server, or on this device with nothing uploaded. */
export type ReadingMode = 'server' | 'device';

/** Only the choice is remembered, never a photo or a result. */
export const READING_MODE_KEY = 'passport-reader.reading-mode';

function storedMode(): ReadingMode {
  try {
    return localStorage.getItem(READING_MODE_KEY) === 'device' ? 'device' : 'server';
  } catch {
    return 'server';
  }
}

/** The reading mode, as last chosen in this browser. */
export function useReadingMode(): [ReadingMode, (mode: ReadingMode) => void] {
  const [mode, setMode] = useState<ReadingMode>(storedMode);
  const choose = useCallback((next: ReadingMode) => {
    setMode(next);
    try {
      localStorage.setItem(READING_MODE_KEY, next);
    } catch {
      // a browser that keeps nothing asks again next time
    }
  }, []);
  return [mode, choose];
}
