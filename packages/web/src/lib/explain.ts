import { ACCEPTED_IMAGE_TYPES_TEXT } from '@passport-reader/contract/images';
import { MAX_UPLOAD_BYTES } from './constants';
import { formatBytes } from './format';
import type { ErrorCode } from '@passport-reader/contract';

export interface Explanation {
  title: string;
  advice: string;
}

const EXPLANATIONS: Partial<Record<ErrorCode, Explanation>> = {
  NO_MRZ: {
    title: "We couldn't find the code on this photo",
    advice:
      "We couldn't find the two or three lines of characters at the bottom of the photo page — retake the photo flat, in focus and without glare.",
  },
  UNREADABLE_IMAGE: {
    title: "We couldn't open this photo",
    advice:
      'The file seems damaged or is not a complete image. Take the photo again, or choose another copy of it.',
  },
  UNSUPPORTED_TYPE: {
    title: "This kind of file isn't supported",
    advice: `Please choose a photo in ${ACCEPTED_IMAGE_TYPES_TEXT} format.`,
  },
  EMPTY_FILE: {
    title: 'This file is empty',
    advice: 'Please choose the photo again, or take a new one.',
  },
  IMAGE_NOT_FOUND: {
    title: 'Your photo is no longer here',
    advice: 'It was deleted or kept past its retention time. Please upload it again.',
  },
  PROCESSING_FAILED: {
    title: 'Something went wrong on our side',
    advice: "We couldn't finish reading this photo. Please try again in a moment.",
  },
};

function tooLarge(maxUploadBytes: number): Explanation {
  return {
    title: 'This photo is too large',
    advice: `Photos can be up to ${formatBytes(maxUploadBytes)}. Please choose a smaller photo, or take it again at a lower resolution.`,
  };
}

/** The explanation shown when a read did not succeed, in words a traveller understands. */
export function explainError(
  code: string | null | undefined,
  maxUploadBytes: number = MAX_UPLOAD_BYTES,
): Explanation {
  if (code === 'TOO_LARGE') return tooLarge(maxUploadBytes);
  return (
    (code && EXPLANATIONS[code as ErrorCode]) || {
      title: 'Something went wrong',
      advice: "We couldn't read this photo. Please try again in a moment, or with another photo.",
    }
  );
}
