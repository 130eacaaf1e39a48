import type pg from 'pg';

/** Which API Gateway WebSocket connections watch which scan (AWS deployment). */
export interface WebSocketSubscriptions {
  add(connectionId: string, scanId: string): Promise<void>;
  connectionsFor(scanId: string): Promise<string[]>;
  removeConnection(connectionId: string): Promise<void>;
}

/** All SQL about WebSocket subscriptions; rows go with their scan (ON DELETE CASCADE). */
export class PostgresWebSocketSubscriptions implements WebSocketSubscriptions {
  constructor(private readonly pool: pg.Pool) {}

  async add(connectionId: string, scanId: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO websocket_subscriptions (connection_id, scan_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [connectionId, scanId],
    );
  }

  async connectionsFor(scanId: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ connection_id: string }>(
      'SELECT connection_id FROM websocket_subscriptions WHERE scan_id = $1 ORDER BY created_at',
      [scanId],
    );
    return rows.map((r) => r.connection_id);
  }

  async removeConnection(connectionId: string): Promise<void> {
    await this.pool.query('DELETE FROM websocket_subscriptions WHERE connection_id = $1', [connectionId]);
  }
}
