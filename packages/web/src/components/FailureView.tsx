import { adviceFromDiagnostics } from '../lib/diagnosis';
import { explainError } from '../lib/explain';
import type { ScanError } from '@passport-reader/contract';

interface Props {
  error: ScanError | null;
  /** Takes another photo. */
  onRetake(): void;
  /** Present when the failed scan is on the server (its photo is kept until deleted or expired). */
  onDelete?: () => void;
  deleting?: boolean;
  /** The service's upload limit, for the advice on a file too large. */
  maxUploadBytes?: number;
}

export function FailureView({ error, onRetake, onDelete, deleting = false, maxUploadBytes }: Props) {
  const explanation = explainError(error?.code, maxUploadBytes);
  // The reader's diagnosis says what to change; the error code's explanation only what happened.
  const specific = adviceFromDiagnostics(error?.diagnostics);
  return (
    <section className="card failure" aria-labelledby="failure-title" data-testid="failure">
      <h2 id="failure-title" data-outcome-heading tabIndex={-1}>
        {explanation.title}
      </h2>
      {specific.length > 0 ? (
        <ul className="reasons" data-testid="failure-advice">
          {specific.map((a) => (
            <li key={a.reason}>
              <strong>{a.reason}</strong> {a.advice}
            </li>
          ))}
        </ul>
      ) : (
        <p data-testid="failure-advice">{explanation.advice}</p>
      )}
      {error?.code && <p className="muted small">Reason code: {error.code}</p>}
      <div className="result__actions">
        <button type="button" className="button" onClick={onRetake}>
          Retake
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
