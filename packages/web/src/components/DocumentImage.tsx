import { useState } from 'react';
import type { MrzRegion } from '@passport-reader/contract';

interface Props {
  src: string;
  region: MrzRegion | null | undefined;
}

/**
 * The chosen photo with the MRZ box outlined. The region is in the image's pixels after EXIF orientation,
 * which is also how the browser shows an <img>; the box is placed in percent of the natural size,
 * so it follows the displayed size without measuring.
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
  return (
    <figure className="document-image">
      <div className="document-image__frame">
        <img
          src={src}
          alt="The photo you chose"
          onLoad={(e) =>
            setNatural({ width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })
          }
          onError={() => setBroken(true)}
        />
        {box && (
          <div className="document-image__region" style={box} data-testid="mrz-region" aria-hidden="true" />
        )}
      </div>
      {box && <figcaption>The outlined area is where we read the code.</figcaption>}
    </figure>
  );
}
