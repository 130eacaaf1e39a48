import { useEffect, useRef } from 'react';
import './camera.css';

interface Props {
  disabled: boolean;
  onOpen(): void;
  /** Why the live camera could not be used last time; the picker above is the way on. */
  unavailable: string | null;
}

/** Opens the live camera; where it could not be used, says why and points to the picker. */
export function LiveCameraButton({ disabled, onOpen, unavailable }: Props) {
  const message = useRef<HTMLParagraphElement>(null);
  // The camera's view is gone: focus lands on why, beside the picker that takes its place.
  useEffect(() => {
    if (unavailable) message.current?.focus();
  }, [unavailable]);
  return (
    <div className="live-camera">
      <button type="button" className="button" disabled={disabled} onClick={onOpen} data-testid="open-camera">
        Scan with the live camera
      </button>
      {unavailable && (
        <p
          ref={message}
          tabIndex={-1}
          className="notice notice--error"
          role="alert"
          data-testid="camera-unavailable"
        >
          {unavailable}
        </p>
      )}
    </div>
  );
}
