-- Up Migration
-- API Gateway WebSocket (AWS deployment): which connection watches which scan. The embedded service keeps
-- its sockets in memory and does not use this table.
CREATE TABLE websocket_subscriptions (
  connection_id text NOT NULL,
  scan_id uuid NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (connection_id, scan_id)
);
CREATE INDEX websocket_subscriptions_scan ON websocket_subscriptions (scan_id);

-- Down Migration
DROP TABLE websocket_subscriptions;
