import { explainError } from '../lib/explain';
import type { ScanError } from '@passport-reader/contract';

interface Props {
  error: ScanError | null;
  onRetry(): void;
  /** Present when the failed scan is on the server (its photo is kept until deleted or expired). */
  onDelete?: () => void;
  deleting?: boolean;
  /** The service's upload limit, for the advice on a file too large. */
  maxUploadBytes?: number;
}

export function FailureView({ error, onRetry, onDelete, deleting = false, maxUploadBytes }: Props) {
  const explanation = explainError(error?.code, maxUploadBytes);
  return (
    <section className="card failure" aria-labelledby="failure-title" data-testid="failure">
      <h2 id="failure-title" data-outcome-heading tabIndex={-1}>
        {explanation.title}
      </h2>
      <p data-testid="failure-advice">{explanation.advice}</p>
      {error?.code && <p className="muted small">Reason code: {error.code}</p>}
      <div className="result__actions">
        <button type="button" className="button" onClick={onRetry}>
          Try another photo
        </button>
        {onDelete && (
          <button type="button" className="button button--danger" onClick={onDelete} disabled={deleting}>
            {deleting ? 'Deleting…' : 'Delete my data'}
          </button>
        )}
      </div>
    </section>
  );
}
