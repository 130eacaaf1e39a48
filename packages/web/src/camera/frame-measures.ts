/** A grey image, row-major, one byte a pixel (the camera's guide band, scaled to MEASURE_WIDTH). */
export interface GreyPixels {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

/** The width the band is scaled to before measuring: an MRZ line across it then has a pitch of ~20 px. */
export const MEASURE_WIDTH = 880;

export interface FrameMeasures {
  /** The paper's grey level (the 95th percentile), 0–255: low when the page is in shadow. */
  paper: number;
  /** Share of pixels washed out to white. */
  washedOut: number;
  /** Strongest edges over the contrast: about one over the width of a stroke's edge, in pixels. */
  sharpness: number;
}

/** Below this sharpness the characters' edges spread over more than a quarter of their pitch. */
export const BLURRY_BELOW = 0.22;
/** Paper darker than this leaves too little contrast for the characters. */
export const TOO_DARK_BELOW = 80;
/** When this share of the band is washed out, the page is overexposed as a whole. */
export const OVEREXPOSED_ABOVE = 0.5;
/** A washed-out patch larger than this share of the band (a reflection) hides characters. */
export const GLARE_ABOVE = 0.03;
const WASHED_OUT = 250;

export type Exposure = 'dark' | 'overexposed' | 'glare' | 'good';

/** What the light does to the page: in shadow, washed out as a whole, a reflection on it, or fine. */
export function exposureOf({ paper, washedOut }: FrameMeasures): Exposure {
  if (paper < TOO_DARK_BELOW) return 'dark';
  if (washedOut > OVEREXPOSED_ABOVE) return 'overexposed';
  if (washedOut > GLARE_ABOVE) return 'glare';
  return 'good';
}

/** The paper's level, the washed-out share and the sharpness of a grey image, in one pass and two histograms. */
export function measureFrame({ width, height, data }: GreyPixels): FrameMeasures {
  const levels = new Uint32Array(256);
  const gradients = new Uint32Array(256);
  let washed = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const v = data[i];
      levels[v]++;
      if (v >= WASHED_OUT) washed++;
      if (x + 1 < width && y + 1 < height) {
        gradients[Math.min(255, Math.abs(data[i + 1] - v) + Math.abs(data[i + width] - v))]++;
      }
    }
  }
  const n = width * height;
  if (n === 0) return { paper: 0, washedOut: 0, sharpness: 0 };
  const range = percentile(levels, n, 0.98) - percentile(levels, n, 0.02);
  // The edges of characters are a small share of the band: the strongest 1 % of gradients are theirs.
  const edge = percentile(gradients, Math.max(1, (width - 1) * (height - 1)), 0.99);
  return {
    paper: percentile(levels, n, 0.95),
    washedOut: washed / n,
    sharpness: range > 0 ? Math.min(1, edge / range) : 0,
  };
}

function percentile(histogram: Uint32Array, total: number, share: number): number {
  const target = share * total;
  let seen = 0;
  for (let v = 0; v < histogram.length; v++) {
    seen += histogram[v];
    if (seen >= target) return v;
  }
  return histogram.length - 1;
}

/** Grey (Rec. 601 luma, which is plenty for a hint) from canvas RGBA pixels. */
export function greyOf(rgba: Uint8ClampedArray, width: number, height: number): GreyPixels {
  const data = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < data.length; i++, j += 4) {
    data[i] = (77 * rgba[j] + 150 * rgba[j + 1] + 29 * rgba[j + 2]) >> 8;
  }
  return { width, height, data };
}
