/** An 8-bit single-channel image, row-major. All geometry in the reader works on these. */
export interface GreyImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Halves both dimensions by averaging 2×2 blocks; cheap anti-aliased downscaling for pyramids. */
export function halve(image: GreyImage): GreyImage {
  const width = Math.max(1, image.width >> 1);
  const height = Math.max(1, image.height >> 1);
  const data = new Uint8Array(width * height);
  const src = image.data;
  const sw = image.width;
  for (let y = 0; y < height; y++) {
    const r0 = 2 * y * sw;
    const r1 = Math.min(2 * y + 1, image.height - 1) * sw;
    for (let x = 0; x < width; x++) {
      const x0 = 2 * x;
      const x1 = Math.min(x0 + 1, sw - 1);
      data[y * width + x] = (src[r0 + x0] + src[r0 + x1] + src[r1 + x0] + src[r1 + x1] + 2) >> 2;
    }
  }
  return { width, height, data };
}

/**
 * Whether two images of one size are the same to within rounding (a grey photo in two tones),
 * judged on a sparse sample of pixels.
 */
export function sameImage(a: GreyImage, b: GreyImage): boolean {
  if (a.width !== b.width || a.height !== b.height) return false;
  let diff = 0;
  let n = 0;
  for (let i = 0; i < a.data.length; i += 7, n++) diff += Math.abs(a.data[i] - b.data[i]);
  return diff <= 1.5 * n;
}

/** How much a crop may enlarge the finest decoded level before the original is decoded for it. */
const MAX_STRETCH = 2;

/**
 * Image pyramid: level k is the original halved k times. A large photo may be decoded at a
 * quarter of its size (see image/decode): its two finest levels are then missing until `loadFull`
 * decodes them, which the reader does only where a search or a crop needs them. Coordinates are
 * always the full image's.
 */
export class Pyramid {
  private readonly levels: Array<GreyImage | undefined>;
  private finest: number;

  constructor(
    base: GreyImage,
    /** base is the image halved this many times (decoded shrunk); `full` decodes the original. */
    private readonly shrunk: {
      levels: number;
      width: number;
      height: number;
      full: () => Promise<GreyImage>;
    } | null = null,
  ) {
    this.finest = shrunk?.levels ?? 0;
    this.levels = [];
    this.levels[this.finest] = base;
  }

  /** Width and height of level k, whether or not its pixels are there. */
  size(k: number): { width: number; height: number } {
    let { width, height } = this.shrunk ?? this.levels[0]!;
    for (let i = 0; i < k && width >= 2 && height >= 2; i++) {
      width = Math.max(1, width >> 1);
      height = Math.max(1, height >> 1);
    }
    return { width, height };
  }

  /** The finest level whose pixels are there. */
  get finestLevel(): number {
    return this.finest;
  }

  /** Level k (scale 1/2^k), built lazily; a level finer than finestLevel is not there (see loadFull). */
  level(k: number): GreyImage {
    if (k < this.finest) throw new Error(`pyramid level ${k} is not decoded (finest ${this.finest})`);
    for (let i = this.finest + 1; i <= k; i++) {
      const last = this.levels[i - 1]!;
      if (last.width < 2 || last.height < 2) return last;
      this.levels[i] ??= halve(last);
    }
    return this.levels[k]!;
  }

  /** Level k, or the finest there is when it is finer than that: the level's own index comes with it. */
  levelAtLeast(k: number): { image: GreyImage; level: number } {
    const level = Math.max(k, this.finest);
    return { image: this.level(level), level };
  }

  /**
   * Whether samples `step` base pixels apart would come from a level this pyramid has not decoded
   * and stretch its finest level more than twice (a small MRZ in a large photo).
   */
  coarserThan(step: number): boolean {
    return 2 ** this.finest > MAX_STRETCH * Math.max(step, 1);
  }

  /** Decodes the original, so every level is there. */
  async loadFull(): Promise<void> {
    if (this.finest === 0 || !this.shrunk) return;
    const full = await this.shrunk.full();
    for (let i = 0; i < this.finest; i++) this.levels[i] = i === 0 ? full : halve(this.levels[i - 1]!);
    this.finest = 0;
  }
}

/** Bilinear sample with edge clamping; coordinates in pixel centres' frame. */
export function sampleBilinear(image: GreyImage, x: number, y: number): number {
  const { width, height, data } = image;
  const fx = Math.min(Math.max(x, 0), width - 1);
  const fy = Math.min(Math.max(y, 0), height - 1);
  const x0 = Math.floor(fx);
  const y0 = Math.floor(fy);
  const x1 = Math.min(x0 + 1, width - 1);
  const y1 = Math.min(y0 + 1, height - 1);
  const ax = fx - x0;
  const ay = fy - y0;
  const top = data[y0 * width + x0] * (1 - ax) + data[y0 * width + x1] * ax;
  const bottom = data[y1 * width + x0] * (1 - ax) + data[y1 * width + x1] * ax;
  return top * (1 - ay) + bottom * ay;
}
