import type { ScanView as Scan } from '@passport-reader/contract';
import { countryName } from './countries';
import { documentKind } from './document';

/** How a scan is labelled in lists, e.g. "Passport · Utopia (specimen)"; never the name or numbers. */
export function scanSummary(scan: Scan): string {
  if (scan.status === 'failed' || !scan.result) return 'Could not be read';
  const kind = documentKind(scan.result.format, scan.result.fields.documentCode);
  const issuer = countryName(scan.result.fields.issuingState);
  return issuer ? `${kind} · ${issuer}` : kind;
}
