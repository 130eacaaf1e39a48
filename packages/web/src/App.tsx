import { useCallback, useEffect, useRef, useState } from 'react';
import { BatchList } from './components/BatchList';
import { FailureView } from './components/FailureView';
import { FilePicker, type FilePickerHandle } from './components/FilePicker';
import { PrivacyStatement } from './components/PrivacyStatement';
import { Progress, stageText, type Stage } from './components/Progress';
import { RecentScans } from './components/RecentScans';
import { ResultView } from './components/ResultView';
import {
  ApiError,
  deleteScan,
  deploymentConfig,
  getScan,
  uploadScan,
  waitForScan,
  watchScan,
} from './lib/api';
import { isSettled, runBatch, type BatchItem, type BatchRun } from './lib/batch';
import { MAX_UPLOAD_BYTES } from './lib/constants';
import { clearInFlight, loadInFlight, saveInFlight } from './lib/in-flight';
import { prepareUpload } from './lib/prepare-upload';
import { loadRecentScans, removeRecentScan, upsertRecentScan, type RecentScan } from './lib/recent';
import { scanSummary } from './lib/scan-summary';
import type {
  CreatedScan,
  ReadResult as ScanResult,
  ScanError,
  ScanView as Scan,
} from '@passport-reader/contract';
import { formatBytes } from './lib/format';
import { checkFile } from './lib/validate-file';
import { CameraCapture } from './camera/CameraCapture';
import { LiveCameraButton } from './camera/LiveCameraButton';
import { useHasCamera } from './camera/has-camera';
import { onDeviceScan } from './on-device/on-device-scan';
import { readOnDevice } from './on-device/read-on-device';
import { ReadingModeChoice } from './on-device/ReadingModeChoice';
import { useReadingMode } from './on-device/reading-mode';

type Channel = 'websocket' | 'polling' | 'reconnecting' | null;

type View =
  | { kind: 'idle' }
  | { kind: 'progress'; stage: Stage; fraction: number; channel: Channel; reachable: boolean }
  | { kind: 'done'; scan: Scan & { result: ScanResult } }
  | { kind: 'failed'; error: ScanError | null }
  | { kind: 'message'; tone: 'info' | 'error'; text: string };

interface Current {
  id: string;
  token: string;
}

function hasResult(scan: Scan): scan is Scan & { result: ScanResult } {
  return scan.status === 'done' && !!scan.result;
}

/** A scan the server has created, listed with its token: the only way to delete it later. */
function listCreated(created: CreatedScan, file: File): RecentScan[] {
  return upsertRecentScan({
    id: created.id,
    token: created.token,
    createdAt: new Date().toISOString(),
    fileName: file.name,
    status: created.status,
  });
}

export function App() {
  const [view, setView] = useState<View>({ kind: 'idle' });
  const [rejection, setRejection] = useState<string | null>(null);
  // What the page did to a photo on the way (made it smaller), said beside the picker.
  const [notice, setNotice] = useState<string | null>(null);
  const [current, setCurrent] = useState<Current | null>(null);
  const [recent, setRecent] = useState<RecentScan[]>(() => loadRecentScans());
  const [deleting, setDeleting] = useState(false);
  // The server's own limit once it has said it; the default until then.
  const [maxUploadBytes, setMaxUploadBytes] = useState(MAX_UPLOAD_BYTES);
  useEffect(() => {
    let mounted = true;
    void deploymentConfig().then((config) => mounted && config && setMaxUploadBytes(config.maxUploadBytes));
    return () => {
      mounted = false;
    };
  }, []);
  // Object URLs of photos chosen in this page, by scan id: the server never sends images back.
  const images = useRef(new Map<string, string>());
  const [imageUrl, setImageUrl] = useState<string | null>(null);
  const stopWatching = useRef<(() => void) | null>(null);
  const abortUpload = useRef<(() => void) | null>(null);
  // What "Cancel" does for the scan in progress: abort its upload, or delete it once it exists.
  const cancelScan = useRef<(() => void) | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const mainRef = useRef<HTMLDivElement>(null);
  // Bumped whenever the user starts something new, so late answers to older requests are ignored.
  const generation = useRef(0);

  const stopAll = useCallback(() => {
    generation.current += 1;
    stopWatching.current?.();
    stopWatching.current = null;
    abortUpload.current?.();
    abortUpload.current = null;
    cancelScan.current = null;
  }, []);

  useEffect(() => stopAll, [stopAll]);

  // The recent scans' label once a scan is finished, whether or not it is the one on show.
  const noteOutcome = useCallback((id: string, scan: Scan) => {
    const entry = loadRecentScans().find((s) => s.id === id);
    if (entry) setRecent(upsertRecentScan({ ...entry, summary: scanSummary(scan), status: scan.status }));
  }, []);

  const finished = useCallback(
    (id: string, scan: Scan) => {
      clearInFlight(id);
      noteOutcome(id, scan);
      if (hasResult(scan)) setView({ kind: 'done', scan });
      else setView({ kind: 'failed', error: scan.error });
    },
    [noteOutcome],
  );

  const follow = useCallback(
    (id: string, token: string) => {
      // The deployment says where its WebSocket is; asked once per page, so this is at once after the first.
      let stop: (() => void) | null = null;
      let cancelled = false;
      saveInFlight(id);
      stopWatching.current = () => {
        cancelled = true;
        stop?.();
      };
      const callbacks: Parameters<typeof watchScan>[2] = {
        onStatus: (status) =>
          setView((v) => ({
            kind: 'progress',
            stage: status,
            fraction: 1,
            channel: v.kind === 'progress' ? v.channel : null,
            reachable: v.kind === 'progress' ? v.reachable : true,
          })),
        onChannel: (channel) => setView((v) => (v.kind === 'progress' ? { ...v, channel } : v)),
        onReachable: (reachable) => setView((v) => (v.kind === 'progress' ? { ...v, reachable } : v)),
        onDone: (scan) => finished(id, scan),
        onError: (error) => {
          clearInFlight(id);
          if (error.status === 404) {
            setRecent(removeRecentScan(id));
            setView({
              kind: 'message',
              tone: 'error',
              text: 'This scan is no longer on the server: it was deleted or has expired.',
            });
          } else {
            setView({ kind: 'message', tone: 'error', text: `We lost track of this scan: ${error.message}` });
          }
        },
      };
      void deploymentConfig().then((config) => {
        if (!cancelled) stop = watchScan(id, token, callbacks, { websocketUrl: config?.websocketUrl });
      });
    },
    [finished],
  );

  /**
   * Deletes a scan the user no longer wants (cancelled) on the server and from the list; one that
   * cannot be deleted now stays listed, so that it can be deleted later.
   */
  const forget = useCallback(async (id: string, token: string) => {
    clearInFlight(id);
    try {
      await deleteScan(id, token);
      setRecent(removeRecentScan(id));
    } catch {
      setView({
        kind: 'message',
        tone: 'error',
        text: 'Cancelled, but what was uploaded could not be deleted yet: it stays under Recent scans, where you can delete it.',
      });
    }
  }, []);

  const [mode, setMode] = useReadingMode();
  const [cameraOpen, setCameraOpen] = useState(false);
  const hasCamera = useHasCamera();
  const [cameraUnavailable, setCameraUnavailable] = useState<string | null>(null);

  // On this device: the photo is read in the page's worker and shown; nothing is uploaded or kept.
  // A frame the camera already read on the device needs no second reading.
  // The photo read on this device lives only in this page's memory, and the previous one is let go.
  const devicePhoto = useRef<string | null>(null);
  const showDevicePhoto = useCallback((file: File | null) => {
    if (devicePhoto.current) URL.revokeObjectURL(devicePhoto.current);
    devicePhoto.current = file && URL.createObjectURL(file);
    setImageUrl(devicePhoto.current);
  }, []);

  const readHere = useCallback(
    (file: File, known: ScanResult | null) => {
      stopAll();
      setRejection(null);
      setCurrent(null);
      showDevicePhoto(file);
      if (known) {
        setView({ kind: 'done', scan: onDeviceScan(known) });
        return;
      }
      setView({ kind: 'message', tone: 'info', text: 'Reading on this device… nothing is uploaded.' });
      const gen = generation.current;
      void readOnDevice(file).then((outcome) => {
        if (gen !== generation.current) return;
        setView(
          outcome.ok
            ? { kind: 'done', scan: onDeviceScan(outcome.result) }
            : { kind: 'failed', error: outcome.error },
        );
      });
    },
    [stopAll, showDevicePhoto],
  );

  const onFile = useCallback(
    (file: File) => {
      setNotice(null);
      const check = checkFile(file, maxUploadBytes);
      if (!check.ok && check.code === 'TOO_LARGE') {
        // Over the server's limit: sent as a smaller JPEG made here, rather than refused.
        void prepareUpload(file, maxUploadBytes).then((prepared) => {
          if (!prepared.ok) {
            setRejection(prepared.message);
            return;
          }
          onFile(prepared.file);
          setNotice(
            `This photo was ${formatBytes(file.size)}, over the ${formatBytes(maxUploadBytes)} limit, so a smaller copy made in this browser (${formatBytes(prepared.file.size)}) was sent.`,
          );
        });
        return;
      }
      if (!check.ok) {
        setRejection(check.message);
        return;
      }
      if (mode === 'device') {
        readHere(file, null);
        return;
      }
      setRejection(null);
      stopAll();
      const url = URL.createObjectURL(file);
      setImageUrl(url);
      setCurrent(null);
      setView({ kind: 'progress', stage: 'uploading', fraction: 0, channel: null, reachable: true });
      const upload = uploadScan(file, (fraction) =>
        setView((v) => (v.kind === 'progress' && v.stage === 'uploading' ? { ...v, fraction } : v)),
      );
      abortUpload.current = upload.abort;
      let cancelled = false;
      cancelScan.current = () => {
        cancelled = true;
        upload.abort();
      };
      const gen = generation.current;
      upload.promise.then(
        (created) => {
          // Listed whatever happens next: its token is the only way to delete it.
          setRecent(listCreated(created, file));
          // Cancelled as the answer came: it reached the server after all, so it is deleted there.
          if (cancelled) {
            void forget(created.id, created.token);
            return;
          }
          if (gen !== generation.current) return;
          abortUpload.current = null;
          cancelScan.current = () => void forget(created.id, created.token);
          images.current.set(created.id, url);
          setCurrent({ id: created.id, token: created.token });
          setView({
            kind: 'progress',
            stage: created.status ?? 'queued',
            fraction: 1,
            channel: null,
            reachable: true,
          });
          follow(created.id, created.token);
        },
        (error: unknown) => {
          if (gen !== generation.current) return;
          abortUpload.current = null;
          if (error instanceof ApiError && error.code === 'ABORTED') return;
          if (error instanceof ApiError && error.code) {
            setView({ kind: 'failed', error: { code: error.code, message: error.message } });
          } else {
            const text = error instanceof Error ? error.message : String(error);
            setView({
              kind: 'message',
              tone: 'error',
              text: `The upload did not work: ${text}. Please try again.`,
            });
          }
        },
      );
    },
    [follow, stopAll, forget, mode, readHere, maxUploadBytes],
  );

  const reopen = useCallback(
    (entry: RecentScan) => {
      stopAll();
      setRejection(null);
      setCurrent({ id: entry.id, token: entry.token });
      setImageUrl(images.current.get(entry.id) ?? null);
      setView({ kind: 'progress', stage: 'queued', fraction: 1, channel: null, reachable: true });
      cancelScan.current = () => void forget(entry.id, entry.token);
      const gen = generation.current;
      getScan(entry.id, entry.token).then(
        (scan) => {
          if (gen !== generation.current) return;
          if (scan.status === 'done' || scan.status === 'failed') finished(entry.id, scan);
          else {
            setView({ kind: 'progress', stage: scan.status, fraction: 1, channel: null, reachable: true });
            follow(entry.id, entry.token);
          }
        },
        (error: unknown) => {
          if (gen !== generation.current) return;
          if (error instanceof ApiError && error.status === 404) {
            clearInFlight(entry.id);
            setRecent(removeRecentScan(entry.id));
            setCurrent(null);
            setView({
              kind: 'message',
              tone: 'info',
              text: 'This scan is no longer on the server: it was deleted or has expired. It has been removed from the list.',
            });
          } else {
            // Not reached yet: the watcher keeps trying, and says so when it lasts.
            follow(entry.id, entry.token);
          }
        },
      );
    },
    [finished, follow, stopAll, forget],
  );

  const onCancel = useCallback(() => {
    const cancel = cancelScan.current;
    stopAll();
    cancel?.();
    setCurrent(null);
    setImageUrl(null);
    setView({
      kind: 'message',
      tone: 'info',
      text: 'Cancelled. Nothing of this photo is kept on our server.',
    });
  }, [stopAll]);

  // A reload in the middle of a scan takes it up again (the photo itself is not kept by the browser);
  // once, on the page's first render.
  useEffect(() => {
    const id = loadInFlight();
    const entry = id ? loadRecentScans().find((s) => s.id === id) : undefined;
    if (entry) reopen(entry);
  }, []);

  const onDelete = useCallback(async () => {
    if (!current) return;
    setDeleting(true);
    try {
      await deleteScan(current.id, current.token);
      clearInFlight(current.id);
      stopAll();
      const url = images.current.get(current.id);
      if (url) URL.revokeObjectURL(url);
      images.current.delete(current.id);
      setImageUrl(null);
      setRecent(removeRecentScan(current.id));
      setCurrent(null);
      setView({
        kind: 'message',
        tone: 'info',
        text: 'Deleted. Your photo and the data read from it are gone from our server and from this browser.',
      });
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      setRejection(`We could not delete this scan: ${text}. Please try again.`);
    } finally {
      setDeleting(false);
    }
  }, [current, stopAll]);

  /** A scan deleted on the server, forgotten here: its token, its resume marker and its photo. */
  const forgetDeleted = useCallback((id: string) => {
    clearInFlight(id);
    setRecent(removeRecentScan(id));
    const url = images.current.get(id);
    if (url) URL.revokeObjectURL(url);
    images.current.delete(id);
  }, []);

  const onDeleteOne = useCallback(
    async (entry: RecentScan) => {
      const label = entry.summary ?? entry.fileName ?? 'this scan';
      if (!window.confirm(`Delete “${label}” from our server and from this browser?`)) return;
      setDeleting(true);
      try {
        await deleteScan(entry.id, entry.token);
        forgetDeleted(entry.id);
        if (current?.id === entry.id) {
          stopAll();
          setCurrent(null);
          setImageUrl(null);
          setView({
            kind: 'message',
            tone: 'info',
            text: 'Deleted. Your photo and the data read from it are gone from our server and from this browser.',
          });
        } else {
          // Its button is gone with it: focus goes back to the list rather than to the page's start.
          document.getElementById('recent-title')?.focus();
        }
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        setRejection(`We could not delete this scan: ${text}. Please try again.`);
      } finally {
        setDeleting(false);
      }
    },
    [current, forgetDeleted, stopAll],
  );

  const onDeleteAll = useCallback(async () => {
    const all = loadRecentScans();
    if (
      !window.confirm(`Delete all ${all.length} scans made in this browser, from our server and from here?`)
    )
      return;
    setDeleting(true);
    stopAll();
    let failed = 0;
    for (const scan of all) {
      try {
        await deleteScan(scan.id, scan.token);
        forgetDeleted(scan.id);
      } catch {
        // kept in the list, so that it can be deleted again
        failed++;
      }
    }
    setDeleting(false);
    setCurrent(null);
    setImageUrl(null);
    setView(
      failed === 0
        ? {
            kind: 'message',
            tone: 'info',
            text: 'Deleted. Every scan made in this browser is gone from our server and from here.',
          }
        : {
            kind: 'message',
            tone: 'error',
            text: `${failed} scans could not be deleted; they stay listed so you can try again.`,
          },
    );
  }, [forgetDeleted, stopAll]);

  const reset = useCallback(() => {
    stopAll();
    setNotice(null);
    setView({ kind: 'idle' });
    setCurrent(null);
    setImageUrl(null);
  }, [stopAll]);

  const picker = useRef<FilePickerHandle>(null);
  // "Retake" after an unreliable or failed read: back to the start, with the way to take a photo open.
  // With a camera, the live one; without, the picker's own way to take or choose a photo.
  const retake = useCallback(() => {
    reset();
    if (hasCamera) setCameraOpen(true);
    else picker.current?.takePhoto();
  }, [reset, hasCamera]);

  const openCamera = useCallback(() => {
    reset();
    setCameraUnavailable(null);
    setCameraOpen(true);
  }, [reset]);

  const onCapture = useCallback(
    (photo: File, reading: ScanResult | null) => {
      setCameraOpen(false);
      if (mode === 'device') readHere(photo, reading);
      else onFile(photo);
    },
    [mode, readHere, onFile],
  );

  // Without a camera, or without permission, the picker is the way on, and the message says why.
  const onCameraUnavailable = useCallback((message: string) => {
    setCameraOpen(false);
    setCameraUnavailable(message);
  }, []);

  const clearDeviceResult = useCallback(() => {
    reset();
    showDevicePhoto(null);
    setView({
      kind: 'message',
      tone: 'info',
      text: 'Cleared. Nothing from this reading was uploaded or stored.',
    });
  }, [reset, showDevicePhoto]);

  // Move focus to the outcome's own heading (the result's holder, the failure's title), which sighted
  // keyboard users can see; a plain message has none, and gets the outcome area's hidden heading.
  useEffect(() => {
    if (view.kind === 'done' || view.kind === 'failed' || view.kind === 'message') {
      const visible = mainRef.current?.querySelector<HTMLElement>('[data-outcome-heading]');
      (visible ?? headingRef.current)?.focus();
    }
  }, [view.kind]);

  const [batch, setBatch] = useState<BatchItem[] | null>(null);
  const batchRun = useRef<BatchRun | null>(null);
  useEffect(() => () => batchRun.current?.cancel(), []);

  // Several photos at once: each its own scan, sent one after the other, with a list of outcomes.
  const onFiles = useCallback(
    (files: File[]) => {
      if (files.length === 0) return;
      if (files.length === 1 || mode === 'device') {
        onFile(files[0]);
        if (files.length > 1) {
          setRejection(`Reading on this device takes one photo at a time: only “${files[0].name}” was read.`);
        }
        return;
      }
      reset();
      setRejection(null);
      batchRun.current?.cancel();
      batchRun.current = runBatch(
        files,
        {
          prepare: (file) => prepareUpload(file, maxUploadBytes),
          upload: (file) => uploadScan(file, () => {}),
          created: (file, created) => {
            images.current.set(created.id, URL.createObjectURL(file));
            setRecent(listCreated(created, file));
          },
          watch: waitForScan,
          finished: noteOutcome,
        },
        setBatch,
      );
    },
    [mode, onFile, reset, maxUploadBytes, noteOutcome],
  );

  const showBatchItem = useCallback(
    (item: BatchItem) => {
      const entry = loadRecentScans().find((s) => s.id === item.scanId);
      if (entry) reopen(entry);
    },
    [reopen],
  );

  const batchRunning = batch?.some((item) => !isSettled(item)) ?? false;
  const busy = view.kind === 'progress' || batchRunning;
  // A photo dropped anywhere on the page is taken as if dropped on the drop zone (which handles its
  // own drops first); without this the browser would open the file in the tab, leaving the page.
  useEffect(() => {
    const carriesFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const over = (e: DragEvent) => {
      if (carriesFiles(e)) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      if (e.defaultPrevented || !carriesFiles(e)) return;
      e.preventDefault();
      const files = [...(e.dataTransfer?.files ?? [])];
      if (!busy) onFiles(files);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [onFiles, busy]);

  const announcement =
    view.kind === 'progress'
      ? stageText(view.stage, view.stage === 'uploading' ? Math.floor(view.fraction * 4) / 4 : 1)
      : view.kind === 'done'
        ? 'Done: the document has been read.'
        : view.kind === 'failed'
          ? 'We could not read this photo.'
          : view.kind === 'message'
            ? view.text
            : '';

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="container">
          <h1>Passport reader</h1>
          <p>Read the code on a passport, ID card or visa.</p>
          <PrivacyStatement mode={mode} />
        </div>
      </header>
      <main
        id="main"
        className={`container layout${view.kind === 'idle' && !batch ? '' : ' layout--outcome'}`}
      >
        <div className="layout__side">
          <FilePicker ref={picker} disabled={busy} onFiles={onFiles} maxBytes={maxUploadBytes} />
          {hasCamera && (
            <LiveCameraButton disabled={busy} onOpen={openCamera} unavailable={cameraUnavailable} />
          )}
          <ReadingModeChoice mode={mode} disabled={busy || cameraOpen} onChange={setMode} />
          {rejection && (
            <p className="notice notice--error" role="alert" data-testid="file-error">
              {rejection}
            </p>
          )}
          {notice && (
            <p className="notice notice--info" role="status" data-testid="file-notice">
              {notice}
            </p>
          )}
          <RecentScans
            scans={recent}
            currentId={current?.id ?? null}
            onOpen={reopen}
            onDelete={(entry) => void onDeleteOne(entry)}
            onDeleteAll={onDeleteAll}
            deleting={deleting}
            uploading={view.kind === 'progress' && view.stage === 'uploading'}
          />
        </div>
        <div className="layout__main" ref={mainRef}>
          <h2 className="visually-hidden" tabIndex={-1} ref={headingRef}>
            Outcome
          </h2>
          {batch && (
            <BatchList
              items={batch}
              onShow={showBatchItem}
              onCancel={() => batchRun.current?.cancel()}
              onClose={() => setBatch(null)}
            />
          )}
          {view.kind === 'idle' && !cameraOpen && !batch && (
            <section className="card empty">
              <h2>How it works</h2>
              <ol>
                <li>Photograph the photo page of your passport, or the back of your ID card.</li>
                <li>We find the two or three lines of characters at the bottom and read them.</li>
                <li>You see your details, which check digits hold, and whether the document has expired.</li>
              </ol>
            </section>
          )}
          {view.kind === 'progress' && (
            <Progress
              stage={view.stage}
              uploadFraction={view.fraction}
              channel={view.channel}
              reachable={view.reachable}
              onCancel={onCancel}
            />
          )}
          {cameraOpen && (
            <CameraCapture
              destination={mode}
              onCapture={onCapture}
              onUnavailable={onCameraUnavailable}
              onClose={() => setCameraOpen(false)}
            />
          )}
          {view.kind === 'done' && !current && (
            <p className="notice notice--info" data-testid="read-on-device">
              Read on this device: the photo was not uploaded, and nothing was stored.
            </p>
          )}
          {view.kind === 'done' && (
            <ResultView
              scan={view.scan}
              imageUrl={imageUrl}
              deleting={deleting}
              onDelete={current ? () => void onDelete() : clearDeviceResult}
              onRetake={retake}
            />
          )}
          {view.kind === 'failed' && (
            <FailureView
              maxUploadBytes={maxUploadBytes}
              error={view.error}
              onRetake={retake}
              onDelete={current ? () => void onDelete() : undefined}
              deleting={deleting}
            />
          )}
          {view.kind === 'message' && (
            <p className={`card notice notice--${view.tone}`} data-testid="message">
              {view.text}
            </p>
          )}
        </div>
      </main>
      <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="live-status">
        {announcement}
      </div>
    </>
  );
}
