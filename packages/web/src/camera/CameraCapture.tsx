import { useEffect, useRef, useState } from 'react';
import type { ReadResult } from '@passport-reader/contract';
import { onDeviceReader } from '../on-device/on-device-reader';
import { cameraHint, frameChecks, type FrameReading } from './camera-hints';
import { cameraUnavailableMessage, NO_CAMERA_API } from './camera-errors';
import {
  BLURRY_BELOW,
  exposureOf,
  greyOf,
  MEASURE_WIDTH,
  measureFrame,
  type FrameMeasures,
} from './frame-measures';
import { asPercentages, guideFrame } from './guide-frame';
import { inPhotoPixels } from './scale-reading';
import './camera.css';

interface Props {
  /** Where the photo goes once taken: said on the live view, so nobody is surprised. */
  destination: 'server' | 'device';
  /**
   * A photo was taken: automatically, with the on-device reader's trusted reading of it, or with
   * the shutter (reading null: it still has to be read).
   */
  onCapture(photo: File, reading: ReadResult | null): void;
  /** The camera cannot be used (no camera, permission refused): the message says why. */
  onUnavailable(message: string): void;
  onClose(): void;
}

/** How often the sharpness, light and glare are measured: often enough to follow a moving hand. */
const MEASURE_EVERY_MS = 250;
/**
 * Frames are read at most this large: the characters of a page filling the guide are still ~30 px
 * apart, and a 4K frame would take four times as long; the photo taken keeps the full resolution.
 */
const READ_LONG_SIDE = 1920;
/** A frame the reader has not finished within this is taken as one without a readable code. */
const READ_BUDGET_MS = 3000;
/** The stream the camera is asked for: the rear camera at its highest resolution up to 4K. */
const CONSTRAINTS: MediaStreamConstraints = {
  audio: false,
  video: { facingMode: { ideal: 'environment' }, width: { ideal: 3840 }, height: { ideal: 2160 } },
};

interface TorchTrack {
  track: MediaStreamTrack;
  on: boolean;
}

/**
 * The live camera: the video with a guide frame for the photo page and its MRZ band, a hint and a
 * checklist that follow the frame, and the photo taken by itself the moment the on-device reader
 * trusts a frame's MRZ. Frames measured blurry or dark are not read, so the photo taken is a sharp one.
 */
export function CameraCapture({ destination, onCapture, onUnavailable, onClose }: Props) {
  const video = useRef<HTMLVideoElement>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const [measures, setMeasures] = useState<FrameMeasures | null>(null);
  const [reading, setReading] = useState<FrameReading>({ kind: 'starting' });
  const [torch, setTorch] = useState<TorchTrack | null>(null);
  const [taking, setTaking] = useState(false);
  // The latest callbacks, so the camera's loops (started once) never call stale ones.
  const callbacks = useRef({ onCapture, onUnavailable });
  callbacks.current = { onCapture, onUnavailable };
  const measuresRef = useRef<FrameMeasures | null>(null);
  const done = useRef(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);

  const closedByUser = useRef(false);

  // A modal dialog: the whole screen on a phone, the rest of the page inert and Escape to leave.
  // Closed by the person, focus goes back to what opened it; a photo taken moves it to the outcome.
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.current?.showModal();
    heading.current?.focus();
    return () => {
      if (closedByUser.current) opener?.focus();
    };
  }, []);

  const close = () => {
    closedByUser.current = true;
    onClose();
  };

  useEffect(() => {
    let stream: MediaStream | null = null;
    let stopped = false;
    const timers: number[] = [];
    const element = video.current!;

    const finish = (photo: File, result: ReadResult | null) => {
      if (done.current) return;
      done.current = true;
      stopped = true;
      stream?.getTracks().forEach((t) => t.stop());
      callbacks.current.onCapture(photo, result);
    };

    const measure = () => {
      if (stopped) return;
      const frame = guideFrame(element.videoWidth, element.videoHeight);
      const scale = Math.min(1, MEASURE_WIDTH / frame.band.width);
      const width = Math.max(1, Math.round(frame.band.width * scale));
      const height = Math.max(1, Math.round(frame.band.height * scale));
      const canvas = new OffscreenCanvas(width, height);
      const context = canvas.getContext('2d', { willReadFrequently: true })!;
      const { x, y, width: w, height: h } = frame.band;
      context.drawImage(element, x, y, w, h, 0, 0, width, height);
      const next = measureFrame(greyOf(context.getImageData(0, 0, width, height).data, width, height));
      measuresRef.current = next;
      setMeasures(next);
      timers.push(window.setTimeout(measure, MEASURE_EVERY_MS));
    };

    const read = async () => {
      while (!stopped) {
        const m = measuresRef.current;
        if (!m || m.sharpness < BLURRY_BELOW || exposureOf(m) === 'dark') {
          await new Promise((r) => timers.push(window.setTimeout(r, MEASURE_EVERY_MS)));
          continue;
        }
        const frame = wholeFrame(element);
        const scale = Math.min(1, READ_LONG_SIDE / Math.max(frame.width, frame.height));
        const readWidth = Math.round(frame.width * scale);
        const image = await createImageBitmap(
          frame,
          scale < 1
            ? {
                resizeWidth: readWidth,
                resizeHeight: Math.round(frame.height * scale),
                resizeQuality: 'high',
              }
            : {},
        );
        const answer = await onDeviceReader.read({ kind: 'frame', image, budgetMs: READ_BUDGET_MS });
        if (stopped) return;
        if (answer.ok && answer.result.valid) {
          setReading({ kind: 'trusted' });
          finish(await jpegOf(frame), inPhotoPixels(answer.result, frame.width / readWidth));
          return;
        }
        // A reader that cannot run (the WebAssembly or a model failed to load) would fail every
        // frame at once: automatic capture stops, and the shutter remains.
        if (!answer.ok && 'error' in answer && answer.error.code === 'PROCESSING_FAILED') {
          setReading({ kind: 'reader-off' });
          return;
        }
        setReading(
          answer.ok
            ? { kind: 'unsure', diagnostics: answer.result.diagnostics }
            : 'timedOut' in answer
              ? { kind: 'too-slow' }
              : { kind: 'not-found', diagnostics: answer.error.diagnostics },
        );
      }
    };

    void (async () => {
      if (!navigator.mediaDevices?.getUserMedia) {
        callbacks.current.onUnavailable(NO_CAMERA_API);
        return;
      }
      try {
        stream = await navigator.mediaDevices.getUserMedia(CONSTRAINTS);
      } catch (error) {
        if (!stopped) callbacks.current.onUnavailable(cameraUnavailableMessage(error));
        return;
      }
      if (stopped) {
        stream.getTracks().forEach((t) => t.stop());
        return;
      }
      const [track] = stream.getVideoTracks();
      const capabilities = track.getCapabilities?.() as MediaTrackCapabilities & { torch?: boolean };
      if (capabilities?.torch) setTorch({ track, on: false });
      element.srcObject = stream;
      await element.play().catch(() => undefined);
      if (element.videoWidth === 0)
        await new Promise((r) => element.addEventListener('loadeddata', r, { once: true }));
      setSize({ width: element.videoWidth, height: element.videoHeight });
      measure();
      void read();
    })();

    return () => {
      stopped = true;
      timers.forEach((t) => window.clearTimeout(t));
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, []);

  const takeNow = async () => {
    const element = video.current;
    if (!element || element.videoWidth === 0 || done.current) return;
    setTaking(true);
    const photo = await jpegOf(wholeFrame(element));
    done.current = true;
    (element.srcObject as MediaStream | null)?.getTracks().forEach((t) => t.stop());
    onCapture(photo, null);
  };

  const toggleTorch = async () => {
    if (!torch) return;
    const on = !torch.on;
    await torch.track
      .applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] })
      .then(() => setTorch({ ...torch, on }))
      .catch(() => setTorch(null));
  };

  const hint = cameraHint(measures, reading);
  const checks = frameChecks(measures, reading);
  const guide = size ? guideFrame(size.width, size.height) : null;

  return (
    <dialog
      ref={dialog}
      className="camera"
      aria-labelledby="camera-title"
      data-testid="camera"
      onCancel={(event) => {
        event.preventDefault();
        close();
      }}
    >
      <h2 id="camera-title" tabIndex={-1} ref={heading}>
        Scan with the camera
      </h2>
      <p className="muted small" data-testid="camera-destination">
        {destination === 'device'
          ? 'The photo is taken by itself as soon as the code reads, and read on this device: nothing is uploaded.'
          : 'The photo is taken by itself as soon as the code reads, then uploaded and read on our server.'}
      </p>
      <div className="camera__view">
        <video ref={video} className="camera__video" muted playsInline aria-label="Live camera view" />
        {guide && size && (
          <div
            className="camera__guide"
            style={asPercentages(guide.page, size.width, size.height)}
            aria-hidden="true"
          >
            <div
              className={`camera__band${hint.id === 'hold-still' || hint.id === 'captured' ? ' camera__band--found' : ''}`}
              style={{ height: `${(100 * guide.band.height) / guide.page.height}%` }}
            >
              <span>code lines here</span>
            </div>
          </div>
        )}
      </div>
      <p
        className={`camera__hint camera__hint--${hint.id}`}
        role="status"
        data-testid="camera-hint"
        data-hint={hint.id}
      >
        {hint.text}
      </p>
      <ul className="camera__checks" aria-label="What the camera sees" data-testid="camera-checks">
        {checks.map((check) => (
          <li key={check.label} className={`camera__check camera__check--${check.state}`}>
            <span>{check.label}</span>: {check.detail}
          </li>
        ))}
      </ul>
      <div className="camera__actions">
        <button
          type="button"
          className="button"
          onClick={() => void takeNow()}
          disabled={!size || taking}
          data-testid="shutter"
        >
          Take the photo now
        </button>
        {torch && (
          <button
            type="button"
            className="button button--secondary"
            aria-pressed={torch.on}
            onClick={() => void toggleTorch()}
          >
            Torch
          </button>
        )}
        <button type="button" className="button button--secondary" onClick={close}>
          Close the camera
        </button>
      </div>
    </dialog>
  );
}

/** The video's current frame at its full resolution. */
function wholeFrame(element: HTMLVideoElement): OffscreenCanvas {
  const canvas = new OffscreenCanvas(element.videoWidth, element.videoHeight);
  canvas.getContext('2d')!.drawImage(element, 0, 0);
  return canvas;
}

async function jpegOf(canvas: OffscreenCanvas): Promise<File> {
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 });
  return new File([blob], `camera-${new Date().toISOString().slice(0, 19).replace(/:/g, '-')}.jpg`, {
    type: 'image/jpeg',
  });
}
