import { useState } from 'react';
import { pageLocale } from '../lib/dates';
import { RECENT_SCANS_SHOWN } from '../lib/constants';
import type { RecentScan } from '../lib/recent';

interface Props {
  scans: RecentScan[];
  currentId: string | null;
  onOpen(scan: RecentScan): void;
  /** Deletes one scan, on the server and here. */
  onDelete(scan: RecentScan): void;
  /** Deletes every scan this browser made, on the server and here. */
  onDeleteAll(): void;
  deleting: boolean;
  /** While a photo uploads: opening another scan would abandon the upload, so the list waits. */
  uploading: boolean;
}

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? ''
    : new Intl.DateTimeFormat(pageLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function RecentScans({ scans, currentId, onOpen, onDelete, onDeleteAll, deleting, uploading }: Props) {
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? scans : scans.slice(0, RECENT_SCANS_SHOWN);
  const older = scans.length - shown.length;
  const locked = deleting || uploading;
  return (
    <section className="recent" aria-labelledby="recent-title">
      <h2 id="recent-title" tabIndex={-1}>
        Recent scans in this browser
      </h2>
      {scans.length === 0 ? (
        <p className="muted small">
          None yet. Scans you make here are listed so you can reopen or delete them.
        </p>
      ) : (
        <ul className="recent__list" data-testid="recent-list">
          {shown.map((scan) => {
            const label = scan.summary ?? scan.fileName ?? 'Scan';
            const time = when(scan.createdAt);
            return (
              <li key={scan.id} className="recent__entry" data-scan-id={scan.id}>
                <button
                  type="button"
                  className="recent__item"
                  aria-current={scan.id === currentId ? 'true' : undefined}
                  disabled={locked}
                  onClick={() => onOpen(scan)}
                >
                  <span className="recent__summary">{label}</span>
                  <span className="muted small">
                    {time} · <span className="mono">{scan.id.slice(0, 8)}</span>
                  </span>
                </button>
                <button
                  type="button"
                  className="recent__delete"
                  aria-label={`Delete ${label}, ${time}`}
                  disabled={locked}
                  onClick={() => onDelete(scan)}
                >
                  Delete
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {uploading && scans.length > 0 && (
        <p className="muted small" data-testid="recent-locked">
          You can open or delete these once the upload has finished or been cancelled.
        </p>
      )}
      {older > 0 && (
        <button
          type="button"
          className="button button--secondary recent__more"
          onClick={() => setShowAll(true)}
          data-testid="recent-older"
        >
          Show {older} older {older === 1 ? 'scan' : 'scans'}
        </button>
      )}
      {scans.length > 0 && (
        <button type="button" className="button button--secondary" onClick={onDeleteAll} disabled={locked}>
          {deleting ? 'Deleting…' : `Delete all my scans (${scans.length})`}
        </button>
      )}
    </section>
  );
}
