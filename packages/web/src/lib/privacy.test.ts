import { describe, expect, it } from 'vitest';
import { formatHours, privacyStatement } from './privacy';

describe('the privacy statement', () => {
  it('says how long the photo and the details are kept, as this deployment keeps them', () => {
    expect(privacyStatement({ imageRetentionHours: 24, resultRetentionHours: 720 })).toBe(
      'Your photo is uploaded to our server to be read: the photo is deleted after 24 hours, the details read from it after 30 days. Delete removes both at once.',
    );
    expect(privacyStatement({ imageRetentionHours: 1, resultRetentionHours: 0 })).toBe(
      'Your photo is uploaded to our server to be read: the photo is deleted after 1 hour, the details read from it are kept until you delete them. Delete removes both at once.',
    );
  });

  it('says only what holds everywhere until the server has told its retention', () => {
    expect(privacyStatement(null)).toContain('uploaded to our server');
    expect(privacyStatement(null)).not.toMatch(/\d/);
  });

  it('says nothing is uploaded while the page reads on the device', () => {
    expect(privacyStatement({ imageRetentionHours: 24, resultRetentionHours: 720 }, 'device')).toBe(
      'Reading on this device: your photo is read here and never uploaded, and nothing is kept on our server.',
    );
  });

  it('counts whole days as days', () => {
    expect(formatHours(24)).toBe('24 hours');
    expect(formatHours(48)).toBe('2 days');
    expect(formatHours(36)).toBe('36 hours');
  });
});
