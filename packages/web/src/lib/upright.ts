/**
 * Quarter turns counter-clockwise that show a photo upright, from the angle the reader turned it to
 * read the MRZ (`region.rotation`, degrees counter-clockwise); a slight tilt is left as it is.
 */
export function uprightQuarterTurns(rotation: number | null | undefined): 0 | 1 | 2 | 3 {
  if (rotation === null || rotation === undefined || !Number.isFinite(rotation)) return 0;
  return (((Math.round(rotation / 90) % 4) + 4) % 4) as 0 | 1 | 2 | 3;
}
