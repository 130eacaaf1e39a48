import type { ScanView } from '@passport-reader/contract';
import type { ScanRecord } from '../ports.js';

export type { ScanView };

/** The body of GET /api/scans/:id and of the WebSocket `result` message (DESIGN.md contract). */
export function toScanView(scan: ScanRecord): ScanView {
  return {
    id: scan.id,
    status: scan.status,
    result: scan.result,
    error: scan.error,
    createdAt: scan.createdAt.toISOString(),
    completedAt: scan.completedAt ? scan.completedAt.toISOString() : null,
  };
}
