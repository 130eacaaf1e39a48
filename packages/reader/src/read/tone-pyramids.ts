import type { DecodedImage, Tone } from '../image/decoded-image.js';
import { Pyramid, sameImage } from '../image/grey-image.js';
import type { Lap } from './stage-clock.js';

/** The photo decoded again in a tone, whole or (with `shrink`) at the size the decoder prefers. */
export type DecodeInTone = (tone: Tone, options?: { shrink?: boolean }) => Promise<DecodedImage>;

/**
 * The photo's pyramids, one per tone, each decoded the first time a search asks for it (at a
 * shrunk size, with the full size loaded only when a finer level is needed); decoding time counts
 * to the decode stage.
 */
export class TonePyramids {
  private readonly pyramids = new Map<Tone, Pyramid | null>();
  readonly size: { width: number; height: number };

  constructor(
    private readonly decode: DecodeInTone,
    private readonly luma: DecodedImage,
    private readonly lap: Lap,
  ) {
    this.size = { width: luma.width, height: luma.height };
    this.pyramids.set('luma', this.pyramidOf(luma, 'luma'));
  }

  /** The image in one tone; null for a tone that shows nothing luma does not (a grey image). */
  async inTone(tone: Tone): Promise<Pyramid | null> {
    if (!this.pyramids.has(tone)) {
      const since = performance.now();
      const other = await this.decode(tone, { shrink: true });
      this.pyramids.set(
        tone,
        this.lap(
          'decode',
          sameImage(other.image, this.luma.image) ? null : this.pyramidOf(other, tone),
          since,
        ),
      );
    }
    return this.pyramids.get(tone)!;
  }

  async loadFull(pyramid: Pyramid): Promise<void> {
    const since = performance.now();
    await pyramid.loadFull();
    this.lap('decode', null, since);
  }

  private pyramidOf(image: DecodedImage, tone: Tone): Pyramid {
    return new Pyramid(
      image.image,
      image.shrunk > 0
        ? {
            ...this.size,
            levels: image.shrunk,
            full: async () => (await this.decode(tone)).image,
          }
        : null,
    );
  }
}
