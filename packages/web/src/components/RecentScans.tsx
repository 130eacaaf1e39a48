import { pageLocale } from '../lib/dates';
import { RECENT_SCANS_SHOWN } from '../lib/constants';
import type { RecentScan } from '../lib/recent';

interface Props {
  scans: RecentScan[];
  currentId: string | null;
  onOpen(scan: RecentScan): void;
  /** Deletes every scan this browser made, on the server and here. */
  onDeleteAll(): void;
  deleting: boolean;
}

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? ''
    : new Intl.DateTimeFormat(pageLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function RecentScans({ scans, currentId, onOpen, onDeleteAll, deleting }: Props) {
  const older = scans.length - RECENT_SCANS_SHOWN;
  return (
    <section className="recent" aria-labelledby="recent-title">
      <h2 id="recent-title">Recent scans in this browser</h2>
      {scans.length === 0 ? (
        <p className="muted small">
          None yet. Scans you make here are listed so you can reopen or delete them.
        </p>
      ) : (
        <ul className="recent__list" data-testid="recent-list">
          {scans.slice(0, RECENT_SCANS_SHOWN).map((scan) => (
            <li key={scan.id}>
              <button
                type="button"
                className="recent__item"
                aria-current={scan.id === currentId ? 'true' : undefined}
                onClick={() => onOpen(scan)}
              >
                <span className="recent__summary">{scan.summary ?? scan.fileName ?? 'Scan'}</span>
                <span className="muted small">
                  {when(scan.createdAt)} · <span className="mono">{scan.id.slice(0, 8)}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {older > 0 && (
        <p className="muted small" data-testid="recent-older">
          and {older} older {older === 1 ? 'scan' : 'scans'}, kept so that you can still delete{' '}
          {older === 1 ? 'it' : 'them'}.
        </p>
      )}
      {scans.length > 0 && (
        <button type="button" className="button button--secondary" onClick={onDeleteAll} disabled={deleting}>
          {deleting ? 'Deleting…' : `Delete all my scans (${scans.length})`}
        </button>
      )}
    </section>
  );
}
