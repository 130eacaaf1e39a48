/** The result schema and HTTP API of @passport-reader/server (see DESIGN.md). */

export type MrzFormat = 'TD1' | 'TD2' | 'TD3' | 'MRVA' | 'MRVB';

export interface MrzChecks {
  documentNumber: boolean | null;
  dateOfBirth: boolean | null;
  expiryDate: boolean | null;
  personalNumber: boolean | null;
  composite: boolean | null;
}

export interface MrzFields {
  documentCode?: string | null;
  issuingState?: string | null;
  documentNumber?: string | null;
  surname?: string | null;
  givenNames?: string | null;
  nationality?: string | null;
  dateOfBirth?: string | null;
  sex?: string | null;
  expiryDate?: string | null;
  personalNumber?: string | null;
  [field: string]: string | null | undefined;
}

export interface MrzRegion {
  x: number;
  y: number;
  width: number;
  height: number;
  rotation: number;
}

export interface ScanResult {
  format: MrzFormat;
  mrz: string[];
  valid: boolean;
  checks: MrzChecks;
  fields: MrzFields;
  confidence: number;
  region?: MrzRegion | null;
  timingsMs?: Record<string, number>;
}

export type ErrorCode = 'NO_MRZ' | 'UNREADABLE_IMAGE' | 'UNSUPPORTED_TYPE' | 'TOO_LARGE' | (string & {});

export interface ScanError {
  code: ErrorCode;
  message?: string;
}

export type ScanStatus = 'queued' | 'processing' | 'done' | 'failed';

export interface Scan {
  id: string;
  status: ScanStatus;
  result: ScanResult | null;
  error: ScanError | null;
  createdAt?: string;
  completedAt?: string | null;
}

export interface CreatedScan {
  id: string;
  token: string;
  status: ScanStatus;
}

export type SocketMessage = { type: 'status'; status: ScanStatus } | { type: 'result'; scan: Scan };
