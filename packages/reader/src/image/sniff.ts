/** Image container types recognised from their leading bytes (never from names or headers). */
export type ImageType = 'jpeg' | 'png' | 'webp' | 'tiff' | 'heic' | 'avif' | 'gif' | 'pdf';

/** File-name endings of each type: only for picking images out of a folder, never to decide a type. */
export const FILE_EXTENSIONS: Record<ImageType, readonly string[]> = {
  jpeg: ['.jpg', '.jpeg', '.jfif'],
  png: ['.png'],
  webp: ['.webp'],
  tiff: ['.tif', '.tiff'],
  heic: ['.heic', '.heif'],
  avif: ['.avif'],
  gif: ['.gif'],
  pdf: ['.pdf'],
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
