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
        createElement(ResultView, {
          scan: specimen,
          imageUrl: null,
          deleting: false,
          onDelete() {},
          onRetake() {},
        }),
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
    expect(container.querySelector('[data-testid="unreliable-notice"]')).toBeNull();
    expect(container.querySelectorAll('[data-uncertain]')).toHaveLength(0);
    expect(container.querySelector('[aria-label="Copy document number"]')).not.toBeNull();
    expect(container.querySelectorAll('[data-state="ok"]')).toHaveLength(5);
  });

  it('leads an unreliable result with what went wrong, not the name, and marks the doubtful fields', () => {
    const scan = {
      ...specimen,
      result: {
        ...specimen.result,
        valid: false,
        checks: { ...specimen.result.checks, expiryDate: false, composite: false, personalNumber: null },
        fieldConfidence: {
          name: { min: 0.55, checked: false },
          nationality: { min: 0.98, checked: false },
          expiryDate: { min: 0.9, checked: true },
        },
        diagnostics: {
          located: true,
          pitchPx: 6,
          blur: 0.25,
          glare: 0,
          skewDegrees: 0,
          perspective: 1,
          cutAtEdge: false,
          hints: ['TOO_SMALL' as const, 'BLURRY' as const],
        },
      },
    };
    let retakes = 0;
    act(() =>
      root.render(
        createElement(ResultView, {
          scan,
          imageUrl: null,
          deleting: false,
          onDelete() {},
          onRetake: () => void retakes++,
        }),
      ),
    );
    expect(text('holder-name')).toBe("We couldn't read this reliably");
    expect(text('unreliable-notice')).toContain('The characters are too small in the photo to read.');
    expect(text('unreliable-notice')).toContain('The photo is blurred.');
    expect(text('name')).toBe('Anna Maria Eriksson');
    expect(text('uncertain-name')).toBe('⚠ may be misread');
    expect(text('uncertain-expiry-date')).toBe('⚠ may be misread');
    expect(container.querySelector('[data-testid="uncertain-nationality"]')).toBeNull();
    // no badge from a date in doubt, no copying of values in doubt
    expect(container.querySelector('[data-testid="expiry-badge"]')).toBeNull();
    expect(container.querySelector('.copy-button')).toBeNull();
    expect(container.querySelector('[data-check="composite"]')?.getAttribute('data-state')).toBe('bad');
    expect(container.querySelector('[data-check="personalNumber"]')?.textContent).toContain(
      'not in this format',
    );
    const retake = [...container.querySelectorAll('button')].find((b) => b.textContent === 'Retake')!;
    act(() => retake.click());
    expect(retakes).toBe(1);
  });

  it('outlines the MRZ region scaled to the image', () => {
    act(() =>
      root.render(
        createElement(ResultView, {
          scan: specimen,
          imageUrl: 'blob:x',
          deleting: false,
          onDelete() {},
          onRetake() {},
        }),
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
          onRetake() {},
        }),
      ),
    );
    expect(text('failure-advice')).toContain("We couldn't find the two or three lines of characters");
  });

  it('gives the reader’s specific advice when it knows why', () => {
    act(() =>
      root.render(
        createElement(FailureView, {
          error: {
            code: 'NO_MRZ',
            message: 'The machine-readable zone is cut off at the edge of the image.',
            diagnostics: {
              located: true,
              pitchPx: 10,
              blur: 0.1,
              glare: 0.3,
              skewDegrees: 0,
              perspective: 1,
              cutAtEdge: true,
              hints: ['CUT_OFF', 'GLARE'],
            },
          },
          onRetake() {},
        }),
      ),
    );
    const advice = text('failure-advice')!;
    expect(advice).toContain('The lines of characters run off the edge of the photo.');
    expect(advice).toContain('Turn the flash off');
    expect(advice).not.toContain("We couldn't find the two or three lines");
  });
});
