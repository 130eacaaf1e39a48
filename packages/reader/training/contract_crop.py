"""Prints the model input the training code makes of one straight line of an image, as JSON.

    /usr/bin/python3 packages/reader/training/contract_crop.py IMAGE.png CX_FIRST CY PITCH CELLS

CX_FIRST, CY: the centre of the first character and the line's middle, in pixel-edge coordinates;
PITCH: the distance between character centres; CELLS: the number of characters. The reader's
parity test (packages/reader/test/model-input-parity.test.ts) compares its own crop with this one.
"""
import json
import os
import sys

import cv2
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import synth  # noqa: E402


def main():
    path, cx, cy, pitch, cells = sys.argv[1], *map(float, sys.argv[2:5]), int(sys.argv[5])
    grey = cv2.imread(path, cv2.IMREAD_GRAYSCALE).astype(np.float32)
    height = synth.CROP_HEIGHT_IN_PITCHES * pitch
    crop = synth.crop_resample(grey, cx - pitch / 2, cy - height / 2, cells * pitch, height,
                               synth.CELL_WIDTH * cells, synth.CROP_HEIGHT, area=True)
    json.dump({"width": crop.shape[1], "height": crop.shape[0],
               "values": [round(float(v), 5) for v in synth.normalise(crop).ravel()]}, sys.stdout)


if __name__ == "__main__":
    main()
