import { FILLER } from './alphabet.js';

export interface Names {
  surname: string;
  givenNames: string;
}

/** ICAO 9303 part 3, 4.6: primary and secondary identifiers split at the first '<<'. */
export function parseNames(field: string): Names {
  const separator = field.indexOf(FILLER + FILLER);
  if (separator < 0) return { surname: words(field), givenNames: '' };
  return { surname: words(field.slice(0, separator)), givenNames: words(field.slice(separator + 2)) };
}

function words(part: string): string {
  return part
    .split(FILLER)
    .filter((word) => word !== '')
    .join(' ');
}
