import { useEffect, useRef } from 'react';
import { isSettled, type BatchItem } from '../lib/batch';
import { explainError } from '../lib/explain';
import { scanSummary } from '../lib/scan-summary';

interface Props {
  items: BatchItem[];
  /** Opens a finished item's scan. */
  onShow(item: BatchItem): void;
  onCancel(): void;
  onClose(): void;
}

function outcome(item: BatchItem): string {
  switch (item.state) {
    case 'waiting':
      return 'Waiting';
    case 'uploading':
      return 'Uploading…';
    case 'reading':
      return 'Reading…';
    case 'finished':
      return item.scan?.result?.valid
        ? `Read: ${scanSummary(item.scan)}`
        : 'Read, but not reliably: open it to see why';
    case 'failed':
      return item.scan
        ? `Not read: ${explainError(item.scan.error?.code).title}`
        : `Not sent: ${item.message ?? ''}`;
    case 'refused':
      return item.message ?? 'Not sent';
    case 'cancelled':
      return 'Cancelled';
  }
}

/** Several photos chosen at once: each one's progress and outcome, and a way to open each result. */
export function BatchList({ items, onShow, onCancel, onClose }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const running = items.some((item) => !isSettled(item));
  const settled = items.filter(isSettled).length;
  return (
    <section className="card batch" aria-labelledby="batch-title" data-testid="batch">
      <h2 id="batch-title" ref={heading} tabIndex={-1}>
        {items.length} photos, one scan each
      </h2>
      <p className="muted small" role="status">
        {running ? `${settled} of ${items.length} done.` : `All ${items.length} done.`}
      </p>
      <ol className="batch__list">
        {items.map((item, index) => (
          <li key={index} className={`batch__item batch__item--${item.state}`} data-testid="batch-item">
            <span className="batch__name">{item.name}</span>
            <span className="batch__outcome" data-testid="batch-outcome">
              {outcome(item)}
            </span>
            {item.scan && (
              <button type="button" className="copy-button" onClick={() => onShow(item)}>
                Show<span className="visually-hidden"> {item.name}</span>
              </button>
            )}
          </li>
        ))}
      </ol>
      <div className="result__actions">
        {running ? (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel the rest
          </button>
        ) : (
          <button type="button" className="button button--secondary" onClick={onClose}>
            Close this list
          </button>
        )}
      </div>
    </section>
  );
}
