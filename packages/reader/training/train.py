"""Train the per-cell MRZ line OCR CNN on synthetic data and export ONNX.

    /usr/bin/python3 packages/reader/training/train.py [--steps 5000] [--out packages/reader/models/mrz-ocr.onnx]

Synthetic data only (see synth.py).  Step-budgeted: the LR schedule (warm-up +
cosine) is a function of the step, data come from seeded generators, and the run's
arguments are written beside the model; --max-minutes only caps a slow machine.
"""
import os

# the main process must not busy-wait in OpenMP while the data worker renders
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

NUM_CLASSES = len(synth.ALPHABET)


# ----------------------------------------------------------------------------
# model
# ----------------------------------------------------------------------------
def cbr(cin, cout, k=3):
    return nn.Sequential(nn.Conv2d(cin, cout, k, padding=k // 2, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class Res1d(nn.Module):
    def __init__(self, c, k):
        super().__init__()
        self.conv = nn.Conv1d(c, c, k, padding=k // 2, bias=False)
        self.bn = nn.BatchNorm1d(c)

    def forward(self, x):
        return F.relu(x + self.bn(self.conv(x)))


class MrzCellNet(nn.Module):
    """[B,1,32,16N] -> [B,N,37].  Four 2x2 poolings: height 32->2, x stride 16."""

    def __init__(self, c=(16, 32, 64, 64, 112), hid=160):
        super().__init__()
        self.features = nn.Sequential(
            cbr(1, c[0]), nn.MaxPool2d(2),          # 16 x 8N
            cbr(c[0], c[1]), nn.MaxPool2d(2),       # 8 x 4N
            cbr(c[1], c[2]), cbr(c[2], c[3]), nn.MaxPool2d(2),  # 4 x 2N
            cbr(c[3], c[4]), nn.MaxPool2d(2),       # 2 x N
        )
        self.collapse = nn.Sequential(nn.Conv2d(c[4], hid, (2, 1), bias=False), nn.BatchNorm2d(hid), nn.ReLU(inplace=True))
        self.ctx = nn.Sequential(Res1d(hid, 3), Res1d(hid, 5))
        self.cls = nn.Conv1d(hid, NUM_CLASSES, 1)

    def forward(self, image):
        x = self.features(image)
        x = self.collapse(x)            # [B, hid, 1, N]
        x = x.squeeze(2)                # [B, hid, N]
        x = self.ctx(x)
        x = self.cls(x)                 # [B, 37, N]
        return x.permute(0, 2, 1)       # [B, N, 37]


# ----------------------------------------------------------------------------
# data
# ----------------------------------------------------------------------------
class SynthStream(torch.utils.data.IterableDataset):
    def __init__(self, seed, batch_size, nmin=8, nmax=20, hard_frac=0.8):
        self.seed, self.bs, self.nmin, self.nmax, self.hard_frac = seed, batch_size, nmin, nmax, hard_frac

    def __iter__(self):
        info = torch.utils.data.get_worker_info()
        wid = info.id if info else 0
        r = np.random.default_rng([self.seed, wid])
        while True:
            n = int(r.integers(self.nmin, self.nmax + 1))
            xs, ys = synth.make_batch(r, n, self.bs, hard_frac=self.hard_frac)
            yield torch.from_numpy(xs), torch.from_numpy(ys)


def evaluate(model, groups):
    model.eval()
    chars = correct = lines = lines_ok = 0
    with torch.no_grad():
        for L, (x, y) in groups.items():
            for i in range(0, len(x), 64):
                xb = torch.from_numpy(x[i:i + 64])
                yb = torch.from_numpy(y[i:i + 64])
                pred = model(xb).argmax(-1)
                ok = pred == yb
                chars += ok.numel()
                correct += int(ok.sum())
                lines += ok.shape[0]
                lines_ok += int(ok.all(1).sum())
    model.train()
    return correct / max(chars, 1), lines_ok / max(lines, 1)


def learning_rate(peak, frac):
    """3 % linear warm-up, then cosine down to 2 % of the peak: a function of the step alone."""
    warm = 0.03
    return peak * (frac / warm if frac < warm else 0.5 * (1 + math.cos(math.pi * (frac - warm) / (1 - warm))) * 0.98 + 0.02)


def export_onnx(model, path):
    model.eval()
    dummy = torch.rand(1, 1, 32, 16 * 44)
    torch.onnx.export(model, dummy, path, input_names=["image"], output_names=["logits"],
                      dynamic_axes={"image": {0: "B", 3: "W"}, "logits": {0: "B", 1: "N"}},
                      opset_version=13, do_constant_folding=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=5000, help="the step budget; the schedule is a function of the step")
    ap.add_argument("--max-minutes", type=float, default=90.0, help="wall-time cap only, in case the machine is slow")
    ap.add_argument("--batch", type=int, default=48)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--workdir", default="/tmp/mrz-ocr-train")
    ap.add_argument("--out", default=os.path.join(HERE, "..", "models", "mrz-ocr.onnx"))
    ap.add_argument("--val-hard", type=int, default=360)
    ap.add_argument("--val-clean", type=int, default=240)
    ap.add_argument("--eval-every", type=float, default=240.0, help="seconds")
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--init", help="state dict (.pt) to continue training from, e.g. with a lower --lr")
    args = ap.parse_args()

    torch.set_num_threads(2)
    torch.manual_seed(args.seed)
    os.makedirs(args.workdir, exist_ok=True)
    t_start = time.time()

    model = MrzCellNet()
    if args.init:
        model.load_state_dict(torch.load(args.init))
    nparams = sum(p.numel() for p in model.parameters())
    print(f"params: {nparams}", flush=True)

    t0 = time.time()
    val_hard = synth.make_full_lines(10_001, args.val_hard, hard=True)
    val_clean = synth.make_full_lines(20_002, args.val_clean, hard=False)
    print(f"validation sets built in {time.time() - t0:.1f}s", flush=True)

    loader = torch.utils.data.DataLoader(SynthStream(args.seed, args.batch), batch_size=None,
                                         num_workers=1, prefetch_factor=4, persistent_workers=True)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    cap = args.max_minutes * 60.0
    t_train = time.time()
    best = -1.0
    last_eval = time.time()
    step = 0
    seen = 0
    loss_ema = None
    log = []
    ckpt_best = os.path.join(args.workdir, "best.pt")
    for xb, yb in loader:
        el = time.time() - t_train
        frac = step / args.steps
        if frac >= 1.0 or el >= cap:
            break
        lr = learning_rate(args.lr, frac)
        for g in opt.param_groups:
            g["lr"] = lr
        logits = model(xb)
        loss = F.cross_entropy(logits.reshape(-1, NUM_CLASSES), yb.reshape(-1), label_smoothing=0.02)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        step += 1
        seen += xb.shape[0]
        loss_ema = float(loss) if loss_ema is None else 0.98 * loss_ema + 0.02 * float(loss)
        if step % 50 == 0:
            print(f"step {step} t={el / 60:.1f}m lr={lr:.2e} loss={loss_ema:.4f} samples={seen}", flush=True)
        if time.time() - last_eval > args.eval_every:
            hc, hl = evaluate(model, val_hard)
            cc, cl = evaluate(model, val_clean)
            rec = dict(step=step, minutes=round(el / 60, 2), hard_char=hc, hard_line=hl, clean_char=cc, clean_line=cl)
            log.append(rec)
            print("EVAL", json.dumps(rec), flush=True)
            torch.save(model.state_dict(), os.path.join(args.workdir, "last.pt"))
            if hc > best:
                best = hc
                torch.save(model.state_dict(), ckpt_best)
            last_eval = time.time()

    # final evaluation
    hc, hl = evaluate(model, val_hard)
    cc, cl = evaluate(model, val_clean)
    rec = dict(step=step, minutes=round((time.time() - t_train) / 60, 2), hard_char=hc, hard_line=hl, clean_char=cc, clean_line=cl)
    log.append(rec)
    print("EVAL final", json.dumps(rec), flush=True)
    torch.save(model.state_dict(), os.path.join(args.workdir, "last.pt"))
    if hc >= best:
        best = hc
        torch.save(model.state_dict(), ckpt_best)

    model.load_state_dict(torch.load(ckpt_best))
    hc, hl = evaluate(model, val_hard)
    cc, cl = evaluate(model, val_clean)
    final = dict(params=nparams, steps=step, samples=seen, train_minutes=round((time.time() - t_train) / 60, 1),
                 total_minutes=round((time.time() - t_start) / 60, 1),
                 hard_char=hc, hard_line=hl, clean_char=cc, clean_line=cl)
    out = os.path.abspath(args.out)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    export_onnx(model, out)
    final["onnx_bytes"] = os.path.getsize(out)
    with open(os.path.join(args.workdir, "metrics.json"), "w") as f:
        json.dump(dict(final=final, log=log), f, indent=1)
    # the run's arguments beside the model, so the model can be rebuilt from what is recorded
    fonts = [os.path.basename(p) for p, _ in synth.FONT_CHOICES]
    with open(os.path.splitext(out)[0] + ".json", "w") as f:
        json.dump(dict(args=vars(args), fonts=fonts, torch=torch.__version__, numpy=np.__version__, final=final), f, indent=1)
    print("FINAL", json.dumps(final), flush=True)


if __name__ == "__main__":
    main()
