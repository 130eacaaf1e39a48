import type { ScanView } from '@passport-reader/contract';
import { socketMessage } from '@passport-reader/contract';
import { describe, expect, it } from 'vitest';
import { messagesFor } from '../src/realtime/socket-messages.js';

const failed: ScanView = {
  id: '8c2f3a52-4b1e-4c1a-9f7e-2d5b6a7c8d9e',
  status: 'failed',
  result: null,
  error: { code: 'NO_MRZ', message: 'No machine-readable zone was found in the image.' },
  createdAt: '2026-12-01T12:00:00.000Z',
  completedAt: '2026-12-01T12:00:01.000Z',
};

describe('messagesFor (the delivery both WebSocket deployments send)', () => {
  it('an unfinished scan: its status alone', () => {
    expect(messagesFor('processing', null)).toEqual([{ type: 'status', status: 'processing' }]);
  });

  it('a finished scan: its status, then its whole view, each a valid socket message', () => {
    const messages = messagesFor('failed', failed);
    expect(messages).toEqual([
      { type: 'status', status: 'failed' },
      { type: 'result', scan: failed },
    ]);
    for (const message of messages) expect(socketMessage.safeParse(message).success).toBe(true);
  });

  it('refuses to deliver a finished scan without its view', () => {
    expect(() => messagesFor('done', null)).toThrow(/view/);
  });
});
