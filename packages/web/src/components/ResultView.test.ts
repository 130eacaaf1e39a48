// @vitest-environment jsdom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ScanView as Scan, ReadResult as ScanResult } from '@passport-reader/contract';
import { ResultView } from './ResultView';
import { FailureView } from './FailureView';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const specimen: Scan & { result: ScanResult } = {
  id: 'scan-1',
  status: 'done',
  error: null,
  createdAt: '2026-12-01T12:00:00.000Z',
  completedAt: '2026-12-01T12:00:01.000Z',
  result: {
    format: 'TD3',
    mrz: ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'],
    valid: true,
    checks: {
      documentNumber: true,
      dateOfBirth: true,
      expiryDate: true,
      personalNumber: true,
      composite: true,
    },
    fields: {
      documentCode: 'P',
      issuingState: 'UTO',
      documentNumber: 'L898902C3',
      surname: 'ERIKSSON',
      givenNames: 'ANNA MARIA',
      nationality: 'UTO',
      dateOfBirth: '1974-08-12',
      sex: 'F',
      expiryDate: '2012-04-15',
      personalNumber: 'ZE184226B',
    },
    confidence: 0.97,
    region: { x: 100, y: 800, width: 1000, height: 100, rotation: 0 },
    timingsMs: { total: 60, decode: 10, locate: 5, rectify: 10, recognise: 30, correct: 5 },
  },
};

let container: HTMLDivElement;
let root: Root;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(2026, 4, 10));
  container = document.createElement('div');
  document.body.appendChild(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
  vi.useRealTimers();
});

const text = (testId: string) => container.querySelector(`[data-testid="${testId}"]`)?.textContent;

describe('ResultView', () => {
  it('shows the specimen as a person reads it', () => {
    act(() =>
      root.render(
        createElement(ResultView, { scan: specimen, imageUrl: null, deleting: false, onDelete() {} }),
      ),
    );
    expect(text('holder-name')).toBe('Anna Maria Eriksson');
    expect(text('nationality')).toBe('Utopia (specimen) UTO');
    expect(text('document-type')).toContain('Passport');
    expect(text('document-number')).toBe('L898902C3');
    expect(container.querySelector('[data-testid="date-of-birth"] time')?.getAttribute('datetime')).toBe(
      '1974-08-12',
    );
    expect(text('date-of-birth')).toContain('age 51');
    expect(text('expiry-badge')).toBe('Expired');
    expect(text('sex')).toBe('Female');
    expect(container.querySelector('[data-testid="invalid-notice"]')).toBeNull();
    expect(container.querySelectorAll('[data-state="ok"]')).toHaveLength(5);
  });

  it('warns when check digits fail and marks checks not in the format', () => {
    const scan = {
      ...specimen,
      result: {
        ...specimen.result,
        valid: false,
        checks: { ...specimen.result.checks, composite: false, personalNumber: null },
      },
    };
    act(() =>
      root.render(createElement(ResultView, { scan, imageUrl: null, deleting: false, onDelete() {} })),
    );
    expect(text('invalid-notice')).toContain("We read the code but its check digits don't add up");
    expect(container.querySelector('[data-check="composite"]')?.getAttribute('data-state')).toBe('bad');
    expect(container.querySelector('[data-check="personalNumber"]')?.textContent).toContain(
      'not in this format',
    );
  });

  it('outlines the MRZ region scaled to the image', () => {
    act(() =>
      root.render(
        createElement(ResultView, { scan: specimen, imageUrl: 'blob:x', deleting: false, onDelete() {} }),
      ),
    );
    const img = container.querySelector('img')!;
    Object.defineProperty(img, 'naturalWidth', { value: 2000 });
    Object.defineProperty(img, 'naturalHeight', { value: 1000 });
    act(() => img.dispatchEvent(new Event('load', { bubbles: false })));
    const box = container.querySelector<HTMLElement>('[data-testid="mrz-region"]')!;
    expect(box.style.left).toBe('5%');
    expect(box.style.top).toBe('80%');
    expect(box.style.width).toBe('50%');
    expect(box.style.height).toBe('10%');
  });
});

describe('FailureView', () => {
  it('explains NO_MRZ', () => {
    act(() =>
      root.render(
        createElement(FailureView, {
          error: { code: 'NO_MRZ', message: 'No machine-readable zone was found in the image.' },
          onRetry() {},
        }),
      ),
    );
    expect(text('failure-advice')).toContain("We couldn't find the two or three lines of characters");
  });
});
