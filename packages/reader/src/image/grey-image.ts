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

/** Image pyramid: level k is the original halved k times. */
export class Pyramid {
  private readonly levels: GreyImage[];

  constructor(base: GreyImage) {
    this.levels = [base];
  }

  /** Level k (scale 1/2^k), built lazily. */
  level(k: number): GreyImage {
    while (this.levels.length <= k) {
      const last = this.levels[this.levels.length - 1];
      if (last.width < 2 || last.height < 2) break;
      this.levels.push(halve(last));
    }
    return this.levels[Math.min(k, this.levels.length - 1)];
  }

  get base(): GreyImage {
    return this.levels[0];
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
