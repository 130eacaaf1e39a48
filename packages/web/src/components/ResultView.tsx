import { useState, type ReactNode } from 'react';
import { countryName, normaliseCode } from '../lib/countries';
import { copyText } from '../lib/clipboard';
import { EXPIRY_LABELS, ageOn, expiryStatus, formatDate, parseIsoDate, today, toIso } from '../lib/dates';
import { unreliableReasons } from '../lib/diagnosis';
import { CHECK_LABELS, displayName, documentKind, sexLabel } from '../lib/document';
import { downloadJson } from '../lib/download';
import { isUncertain, type ShownField } from '../lib/field-trust';
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
  /** Takes another photo: offered first when the reading is not reliable. */
  onRetake(): void;
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

interface Row {
  field: ShownField;
  label: string;
  testId: string;
  value: ReactNode;
  /** What "Copy" puts on the clipboard: the value as shown, without decoration. */
  text: string;
  mono?: boolean;
}

function countryText(code: string | null | undefined): string {
  if (!code) return '';
  const normalised = normaliseCode(code);
  return countryName(normalised) ?? normalised;
}

function dateText(iso: string | null | undefined): string {
  const date = parseIsoDate(iso);
  return date ? formatDate(date) : (iso ?? '');
}

export function ResultView({ scan, imageUrl, deleting, onDelete, onRetake }: Props) {
  const { result } = scan;
  const f = result.fields;
  const [copied, setCopied] = useState<string | null>(null);
  const now = today();
  const birth = parseIsoDate(f.dateOfBirth);
  const expiry = parseIsoDate(f.expiryDate);
  const reliable = result.valid;
  const uncertain = (field: ShownField) => !reliable && isUncertain(result, field);
  // A misread expiry date would give a wrong badge: only a date that is not in doubt gets one.
  const status = expiry && !uncertain('expiryDate') ? expiryStatus(expiry, now) : null;
  const name = displayName(f.givenNames, f.surname);
  const kind = documentKind(result.format, f.documentCode);

  const copy = async (text: string, what: string) => {
    const ok = await copyText(text);
    setCopied(ok ? `Copied ${what}.` : 'Could not copy: your browser blocked the clipboard.');
  };

  const rows: Row[] = [
    ...(reliable
      ? []
      : [{ field: 'name', label: 'Name', testId: 'name', value: name || '—', text: name } as const]),
    {
      field: 'nationality',
      label: 'Nationality',
      testId: 'nationality',
      value: <Country code={f.nationality} />,
      text: countryText(f.nationality),
    },
    {
      field: 'issuingState',
      label: 'Issued by',
      testId: 'issuing-state',
      value: <Country code={f.issuingState} />,
      text: countryText(f.issuingState),
    },
    {
      field: 'documentNumber',
      label: 'Document number',
      testId: 'document-number',
      value: f.documentNumber || '—',
      text: f.documentNumber,
      mono: true,
    },
    {
      field: 'dateOfBirth',
      label: 'Date of birth',
      testId: 'date-of-birth',
      value: (
        <DateValue iso={f.dateOfBirth}>
          {birth && <span className="muted"> · age {ageOn(birth, now)}</span>}
        </DateValue>
      ),
      text: dateText(f.dateOfBirth),
    },
    {
      field: 'expiryDate',
      label: 'Expiry date',
      testId: 'expiry-date',
      value: <DateValue iso={f.expiryDate} />,
      text: dateText(f.expiryDate),
    },
    { field: 'sex', label: 'Sex', testId: 'sex', value: sexLabel(f.sex), text: sexLabel(f.sex) },
    {
      field: 'documentCode',
      label: 'Document type',
      testId: 'document-type',
      value: (
        <>
          {kind}{' '}
          <span className="muted">
            ({result.format}, code {(f.documentCode ?? '').replace(/</g, '') || '—'})
          </span>
        </>
      ),
      text: kind,
    },
    ...(f.personalNumber
      ? [
          {
            field: 'personalNumber',
            label: 'Personal number',
            testId: 'personal-number',
            value: f.personalNumber,
            text: f.personalNumber,
            mono: true,
          } as const,
        ]
      : []),
  ];

  return (
    <section
      className={`card result${reliable ? '' : ' result--unreliable'}`}
      aria-labelledby="result-title"
      data-testid="result"
    >
      <header className="result__header">
        <div>
          <p className="result__kind">{kind}</p>
          <h2
            id="result-title"
            className="result__name"
            data-testid="holder-name"
            data-outcome-heading
            tabIndex={-1}
          >
            {reliable ? name || 'Name not given' : "We couldn't read this reliably"}
          </h2>
          {reliable && name && (
            <button type="button" className="copy-button" onClick={() => void copy(name, 'name')}>
              Copy name
            </button>
          )}
        </div>
        {status && (
          <span className={`badge badge--${status}`} data-testid="expiry-badge">
            {EXPIRY_LABELS[status]}
          </span>
        )}
      </header>

      {!reliable && (
        <div className="notice notice--warning" data-testid="unreliable-notice">
          <ul className="reasons">
            {unreliableReasons(result).map((r) => (
              <li key={r.reason}>
                <strong>{r.reason}</strong> {r.advice}
              </li>
            ))}
          </ul>
          <button type="button" className="button" onClick={onRetake}>
            Retake
          </button>
        </div>
      )}

      <div className="result__body">
        <div>
          {!reliable && (
            <h3 className="result__subtitle">What we read: please check each detail against your document</h3>
          )}
          <dl className="fields">
            {rows.map((row) => (
              <div key={row.field} data-uncertain={uncertain(row.field) || undefined}>
                <dt>{row.label}</dt>
                <dd>
                  <span className={row.mono ? 'mono' : undefined} data-testid={row.testId}>
                    {row.value}
                  </span>
                  {uncertain(row.field) && (
                    <span className="uncertain-tag" data-testid={`uncertain-${row.testId}`}>
                      <span aria-hidden="true">⚠ </span>may be misread
                    </span>
                  )}
                  {reliable && row.text && (
                    <button
                      type="button"
                      className="copy-button"
                      aria-label={`Copy ${row.label.toLowerCase()}`}
                      onClick={() => void copy(row.text, row.label.toLowerCase())}
                    >
                      Copy
                    </button>
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </div>
        {imageUrl ? (
          <DocumentImage src={imageUrl} region={result.region} />
        ) : (
          <p className="image-missing">The photo is not kept in this browser after the page is closed.</p>
        )}
      </div>

      <h3>Check digits</h3>
      <p className="muted small">
        Check digits let us verify that each part was read correctly.{' '}
        {Object.values(result.checks).includes(false) ? 'Some do not hold.' : 'All of them hold.'}
      </p>
      <Checks checks={result.checks} />

      <details className="mrz">
        <summary>Machine-readable zone as read</summary>
        <pre className="mono">{result.mrz.join('\n')}</pre>
      </details>

      <div className="result__actions">
        {reliable && (
          <>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void copy(JSON.stringify(scan, null, 2), 'the result as JSON')}
            >
              Copy as JSON
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => downloadJson(`scan-${scan.id.slice(0, 8)}.json`, scan)}
            >
              Download as JSON
            </button>
          </>
        )}
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
