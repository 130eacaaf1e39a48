/** Cell counts a group of lines can have: TD1 is 3×30; TD2/MRV-B are 2×36; TD3/MRV-A are 2×44. */
export const CELLS_FOR_LINES: Readonly<Record<number, readonly number[]>> = { 2: [36, 44], 3: [30] };

/** The shorter two-line length: also what a longer line reads as when its end is hidden. */
export const SHORT_TWO_LINE_CELLS = 36;
/** The longer two-line length. */
export const LONG_TWO_LINE_CELLS = 44;
