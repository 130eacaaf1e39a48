import { IMAGE_TYPES, type AcceptedImageType } from '@passport-reader/contract/images';

/** GIF the reader decodes (a still) where the service refuses it; PDF is only told apart, to refuse it. */
const IMAGE_TYPES_ONLY_THE_CLI_READS = { gif: ['.gif'], pdf: ['.pdf'] } as const;

/** Image container types recognised from their leading bytes (never from names or headers). */
export type ImageType = AcceptedImageType | keyof typeof IMAGE_TYPES_ONLY_THE_CLI_READS;

/** File-name endings of each type: only for picking images out of a folder, never to decide a type. */
export const FILE_EXTENSIONS: Record<ImageType, readonly string[]> = {
  jpeg: IMAGE_TYPES.jpeg.extensions,
  png: IMAGE_TYPES.png.extensions,
  webp: IMAGE_TYPES.webp.extensions,
  tiff: IMAGE_TYPES.tiff.extensions,
  heic: IMAGE_TYPES.heic.extensions,
  avif: IMAGE_TYPES.avif.extensions,
  ...IMAGE_TYPES_ONLY_THE_CLI_READS,
};

const ascii = (bytes: Uint8Array, start: number, end: number): string =>
  String.fromCharCode(...bytes.subarray(start, end));

export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && ascii(bytes, 1, 4) === 'PNG' && bytes[0] === 0x89) return 'png';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  if (bytes.length >= 4) {
    const head = ascii(bytes, 0, 4);
    if (head === 'II*\0' || head === 'MM\0*') return 'tiff';
    if (head === 'GIF8') return 'gif';
    if (head === '%PDF') return 'pdf';
  }
  if (bytes.length >= 12 && ascii(bytes, 4, 8) === 'ftyp') {
    const brand = ascii(bytes, 8, 12);
    if (brand === 'avif' || brand === 'avis') return 'avif';
    if (['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'].includes(brand)) return 'heic';
  }
  return null;
}
