import type { RecentScan } from '../lib/recent';

interface Props {
  scans: RecentScan[];
  currentId: string | null;
  onOpen(scan: RecentScan): void;
}

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? ''
    : new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function RecentScans({ scans, currentId, onOpen }: Props) {
  return (
    <section className="recent" aria-labelledby="recent-title">
      <h2 id="recent-title">Recent scans in this browser</h2>
      {scans.length === 0 ? (
        <p className="muted small">
          None yet. Scans you make here are listed so you can reopen or delete them.
        </p>
      ) : (
        <ul className="recent__list" data-testid="recent-list">
          {scans.map((scan) => (
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
    </section>
  );
}
