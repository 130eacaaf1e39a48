"""Save a grid of 8 synthetic training samples (model input, 2x zoom) with labels.

    /usr/bin/python3 packages/reader/training/samples.py [/tmp/ocr-samples.png]
"""
import os
import sys

import cv2
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import synth  # noqa: E402


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/ocr-samples.png"
    r = np.random.default_rng(int(sys.argv[2]) if len(sys.argv) > 2 else 42)
    rows = []
    for k in range(8):
        n = int(r.integers(8, 21))
        xs, ys = synth.make_batch(r, n, 1)
        txt = "".join(synth.ALPHABET[i] for i in ys[0])
        im = cv2.resize((xs[0, 0] * 255).astype(np.uint8), None, fx=2, fy=2, interpolation=cv2.INTER_NEAREST)
        im = cv2.cvtColor(im, cv2.COLOR_GRAY2BGR)
        for c in range(n + 1):  # cell boundaries (every 16 input px)
            im[:, min(c * 32, im.shape[1] - 1)] = (0, 0, 255)
        pad = np.full((64 + 24, 16 * 20 * 2 + 1, 3), 160, np.uint8)
        pad[:64, :im.shape[1]] = im
        for c, ch in enumerate(txt):
            cv2.putText(pad, ch, (c * 32 + 9, 82), cv2.FONT_HERSHEY_SIMPLEX, 0.6, (255, 0, 0), 1)
        rows.append(pad)
    cv2.imwrite(out, np.concatenate(rows))
    print("wrote", out)


if __name__ == "__main__":
    main()
