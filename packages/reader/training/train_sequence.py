"""Train the MRZ line sequence model (CTC) on synthetic data and export ONNX.

    /usr/bin/python3 packages/reader/training/train_sequence.py [--steps 4000] [--out packages/reader/models/mrz-sequence.onnx]

The cell model (train.py) reads one character per cell and so needs the reader to know where the
cells are; this one reads a whole line strip as a sequence and needs only its ends roughly and its
pitch within a few per cent: under perspective or curl, where a grid one cell off makes the cell
model read every character after the slip as its neighbour, the sequence model still sees each
glyph once. Same data generator (synth.py, `sequence=True`), same step budget and seeding rules.
"""
import os

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import argparse
import json
import math
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import synth  # noqa: E402
from train import Res1d, cbr, learning_rate  # noqa: E402

NUM_CLASSES = len(synth.ALPHABET)
BLANK = NUM_CLASSES  # the CTC blank is the last of 38 outputs; 0-36 are the alphabet as in the cell model


class DilatedRes1d(Res1d):
    def __init__(self, c, k, dilation):
        super().__init__(c, k)
        self.conv = nn.Conv1d(c, c, k, padding=dilation * (k // 2), dilation=dilation, bias=False)


class MrzSequenceNet(nn.Module):
    """[B,1,32,W] -> [B,W/4,38] frame logits.  Height 32->2 by four poolings, x stride 4."""

    def __init__(self, c=(16, 32, 64, 64, 112), hid=160):
        super().__init__()
        self.features = nn.Sequential(
            cbr(1, c[0]), nn.MaxPool2d(2),                            # 16 x W/2
            cbr(c[0], c[1]), nn.MaxPool2d(2),                         # 8 x W/4
            cbr(c[1], c[2]), cbr(c[2], c[3]), nn.MaxPool2d((2, 1)),   # 4 x W/4
            cbr(c[3], c[4]), nn.MaxPool2d((2, 1)),                    # 2 x W/4
        )
        self.collapse = nn.Sequential(nn.Conv2d(c[4], hid, (2, 1), bias=False), nn.BatchNorm2d(hid), nn.ReLU(inplace=True))
        # about four characters of context either side (a frame is a quarter character)
        self.ctx = nn.Sequential(*(DilatedRes1d(hid, 3, d) for d in (1, 2, 4, 8)))
        self.cls = nn.Conv1d(hid, NUM_CLASSES + 1, 1)

    def forward(self, image):
        x = self.collapse(self.features(image)).squeeze(2)
        return self.cls(self.ctx(x)).permute(0, 2, 1)


class SequenceStream(torch.utils.data.IterableDataset):
    def __init__(self, seed, batch_size, nmin=8, nmax=24):
        self.seed, self.bs, self.nmin, self.nmax = seed, batch_size, nmin, nmax

    def __iter__(self):
        r = np.random.default_rng([self.seed, 0])
        while True:
            n = int(r.integers(self.nmin, self.nmax + 1))
            yield tuple(torch.from_numpy(a) for a in synth.make_sequence_batch(r, n, self.bs))


def greedy(frames):
    out, prev = [], BLANK
    for k in frames:
        if k != prev and k != BLANK:
            out.append(int(k))
        prev = k
    return out


def evaluate(model, samples):
    """Share of lines read exactly by greedy decoding, and of characters where the length is right."""
    model.eval()
    lines_ok = chars = chars_ok = 0
    with torch.no_grad():
        for x, y in samples:
            pred = greedy(model(torch.from_numpy(x)[None, None]).argmax(-1)[0].tolist())
            lines_ok += int(pred == y.tolist())
            if len(pred) == len(y):
                chars_ok += int((np.array(pred) == y).sum())
            chars += len(y)
    model.train()
    return chars_ok / max(chars, 1), lines_ok / max(len(samples), 1)


def export_onnx(model, path):
    model.eval()
    torch.onnx.export(model, torch.rand(1, 1, 32, 16 * 46), path, input_names=["image"], output_names=["logits"],
                      dynamic_axes={"image": {0: "B", 3: "W"}, "logits": {0: "B", 1: "T"}},
                      opset_version=13, do_constant_folding=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=4000)
    ap.add_argument("--max-minutes", type=float, default=90.0, help="wall-time cap only")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--workdir", default="/tmp/mrz-sequence-train")
    ap.add_argument("--out", default=os.path.join(HERE, "..", "models", "mrz-sequence.onnx"))
    ap.add_argument("--val-hard", type=int, default=200)
    ap.add_argument("--val-clean", type=int, default=120)
    ap.add_argument("--eval-every", type=float, default=300.0, help="seconds")
    ap.add_argument("--seed", type=int, default=5151)
    ap.add_argument("--init", help="state dict (.pt) to continue from")
    args = ap.parse_args()

    torch.set_num_threads(2)
    torch.manual_seed(args.seed)
    os.makedirs(args.workdir, exist_ok=True)
    t_start = time.time()
    model = MrzSequenceNet()
    if args.init:
        model.load_state_dict(torch.load(args.init))
    nparams = sum(p.numel() for p in model.parameters())
    print(f"params: {nparams}", flush=True)
    val_hard = synth.make_sequence_lines(30_003, args.val_hard, hard=True)
    val_clean = synth.make_sequence_lines(40_004, args.val_clean, hard=False)

    loader = torch.utils.data.DataLoader(SequenceStream(args.seed, args.batch), batch_size=None,
                                         num_workers=1, prefetch_factor=4, persistent_workers=True)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    ctc = nn.CTCLoss(blank=BLANK, zero_infinity=True)
    t_train = time.time()
    best, last_eval, step, seen, loss_ema, log = -1.0, time.time(), 0, 0, None, []

    def checkpoint(final=False):
        nonlocal best
        hc, hl = evaluate(model, val_hard)
        cc, cl = evaluate(model, val_clean)
        rec = dict(step=step, minutes=round((time.time() - t_train) / 60, 2), hard_char=hc, hard_line=hl,
                   clean_char=cc, clean_line=cl)
        log.append(rec)
        print("EVAL" + (" final" if final else ""), json.dumps(rec), flush=True)
        torch.save(model.state_dict(), os.path.join(args.workdir, "last.pt"))
        if hl + hc > best:
            best = hl + hc
            torch.save(model.state_dict(), os.path.join(args.workdir, "best.pt"))
            export_onnx(model, os.path.join(args.workdir, "best.onnx"))
            model.train()

    for xb, frames, targets, lengths in loader:
        el = time.time() - t_train
        if step >= args.steps or el >= args.max_minutes * 60:
            break
        for g in opt.param_groups:
            g["lr"] = learning_rate(args.lr, step / args.steps)
        logp = F.log_softmax(model(xb), -1).permute(1, 0, 2)  # [T, B, C]
        loss = ctc(logp, targets, frames, lengths)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        opt.step()
        step += 1
        seen += xb.shape[0]
        loss_ema = float(loss) if loss_ema is None else 0.98 * loss_ema + 0.02 * float(loss)
        if step % 50 == 0:
            print(f"step {step} t={el / 60:.1f}m loss={loss_ema:.4f} samples={seen}", flush=True)
        if time.time() - last_eval > args.eval_every:
            checkpoint()
            last_eval = time.time()
    checkpoint(final=True)

    model.load_state_dict(torch.load(os.path.join(args.workdir, "best.pt")))
    hc, hl = evaluate(model, val_hard)
    cc, cl = evaluate(model, val_clean)
    final = dict(params=nparams, steps=step, samples=seen, train_minutes=round((time.time() - t_train) / 60, 1),
                 total_minutes=round((time.time() - t_start) / 60, 1), hard_char=hc, hard_line=hl,
                 clean_char=cc, clean_line=cl)
    out = os.path.abspath(args.out)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    export_onnx(model, out)
    final["onnx_bytes"] = os.path.getsize(out)
    with open(os.path.join(args.workdir, "metrics.json"), "w") as f:
        json.dump(dict(final=final, log=log), f, indent=1)
    fonts = [os.path.basename(p) for p, _ in synth.FONT_CHOICES]
    with open(os.path.splitext(out)[0] + ".json", "w") as f:
        json.dump(dict(args=vars(args), fonts=fonts, torch=torch.__version__, numpy=np.__version__, final=final), f, indent=1)
    print("FINAL", json.dumps(final), flush=True)


if __name__ == "__main__":
    main()
