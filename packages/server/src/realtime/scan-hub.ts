import { isFinished, type SocketMessage } from '@passport-reader/contract';
import { messagesFor } from './socket-messages.js';
import type { WebSocket } from 'ws';
import type { Notifier, ScanEvent, ScanStatus } from '../ports.js';
import type { ScanView } from '../scans/scan-view.js';

/** Close code for sockets closed because the server shuts down. */
const GOING_AWAY = 1001;
/** A socket that has not answered a ping by the next one is gone (a phone that lost its network). */
const HEARTBEAT_MS = 30_000;

export interface ScanHubLimits {
  /** Sockets that may watch one scan at once (a page needs one; a flood must not pin memory). */
  maxPerScan: number;
  /** Sockets one client address may hold at once, over all scans: a flood must not use up the descriptors. */
  maxPerClient: number;
  /** A socket is closed after this long, finished or not: the client reconnects, or polls. */
  lifetimeMs: number;
}

class ScanSocket {
  private lastStatus: ScanStatus | null = null;
  private finished = false;

  alive = true;

  constructor(readonly socket: WebSocket) {}

  private send(message: SocketMessage, sent?: () => void): void {
    this.socket.send(JSON.stringify(message), sent);
  }

  sendStatus(status: ScanStatus): void {
    if (this.finished || status === this.lastStatus || isFinished(status)) return;
    this.lastStatus = status;
    for (const message of messagesFor(status, null)) this.send(message);
  }

  /** Status (each once), then when finished the result exactly once, then a normal close. */
  deliver(view: ScanView): void {
    if (this.finished) return;
    const messages = messagesFor(view.status, view).filter(
      (m) => m.type === 'result' || view.status !== this.lastStatus,
    );
    this.lastStatus = view.status;
    this.finished = isFinished(view.status);
    messages.forEach((message, i) => {
      const last = this.finished && i === messages.length - 1;
      this.send(message, last ? () => this.socket.close(1000) : undefined);
    });
  }
}

/**
 * Fans scan status changes out to the WebSockets watching each scan. Events come from the Notifier
 * (Postgres LISTEN/NOTIFY), so results produced by any worker process reach this process's sockets.
 */
export class ScanHub {
  private readonly sockets = new Map<string, Set<ScanSocket>>();
  private readonly perClient = new Map<string, number>();
  private readonly unsubscribe: () => void;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    notifier: Notifier,
    private readonly load: (id: string) => Promise<ScanView | null>,
    private readonly limits: ScanHubLimits = { maxPerScan: 8, maxPerClient: 64, lifetimeMs: 600_000 },
  ) {
    this.unsubscribe = notifier.subscribe((event) => void this.onEvent(event));
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Whether another socket may watch this scan from this address (see ScanHubLimits). */
  hasRoomFor(scanId: string, client: string): boolean {
    return (
      (this.sockets.get(scanId)?.size ?? 0) < this.limits.maxPerScan &&
      (this.perClient.get(client) ?? 0) < this.limits.maxPerClient
    );
  }

  private beat(): void {
    for (const set of this.sockets.values()) {
      for (const entry of set) {
        if (!entry.alive) {
          entry.socket.terminate();
          continue;
        }
        entry.alive = false;
        entry.socket.ping();
      }
    }
  }

  get size(): number {
    let n = 0;
    for (const set of this.sockets.values()) n += set.size;
    return n;
  }

  /** Watches a scan whose token was already checked; sends its current state at once. */
  async watch(scanId: string, socket: WebSocket, client: string): Promise<void> {
    const entry = new ScanSocket(socket);
    this.perClient.set(client, (this.perClient.get(client) ?? 0) + 1);
    let set = this.sockets.get(scanId);
    if (!set) this.sockets.set(scanId, (set = new Set()));
    set.add(entry);
    const lifetime = setTimeout(() => socket.close(1000, 'lifetime'), this.limits.lifetimeMs);
    lifetime.unref();
    socket.on('pong', () => (entry.alive = true));
    socket.on('close', () => {
      clearTimeout(lifetime);
      const held = (this.perClient.get(client) ?? 1) - 1;
      if (held > 0) this.perClient.set(client, held);
      else this.perClient.delete(client);
      set.delete(entry);
      if (set.size === 0 && this.sockets.get(scanId) === set) this.sockets.delete(scanId);
    });
    socket.on('error', () => socket.terminate());
    const view = await this.load(scanId);
    if (view) entry.deliver(view);
    else socket.close(1000);
  }

  private async onEvent(event: ScanEvent): Promise<void> {
    const set = this.sockets.get(event.scanId);
    if (!set || set.size === 0) return;
    if (!isFinished(event.status)) {
      for (const entry of set) entry.sendStatus(event.status);
      return;
    }
    const view = await this.load(event.scanId).catch(() => null);
    for (const entry of set) {
      if (view) entry.deliver(view);
      else entry.socket.close(1000);
    }
  }

  close(): void {
    clearInterval(this.heartbeat);
    this.unsubscribe();
    for (const set of this.sockets.values()) for (const entry of set) entry.socket.close(GOING_AWAY);
    this.sockets.clear();
  }
}
