import {
  useId,
  useImperativeHandle,
  useRef,
  useState,
  type DragEvent,
  type KeyboardEvent,
  type Ref,
} from 'react';
import { ACCEPTED_IMAGE_TYPES_TEXT } from '@passport-reader/contract/images';
import { ACCEPT_ATTRIBUTE, MAX_UPLOAD_BYTES } from '../lib/constants';
import { formatBytes } from '../lib/format';

/** What the page can do with the picker from elsewhere: "Retake" opens the way to take a photo. */
export interface FilePickerHandle {
  takePhoto(): void;
}

interface Props {
  disabled?: boolean;
  /** One photo, or several at once (each becomes a scan of its own). */
  onFiles(files: File[]): void;
  /** The service's upload limit. */
  maxBytes?: number;
  ref?: Ref<FilePickerHandle>;
}

/** Drop zone, file picker and camera capture. The drop zone is a keyboard-operable button too. */
export function FilePicker({ disabled = false, onFiles, maxBytes = MAX_UPLOAD_BYTES, ref }: Props) {
  const fileInput = useRef<HTMLInputElement>(null);
  const cameraInput = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const hintId = useId();
  // Where there is no camera the capture attribute is ignored and this opens the file chooser.
  useImperativeHandle(ref, () => ({ takePhoto: () => cameraInput.current?.click() }), []);

  const take = (files: FileList | null) => {
    if (files && files.length > 0 && !disabled) onFiles([...files]);
  };
  const open = () => {
    if (!disabled) fileInput.current?.click();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      open();
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    take(e.dataTransfer.files);
  };

  return (
    <section className="picker" aria-labelledby="picker-title">
      <h2 id="picker-title">Scan a document</h2>
      <div
        className={`dropzone${dragging ? ' dropzone--active' : ''}`}
        role="button"
        tabIndex={disabled ? -1 : 0}
        aria-disabled={disabled}
        aria-describedby={hintId}
        data-testid="dropzone"
        onClick={open}
        onKeyDown={onKeyDown}
        onDragOver={(e) => {
          e.preventDefault();
          if (!disabled) setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <svg className="dropzone__icon" viewBox="0 0 24 24" aria-hidden="true" width="40" height="40">
          <path
            fill="currentColor"
            d="M19 20H5a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h2.2l1.4-2h6.8l1.4 2H19a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2Zm-7-3a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9Zm0-2a2.5 2.5 0 1 1 0-5 2.5 2.5 0 0 1 0 5Z"
          />
        </svg>
        <span className="dropzone__title">Drop a photo of the photo page here</span>
        <span className="dropzone__or">or press to choose a file</span>
      </div>
      <p id={hintId} className="hint">
        {ACCEPTED_IMAGE_TYPES_TEXT}, up to {formatBytes(maxBytes)}. Lay the document flat, include the lines
        of characters at the bottom, avoid glare.
      </p>
      <div className="picker__buttons">
        <label className={`button button--secondary${disabled ? ' button--disabled' : ''}`}>
          <input
            ref={fileInput}
            className="visually-hidden"
            type="file"
            accept={ACCEPT_ATTRIBUTE}
            multiple
            disabled={disabled}
            data-testid="file-input"
            onChange={(e) => {
              take(e.target.files);
              e.target.value = '';
            }}
          />
          Choose a file
        </label>
        <label className={`button button--secondary${disabled ? ' button--disabled' : ''}`}>
          <input
            ref={cameraInput}
            className="visually-hidden"
            type="file"
            accept="image/*"
            capture="environment"
            disabled={disabled}
            data-testid="camera-input"
            onChange={(e) => {
              take(e.target.files);
              e.target.value = '';
            }}
          />
          Take a photo
        </label>
      </div>
    </section>
  );
}
