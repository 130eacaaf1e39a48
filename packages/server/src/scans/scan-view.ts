import type { ReadResult } from '@passport-reader/reader';
import type { ScanError, ScanRecord, ScanStatus } from '../ports.js';

/** The body of GET /api/scans/:id and of the WebSocket `result` message (DESIGN.md contract). */
export interface ScanView {
  id: string;
  status: ScanStatus;
  result: ReadResult | null;
  error: ScanError | null;
  createdAt: string;
  completedAt: string | null;
}

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
