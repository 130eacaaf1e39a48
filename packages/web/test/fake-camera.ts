import { writeFile } from 'node:fs/promises';
import sharp from 'sharp';

/** The fake camera's frame size: 1440p, landscape, larger than the live reader reads (1920 px), as a phone's. */
export const FRAME = { width: 2560, height: 1440 };

/**
 * An RGB frame with the photo page where the live view's guide frame is (see src/camera/guide-frame.ts:
 * 90 % of the frame's height, centred), on a grey table; `blur` is a Gaussian sigma in pixels of a
 * 720p frame, so a feed is as blurred whatever FRAME is.
 * The page's tones are pressed into 25–220, as a camera exposes paper, not as a scanner's pure white.
 */
export async function cameraFrame(specimen: string, blur = 0): Promise<Buffer> {
  const pageHeight = Math.round(FRAME.height * 0.9);
  const pageWidth = Math.round((pageHeight * 125) / 88);
  let page = sharp(specimen)
    .resize(pageWidth, pageHeight, { fit: 'contain', background: '#ffffff' })
    .linear(195 / 255, 25);
  if (blur > 0) page = sharp(await page.toBuffer()).blur((blur * FRAME.height) / 720);
  return sharp({
    create: { width: FRAME.width, height: FRAME.height, channels: 3, background: '#5b6472' },
  })
    .composite([
      {
        input: await page.toBuffer(),
        left: Math.round((FRAME.width - pageWidth) / 2),
        top: Math.round((FRAME.height - pageHeight) / 2),
      },
    ])
    .removeAlpha()
    .raw()
    .toBuffer();
}

/** RGB → one I420 frame (BT.601, the range Chromium's fake capture assumes). */
function i420(rgb: Buffer, width: number, height: number): Buffer {
  const y = Buffer.alloc(width * height);
  const u = Buffer.alloc((width / 2) * (height / 2));
  const v = Buffer.alloc((width / 2) * (height / 2));
  for (let i = 0; i < width * height; i++) {
    const [r, g, b] = [rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]];
    y[i] = Math.round(16 + 0.257 * r + 0.504 * g + 0.098 * b);
  }
  for (let row = 0; row < height / 2; row++) {
    for (let col = 0; col < width / 2; col++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dy, dx] of [
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1],
      ]) {
        const p = 3 * ((2 * row + dy) * width + 2 * col + dx);
        r += rgb[p] / 4;
        g += rgb[p + 1] / 4;
        b += rgb[p + 2] / 4;
      }
      const k = row * (width / 2) + col;
      u[k] = Math.round(128 - 0.148 * r - 0.291 * g + 0.439 * b);
      v[k] = Math.round(128 + 0.439 * r - 0.368 * g - 0.071 * b);
    }
  }
  return Buffer.concat([y, u, v]);
}

/**
 * Writes a Y4M video of one still frame for Chromium's --use-file-for-fake-video-capture, which
 * plays it in a loop as the camera.
 */
export async function writeFakeCamera(file: string, rgb: Buffer): Promise<void> {
  const { width, height } = FRAME;
  const header = `YUV4MPEG2 W${width} H${height} F5:1 Ip A1:1 C420jpeg\n`;
  await writeFile(
    file,
    Buffer.concat([Buffer.from(header), Buffer.from('FRAME\n'), i420(rgb, width, height)]),
  );
}
