"""Evaluate the exported ONNX model (via onnxruntime if available, else the
PyTorch checkpoint) on synthetic full-line validation sets, split by source pitch.

    /usr/bin/python3 packages/reader/training/evaluate.py [--ckpt /tmp/mrz-ocr-train/best.pt]
"""
import argparse
import json
import os
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import synth  # noqa: E402
from train import MrzCellNet, evaluate  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default="/tmp/mrz-ocr-train/best.pt")
    ap.add_argument("--count", type=int, default=240)
    args = ap.parse_args()
    torch.set_num_threads(2)
    model = MrzCellNet()
    model.load_state_dict(torch.load(args.ckpt))
    model.eval()
    res = {}
    for name, hard, pr in [("clean pitch 9-40", False, None),
                           ("hard all pitches (4.5-40)", True, None),
                           ("hard pitch 4.5-6", True, (4.5, 6.0)),
                           ("hard pitch 6-8", True, (6.0, 8.0)),
                           ("hard pitch 8-14", True, (8.0, 14.0)),
                           ("hard pitch 14-40", True, (14.0, 40.0))]:
        groups = synth.make_full_lines(777 + len(res), args.count, hard, pitch_range=pr)
        c, l = evaluate(model, groups)
        res[name] = dict(char=round(c, 4), line=round(l, 4))
        print(f"{name:28s} char {c * 100:6.2f}%  line {l * 100:6.2f}%", flush=True)
    print(json.dumps(res))


if __name__ == "__main__":
    main()
