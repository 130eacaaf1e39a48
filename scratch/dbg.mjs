import { readFileSync, writeFileSync } from 'node:fs';
import sharp from 'sharp';
const base = '/work/main/packages/reader/dist/';
const { decodeImage } = await import(base + 'image/decode.js');
const { Pyramid } = await import(base + 'image/grey-image.js');
const { findMrzCandidates, COARSE_LEVELS, THOROUGH_LEVELS } = await import(base + 'locate/mrz-candidates.js');
const { findHorizontalLines } = await import(base + 'locate/text-lines.js');
const { inkMask, dropLongRuns, dropSlantedRuns, closeRows } = await import(base + 'locate/ink-mask.js');
const file = process.argv[2]; const lvl = Number(process.argv[3] ?? 1);
const { image } = await decodeImage(readFileSync(file));
const p = new Pyramid(image);
for (const L of [COARSE_LEVELS, THOROUGH_LEVELS]) {
  const groups = findMrzCandidates(p, L);
  console.log('groups', groups.length, groups.slice(0, 4).map(g => g.lines.map(l => [l.cx|0, l.cy|0, (l.end-l.start)|0, l.thickness.toFixed(1)])));
}
const level = p.level(lvl);
const m = closeRows(dropSlantedRuns(dropLongRuns(inkMask(level, 12), 40), 40), 10);
const lines = findHorizontalLines(level, true);
console.log('level', lvl, level.width, level.height, 'lines', lines.length, lines.slice(0,8).map(l => [l.cx|0, l.cy|0, (l.end-l.start)|0, l.thickness.toFixed(1)]));
await sharp(Buffer.from(m.data.map(v => v ? 0 : 255)), { raw: { width: m.width, height: m.height, channels: 1 } }).png().toFile('/tmp/mask.png');
console.log(lines.map(l => [l.cx|0, l.cy|0, (l.end-l.start)|0, l.thickness.toFixed(1), (Math.atan2(l.uy,l.ux)*180/Math.PI).toFixed(1)]));
