/** A rectangle in the video's own pixels. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** An ID-3 (passport) page is 125 × 88 mm; ID cards (85.6 × 54 mm) fit the same frame, smaller. */
const PAGE_ASPECT = 125 / 88;
/** The share of the frame the guide takes on its limiting side, leaving room to aim. */
const FILL = 0.9;
/** The MRZ's share of the page's height from the bottom edge (two lines of OCR-B and their margin). */
const MRZ_BAND = 0.3;

/** Where the guide for the photo page sits in a video of this size, and its MRZ band. */
export function guideFrame(videoWidth: number, videoHeight: number): { page: Rect; band: Rect } {
  const width = Math.min(FILL * videoWidth, FILL * videoHeight * PAGE_ASPECT);
  const height = width / PAGE_ASPECT;
  const page = { x: (videoWidth - width) / 2, y: (videoHeight - height) / 2, width, height };
  const bandHeight = height * MRZ_BAND;
  return { page, band: { x: page.x, y: page.y + height - bandHeight, width, height: bandHeight } };
}

/** A rectangle as CSS percentages of the video's box, for an overlay drawn over the video. */
export function asPercentages(rect: Rect, videoWidth: number, videoHeight: number) {
  return {
    left: `${(100 * rect.x) / videoWidth}%`,
    top: `${(100 * rect.y) / videoHeight}%`,
    width: `${(100 * rect.width) / videoWidth}%`,
    height: `${(100 * rect.height) / videoHeight}%`,
  };
}
