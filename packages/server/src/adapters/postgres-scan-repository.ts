import type { ReadDiagnostics, ReadResult } from '@passport-reader/contract';
import type pg from 'pg';
import type { ScanOutcome, ScanRecord, ScanRepository, ScanStatus } from '../ports.js';
import { scanError } from '../scans/error-messages.js';

interface ScanRow {
  id: string;
  token_hash: Buffer;
  status: ScanStatus;
  image_key: string | null;
  error_code: string | null;
  error_diagnostics: ReadDiagnostics | null;
  created_at: Date;
  completed_at: Date | null;
  result: ReadResult | null;
}

/** All SQL about scans lives here. */
export class PostgresScanRepository implements ScanRepository {
  constructor(private readonly pool: pg.Pool) {}

  async create(scan: { id: string; tokenHash: Buffer; imageKey: string }): Promise<void> {
    await this.pool.query(
      `INSERT INTO scans (id, token_hash, status, image_key) VALUES ($1, $2, 'queued', $3)`,
      [scan.id, scan.tokenHash, scan.imageKey],
    );
  }

  async get(id: string): Promise<ScanRecord | null> {
    const { rows } = await this.pool.query<ScanRow>(
      `SELECT s.id, s.token_hash, s.status, s.image_key, s.error_code, s.error_diagnostics, s.created_at,
              s.completed_at, r.result
         FROM scans s LEFT JOIN scan_results r ON r.scan_id = s.id
        WHERE s.id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      tokenHash: row.token_hash,
      status: row.status,
      imageKey: row.image_key,
      error: row.error_code ? scanError(row.error_code, row.error_diagnostics) : null,
      result: row.result,
      createdAt: row.created_at,
      completedAt: row.completed_at,
    };
  }

  async markProcessing(id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE scans SET status = 'processing', attempts = attempts + 1, updated_at = now()
        WHERE id = $1 AND status IN ('queued', 'processing')`,
      [id],
    );
    return rowCount === 1;
  }

  async finish(id: string, outcome: ScanOutcome): Promise<boolean> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rowCount } = await client.query(
        `UPDATE scans SET status = $2, error_code = $3, error_diagnostics = $4, completed_at = now(),
                updated_at = now()
          WHERE id = $1 AND status IN ('queued', 'processing')`,
        [
          id,
          outcome.status,
          outcome.status === 'failed' ? outcome.error.code : null,
          outcome.status === 'failed' ? (outcome.error.diagnostics ?? null) : null,
        ],
      );
      if (rowCount !== 1) {
        await client.query('ROLLBACK');
        return false;
      }
      if (outcome.status === 'done') {
        const r = outcome.result;
        const f = r.fields;
        await client.query(
          `INSERT INTO scan_results (scan_id, format, document_code, issuing_state, document_number, surname,
             given_names, nationality, date_of_birth, sex, expiry_date, mrz_lines, valid, confidence, result)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
          [
            id,
            r.format,
            f.documentCode ?? null,
            f.issuingState ?? null,
            f.documentNumber ?? null,
            f.surname ?? null,
            f.givenNames ?? null,
            f.nationality ?? null,
            f.dateOfBirth ?? null,
            f.sex ?? null,
            f.expiryDate ?? null,
            r.mrz,
            r.valid,
            r.confidence,
            JSON.stringify(r),
          ],
        );
      }
      await client.query('COMMIT');
      return true;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async delete(id: string): Promise<{ imageKey: string | null } | undefined> {
    const { rows } = await this.pool.query<{ image_key: string | null }>(
      'DELETE FROM scans WHERE id = $1 RETURNING image_key',
      [id],
    );
    return rows[0] ? { imageKey: rows[0].image_key } : undefined;
  }

  async withImagesOlderThan(before: Date, limit: number): Promise<{ id: string; imageKey: string }[]> {
    const { rows } = await this.pool.query<{ id: string; image_key: string }>(
      `SELECT id, image_key FROM scans WHERE image_key IS NOT NULL AND created_at < $1 ORDER BY created_at LIMIT $2`,
      [before, limit],
    );
    return rows.map((r) => ({ id: r.id, imageKey: r.image_key }));
  }

  async createdBefore(before: Date, limit: number): Promise<{ id: string; imageKey: string | null }[]> {
    const { rows } = await this.pool.query<{ id: string; image_key: string | null }>(
      `SELECT id, image_key FROM scans WHERE created_at < $1 ORDER BY created_at LIMIT $2`,
      [before, limit],
    );
    return rows.map((r) => ({ id: r.id, imageKey: r.image_key }));
  }

  async abandoned(before: Date, minAttempts: number, limit: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT id FROM scans WHERE status = 'processing' AND attempts >= $2 AND updated_at < $1
        ORDER BY updated_at LIMIT $3`,
      [before, minAttempts, limit],
    );
    return rows.map((r) => r.id);
  }

  async clearImage(id: string, imageKey: string): Promise<void> {
    await this.pool.query(
      'UPDATE scans SET image_key = NULL, updated_at = now() WHERE id = $1 AND image_key = $2',
      [id, imageKey],
    );
  }

  async countByStatus(): Promise<Record<ScanStatus, number>> {
    const { rows } = await this.pool.query<{ status: ScanStatus; n: string }>(
      'SELECT status, count(*) AS n FROM scans GROUP BY status',
    );
    const counts: Record<ScanStatus, number> = { queued: 0, processing: 0, done: 0, failed: 0 };
    for (const row of rows) counts[row.status] = Number(row.n);
    return counts;
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }
}
