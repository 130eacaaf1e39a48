/** Why the live camera cannot be used, in words for the person holding the phone. */
export function cameraUnavailableMessage(error: unknown): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'The camera could not be used: permission was refused. You can allow it in the browser’s site settings, or choose a photo instead.';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No camera was found on this device. Choose a photo instead.';
    case 'NotReadableError':
    case 'AbortError':
      return 'The camera is busy in another app, or stopped. Close the other app and try again, or choose a photo instead.';
    default:
      return 'The live camera is not available in this browser. Choose a photo instead.';
  }
}

export const NO_CAMERA_API =
  'The live camera needs a secure (https) page in a current browser. Choose a photo instead.';
