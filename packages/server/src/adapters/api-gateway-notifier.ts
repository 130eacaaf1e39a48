import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { isFinished, type SocketMessage } from '@passport-reader/contract';
import { messagesFor } from '../realtime/socket-messages.js';
import type { Logger } from 'pino';
import type { Notifier, ScanEvent, ScanRepository } from '../ports.js';
import { toScanView, type ScanView } from '../scans/scan-view.js';
import type { WebSocketSubscriptions } from './postgres-websocket-subscriptions.js';

export interface ApiGatewayNotifierOptions {
  /** The WebSocket API's management endpoint: https://{api-id}.execute-api.{region}.amazonaws.com/{stage}. */
  endpoint: string;
  region: string;
  subscriptions: WebSocketSubscriptions;
  scans: ScanRepository;
  log: Logger;
}

function isGone(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'GoneException' || e.$metadata?.httpStatusCode === 410;
}

/**
 * Scan status changes pushed to API Gateway WebSocket connections (AWS deployment): the same messages as
 * the embedded /ws — `{"type":"status"}` on each change, then `{"type":"result","scan":…}` and the
 * connection closed. Connections that are gone (410) are forgotten. Carries no personal data in logs.
 */
export class ApiGatewayNotifier implements Notifier {
  private readonly client: ApiGatewayManagementApiClient;
  private readonly listeners = new Set<(event: ScanEvent) => void>();

  constructor(private readonly options: ApiGatewayNotifierOptions) {
    this.client = new ApiGatewayManagementApiClient({ endpoint: options.endpoint, region: options.region });
  }

  async publish(event: ScanEvent): Promise<void> {
    for (const listener of this.listeners) listener(event);
    const connections = await this.options.subscriptions.connectionsFor(event.scanId);
    if (connections.length === 0) return;
    let view: ScanView | null = null;
    if (isFinished(event.status)) {
      const scan = await this.options.scans.get(event.scanId);
      view = scan ? toScanView(scan) : null;
    }
    await Promise.all(connections.map((id) => this.deliver(id, event, view)));
  }

  /** Sends a scan's current state to one connection (on subscribe), closing it when the scan is finished. */
  async sendCurrent(connectionId: string, view: ScanView): Promise<boolean> {
    return this.deliver(
      connectionId,
      { scanId: view.id, status: view.status },
      isFinished(view.status) ? view : null,
    );
  }

  /** False when the connection is gone. Other delivery errors are logged, never thrown: the result is saved. */
  private async deliver(connectionId: string, event: ScanEvent, view: ScanView | null): Promise<boolean> {
    try {
      for (const message of messagesFor(event.status, view)) await this.post(connectionId, message);
      if (view) {
        await this.options.subscriptions.removeConnection(connectionId);
        await this.client
          .send(new DeleteConnectionCommand({ ConnectionId: connectionId }))
          .catch(() => undefined);
      }
      return true;
    } catch (error) {
      if (isGone(error)) {
        await this.options.subscriptions.removeConnection(connectionId);
        this.options.log.info({ scanId: event.scanId }, 'websocket connection gone; subscription removed');
        return false;
      }
      this.options.log.warn(
        { scanId: event.scanId, err: (error as Error).message?.slice(0, 200) },
        'websocket push failed',
      );
      return true;
    }
  }

  private async post(connectionId: string, message: SocketMessage): Promise<void> {
    await this.client.send(
      new PostToConnectionCommand({
        ConnectionId: connectionId,
        Data: new TextEncoder().encode(JSON.stringify(message)),
      }),
    );
  }

  subscribe(listener: (event: ScanEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
