import pg from 'pg';
import type { Logger } from 'pino';
import { parseJson, scanEvent } from '@passport-reader/contract';
import type { Notifier, ScanEvent } from '../ports.js';

const CHANNEL = 'scan_events';

/**
 * Scan status changes through Postgres LISTEN/NOTIFY, so an API process hears what any worker process
 * did. The payload is the scan id and status only.
 */
export class PostgresNotifier implements Notifier {
  private listener: pg.Client | null = null;
  private readonly listeners = new Set<(event: ScanEvent) => void>();
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly connectionString: string,
    private readonly log: Logger,
  ) {}

  /** Starts listening (only processes that serve WebSockets need to). */
  async listen(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.connectionString,
      application_name: 'passport-reader-listen',
    });
    client.on('notification', (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      const event = parseJson(scanEvent, msg.payload);
      if (!event) return;
      for (const listener of this.listeners) listener(event);
    });
    client.on('error', (error) => {
      this.log.error({ err: error.message }, 'notification connection lost; reconnecting');
      this.listener = null;
      client.end().catch(() => undefined);
      if (!this.closed) setTimeout(() => void this.listen().catch(() => undefined), 1000).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
  }

  async publish(event: ScanEvent): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(event)]);
  }

  subscribe(listener: (event: ScanEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.listener?.end();
    this.listener = null;
  }
}
