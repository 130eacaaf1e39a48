import { isFinished, type ScanStatus, type ScanView, type SocketMessage } from '@passport-reader/contract';

/**
 * What a scan's watchers are sent when it reaches `status`, on both deployments (the embedded
 * /ws and the API Gateway WebSocket): the status, and once the scan is finished its whole view,
 * after which the socket is closed. `view` is needed only for a finished status.
 */
export function messagesFor(status: ScanStatus, view: ScanView | null): SocketMessage[] {
  const statusMessage: SocketMessage = { type: 'status', status };
  if (!isFinished(status)) return [statusMessage];
  if (!view) throw new Error('a finished scan is delivered with its view');
  return [statusMessage, { type: 'result', scan: view }];
}
