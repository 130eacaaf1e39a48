import { FILLER } from './alphabet.js';

export function trimTrailingFillers(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === FILLER) end--;
  return text.slice(0, end);
}

export function trimFillers(text: string): string {
  let start = 0;
  while (start < text.length && text[start] === FILLER) start++;
  return trimTrailingFillers(text.slice(start));
}
