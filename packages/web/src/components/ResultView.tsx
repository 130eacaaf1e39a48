import { useState, type ReactNode } from 'react';
import { countryName, normaliseCode } from '../lib/countries';
import { EXPIRY_LABELS, ageOn, expiryStatus, formatDate, parseIsoDate, today, toIso } from '../lib/dates';
import { CHECK_LABELS, displayName, documentKind, sexLabel } from '../lib/document';
import { INVALID_RESULT_EXPLANATION } from '../lib/explain';
import type {
  MrzChecksResult as MrzChecks,
  ScanView as Scan,
  ReadResult as ScanResult,
} from '@passport-reader/contract';
import { DocumentImage } from './DocumentImage';

interface Props {
  scan: Scan & { result: ScanResult };
  imageUrl: string | null;
  deleting: boolean;
  onDelete(): void;
}

function DateValue({ iso, children }: { iso: string | null | undefined; children?: ReactNode }) {
  const date = parseIsoDate(iso);
  if (!date) return <>{iso || '—'}</>;
  return (
    <>
      <time dateTime={toIso(date)}>{formatDate(date)}</time>
      {children}
    </>
  );
}

/** "Utopia (specimen)" with its code beside it, or the bare code when it is unknown. */
function Country({ code }: { code: string | null | undefined }) {
  if (!code) return <>—</>;
  const normalised = normaliseCode(code);
  const name = countryName(normalised);
  if (!name) return <span className="mono">{normalised}</span>;
  return (
    <>
      {name} <span className="code-tag">{normalised}</span>
    </>
  );
}

function Checks({ checks }: { checks: MrzChecks }) {
  return (
    <ul className="checks" aria-label="Check digits">
      {(Object.keys(CHECK_LABELS) as (keyof MrzChecks)[]).map((key) => {
        const value = checks[key];
        const state = value === null || value === undefined ? 'none' : value ? 'ok' : 'bad';
        return (
          <li key={key} className={`checks__item checks__item--${state}`} data-check={key} data-state={state}>
            <span className="checks__mark" aria-hidden="true">
              {state === 'ok' ? '✓' : state === 'bad' ? '✗' : '–'}
            </span>
            <span>{CHECK_LABELS[key]}</span>
            <span className="checks__state">
              {state === 'ok' ? 'holds' : state === 'bad' ? 'does not hold' : 'not in this format'}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

export function ResultView({ scan, imageUrl, deleting, onDelete }: Props) {
  const { result } = scan;
  const f = result.fields;
  const [copied, setCopied] = useState<string | null>(null);
  const now = today();
  const birth = parseIsoDate(f.dateOfBirth);
  const expiry = parseIsoDate(f.expiryDate);
  const status = expiry ? expiryStatus(expiry, now) : null;
  const name = displayName(f.givenNames, f.surname);

  const copy = async () => {
    const text = JSON.stringify(scan, null, 2);
    try {
      await navigator.clipboard.writeText(text);
      setCopied('Copied the result as JSON.');
    } catch {
      // Clipboard API unavailable (e.g. insecure context): fall back to a hidden textarea.
      const area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.appendChild(area);
      area.select();
      const ok = document.execCommand('copy');
      area.remove();
      setCopied(ok ? 'Copied the result as JSON.' : 'Could not copy: your browser blocked the clipboard.');
    }
  };

  return (
    <section className="card result" aria-labelledby="result-title" data-testid="result">
      <header className="result__header">
        <div>
          <p className="result__kind">{documentKind(result.format, f.documentCode)}</p>
          <h2
            id="result-title"
            className="result__name"
            data-testid="holder-name"
            data-outcome-heading
            tabIndex={-1}
          >
            {name || 'Name not given'}
          </h2>
        </div>
        {status && (
          <span className={`badge badge--${status}`} data-testid="expiry-badge">
            {EXPIRY_LABELS[status]}
          </span>
        )}
      </header>

      {!result.valid && (
        <div className="notice notice--warning" role="alert" data-testid="invalid-notice">
          <strong>{INVALID_RESULT_EXPLANATION.title}.</strong> {INVALID_RESULT_EXPLANATION.advice}
        </div>
      )}

      <div className="result__body">
        <dl className="fields">
          <div>
            <dt>Nationality</dt>
            <dd data-testid="nationality">
              <Country code={f.nationality} />
            </dd>
          </div>
          <div>
            <dt>Issued by</dt>
            <dd data-testid="issuing-state">
              <Country code={f.issuingState} />
            </dd>
          </div>
          <div>
            <dt>Document number</dt>
            <dd className="mono" data-testid="document-number">
              {f.documentNumber || '—'}
            </dd>
          </div>
          <div>
            <dt>Date of birth</dt>
            <dd data-testid="date-of-birth">
              <DateValue iso={f.dateOfBirth}>
                {birth && <span className="muted"> · age {ageOn(birth, now)}</span>}
              </DateValue>
            </dd>
          </div>
          <div>
            <dt>Expiry date</dt>
            <dd data-testid="expiry-date">
              <DateValue iso={f.expiryDate} />
            </dd>
          </div>
          <div>
            <dt>Sex</dt>
            <dd data-testid="sex">{sexLabel(f.sex)}</dd>
          </div>
          <div>
            <dt>Document type</dt>
            <dd data-testid="document-type">
              {documentKind(result.format, f.documentCode)}{' '}
              <span className="muted">
                ({result.format}, code {(f.documentCode ?? '').replace(/</g, '') || '—'})
              </span>
            </dd>
          </div>
          {f.personalNumber && (
            <div>
              <dt>Personal number</dt>
              <dd className="mono">{f.personalNumber}</dd>
            </div>
          )}
        </dl>
        {imageUrl ? (
          <DocumentImage src={imageUrl} region={result.region} />
        ) : (
          <p className="image-missing">The photo is not kept in this browser after the page is closed.</p>
        )}
      </div>

      <h3>Check digits</h3>
      <p className="muted small">
        Check digits let us verify that each part was read correctly.{' '}
        {result.valid ? 'All of them hold.' : 'Some do not hold.'}
      </p>
      <Checks checks={result.checks} />

      <details className="mrz">
        <summary>Machine-readable zone as read</summary>
        <pre className="mono">{result.mrz.join('\n')}</pre>
      </details>

      <div className="result__actions">
        <button type="button" className="button button--secondary" onClick={() => void copy()}>
          Copy as JSON
        </button>
        <button type="button" className="button button--danger" onClick={onDelete} disabled={deleting}>
          {deleting ? 'Deleting…' : 'Delete my data'}
        </button>
      </div>
      <p className="small" role="status">
        {copied}
      </p>
    </section>
  );
}
