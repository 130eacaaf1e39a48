import { useEffect, useState } from 'react';

/**
 * Whether this device has a camera the page could use: null until known. Listing devices needs no
 * permission (the labels stay hidden until one is given, the kinds do not).
 */
export function useHasCamera(): boolean | null {
  const [hasCamera, setHasCamera] = useState<boolean | null>(null);
  useEffect(() => {
    let mounted = true;
    const devices = navigator.mediaDevices;
    if (!devices?.enumerateDevices || !devices.getUserMedia) {
      setHasCamera(false);
      return;
    }
    devices.enumerateDevices().then(
      (list) => mounted && setHasCamera(list.some((d) => d.kind === 'videoinput')),
      () => mounted && setHasCamera(false),
    );
    return () => {
      mounted = false;
    };
  }, []);
  return hasCamera;
}
