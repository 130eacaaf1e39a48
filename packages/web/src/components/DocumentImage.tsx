import { useState, type CSSProperties } from 'react';
import type { MrzRegion } from '@passport-reader/contract';
import { uprightQuarterTurns } from '../lib/upright';

interface Props {
  src: string;
  region: MrzRegion | null | undefined;
}

/** Styles that turn the photo (with its outline) upright; a sideways photo gets a box of its upright shape. */
function uprightStyles(
  turns: 0 | 1 | 2 | 3,
  natural: { width: number; height: number } | null,
): { box?: CSSProperties; frame?: CSSProperties } {
  if (turns === 0 || !natural) return {};
  if (turns === 2) return { frame: { transform: 'rotate(-180deg)' } };
  const { width, height } = natural;
  return {
    box: { position: 'relative', aspectRatio: `${height} / ${width}` },
    frame: {
      position: 'absolute',
      left: '50%',
      top: '50%',
      width: `${(width / height) * 100}%`,
      height: `${(height / width) * 100}%`,
      transform: `translate(-50%, -50%) rotate(${-turns * 90}deg)`,
    },
  };
}

/**
 * The chosen photo with the MRZ box outlined, shown upright: turned as the reader turned it to read
 * the code. The region is in the image's pixels after EXIF orientation, which is also how the browser
 * shows an <img>; the box is placed in percent of the natural size, so it follows the displayed size
 * (and the turn) without measuring.
 */
export function DocumentImage({ src, region }: Props) {
  const [natural, setNatural] = useState<{ width: number; height: number } | null>(null);
  const [broken, setBroken] = useState(false);

  if (broken) {
    return <p className="image-missing">This browser can’t show a preview of this photo (HEIC or TIFF).</p>;
  }
  const box =
    natural && region && region.width > 0 && region.height > 0
      ? {
          left: `${(region.x / natural.width) * 100}%`,
          top: `${(region.y / natural.height) * 100}%`,
          width: `${(region.width / natural.width) * 100}%`,
          height: `${(region.height / natural.height) * 100}%`,
        }
      : null;
  const turns = uprightQuarterTurns(region?.rotation);
  const upright = uprightStyles(turns, natural);
  return (
    <figure className="document-image">
      <div className="document-image__upright" style={upright.box} data-turns={turns}>
        <div className="document-image__frame" style={upright.frame}>
          <img
            src={src}
            alt={turns === 0 ? 'The photo you chose' : 'The photo you chose, turned upright'}
            onLoad={(e) =>
              setNatural({ width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })
            }
            onError={() => setBroken(true)}
          />
          {box && (
            <div className="document-image__region" style={box} data-testid="mrz-region" aria-hidden="true" />
          )}
        </div>
      </div>
      {box && <figcaption>The outlined area is where we read the code.</figcaption>}
    </figure>
  );
}
