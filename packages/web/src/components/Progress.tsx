import type { ScanStatus } from '@passport-reader/contract';

export type Stage = 'uploading' | ScanStatus;

const STEPS: { stage: Stage; label: string }[] = [
  { stage: 'uploading', label: 'Uploading' },
  { stage: 'queued', label: 'Waiting in line' },
  { stage: 'processing', label: 'Reading' },
  { stage: 'done', label: 'Done' },
];

interface Props {
  stage: Stage;
  uploadFraction: number;
  channel: 'websocket' | 'polling' | 'reconnecting' | null;
  /** False while the server has not answered several attempts in a row. */
  reachable: boolean;
  /** Stops, and deletes from the server whatever of this scan already reached it. */
  onCancel(): void;
}

export function stageText(stage: Stage, uploadFraction: number): string {
  switch (stage) {
    case 'uploading':
      return `Uploading your photo… ${Math.round(uploadFraction * 100)}%`;
    case 'queued':
      return 'Uploaded. Waiting for a reader…';
    case 'processing':
      return 'Reading the document…';
    case 'done':
      return 'Done.';
    case 'failed':
      return 'We could not read this photo.';
  }
}

export function Progress({ stage, uploadFraction, channel, reachable, onCancel }: Props) {
  const index = STEPS.findIndex((s) => s.stage === stage);
  const percent = Math.round(uploadFraction * 100);
  return (
    <section className="card progress" aria-labelledby="progress-title">
      <h2 id="progress-title" className="visually-hidden">
        Progress
      </h2>
      <ol className="steps">
        {STEPS.map((step, i) => (
          <li
            key={step.stage}
            className={i < index ? 'steps__done' : i === index ? 'steps__current' : undefined}
            aria-current={i === index ? 'step' : undefined}
          >
            {step.label}
          </li>
        ))}
      </ol>
      {stage === 'uploading' ? (
        <progress className="progress__bar" max={100} value={percent} aria-label="Upload progress">
          {percent}%
        </progress>
      ) : (
        <progress className="progress__bar" aria-label="Reading progress" />
      )}
      <p className="progress__text" data-testid="progress-text">
        {stageText(stage, uploadFraction)}
        {channel === 'reconnecting' ? ' (connection lost, reconnecting…)' : ''}
        {channel === 'polling' ? ' (checking every few seconds)' : ''}
      </p>
      {!reachable && (
        <p className="notice notice--error progress__trouble" data-testid="unreachable">
          Can’t reach the server, still trying. Your scan is kept; check your connection.
        </p>
      )}
      <div className="result__actions progress__actions">
        <button type="button" className="button button--secondary" onClick={onCancel} data-testid="cancel">
          Cancel
        </button>
        <p className="muted small">Cancelling deletes whatever of this photo has reached our server.</p>
      </div>
    </section>
  );
}
