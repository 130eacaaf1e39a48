"""Int8 copies of the shipped ONNX models, for the reader's speed (the CPUs have VNNI).

    /usr/bin/python3 packages/reader/training/quantize.py            # both models, seed 6060
    /usr/bin/python3 packages/reader/training/quantize.py --only mrz-ocr --lines 400

Static post-training quantisation in ONNX's QDQ form, which ONNX Runtime fuses into QLinearConv:
each convolution that a ReLU follows (the 2-D stack and the column convolution; they hold ~90% of
the multiply-adds) takes uint8 activations and int8 weights per output channel; the 1-D context
and the classifier stay float, where the residual sums would need their own scales and there is
little time to win. Activation scales come from synthetic training lines (never the benchmark
sets): the 99.99th percentile of each ReLU output over `--lines` of them, clean and hard mixed.
Every quantised input is a ReLU or max-pool output or the image (0..1), so all are non-negative
and zero points are 0. Inference here needs no ONNX Runtime: the graph is run in PyTorch, op by op.
"""
import argparse
import json
import os
import sys

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.join(HERE, "..", "models")
sys.path.insert(0, HERE)
import synth  # noqa: E402


def attrs(node):
    return {a.name: helper.get_attribute_value(a) for a in node.attribute}


def run_graph(model, image):
    """Runs the float graph on a batch; returns every tensor by name."""
    g = model.graph
    env = {i.name: torch.from_numpy(numpy_helper.to_array(i).copy()) for i in g.initializer}
    env[g.input[0].name] = torch.from_numpy(image)
    for n in g.node:
        a = attrs(n)
        x = [env[i] for i in n.input if i]
        if n.op_type == "Conv":
            k = len(a["kernel_shape"])
            pads = a.get("pads", [0] * 2 * k)
            conv = F.conv2d if k == 2 else F.conv1d
            out = conv(x[0], x[1], x[2] if len(x) > 2 else None, stride=a.get("strides", 1),
                       padding=tuple(pads[:k]), dilation=tuple(a.get("dilations", [1] * k)), groups=a.get("group", 1))
            assert pads[:k] == pads[k:], "asymmetric padding"
        elif n.op_type == "Relu":
            out = torch.relu(x[0])
        elif n.op_type == "MaxPool":
            out = F.max_pool2d(x[0], a["kernel_shape"], a.get("strides"))
        elif n.op_type == "Constant":
            out = torch.from_numpy(numpy_helper.to_array(a["value"]).copy())
        elif n.op_type == "Squeeze":
            out = x[0].squeeze(int(x[1].reshape(-1)[0]))
        elif n.op_type == "Add":
            out = x[0] + x[1]
        elif n.op_type == "Transpose":
            out = x[0].permute(*a["perm"])
        else:
            raise ValueError(f"op {n.op_type} not handled")
        env[n.output[0]] = out
    return env


def calibration_batches(name, lines, seed):
    if name == "mrz-ocr":
        for hard in (False, True):
            for _, (xs, _) in synth.make_full_lines(seed + hard, lines // 2, hard).items():
                yield xs.astype(np.float32)
    else:
        for hard in (False, True):
            for x, _ in synth.make_sequence_lines(seed + hard, lines // 2, hard):
                yield x[None, None].astype(np.float32)


def quantise(name, lines, seed, models=MODELS):
    src = os.path.join(models, f"{name}.onnx")
    model = onnx.load(src)
    g = model.graph
    consumers = {}
    for n in g.node:
        for i in n.input:
            consumers.setdefault(i, []).append(n)
    producer = {o: n for n in g.node for o in n.output}
    # convolutions a ReLU follows, and the ReLU after each
    quantised = []
    for n in g.node:
        if n.op_type != "Conv":
            continue
        after = consumers.get(n.output[0], [])
        if len(after) == 1 and after[0].op_type == "Relu":
            quantised.append((n, after[0]))
    # tensors given uint8 copies: every quantised convolution's input and the ReLU after it; a
    # max-pool between two of them keeps the scale of its input
    need = set()
    for conv, relu in quantised:
        need.add(conv.input[0])
        need.add(relu.output[0])

    torch.set_num_threads(2)
    # the percentiles are taken over a random sample of each tensor: seeded, so a run repeats
    generator = torch.Generator().manual_seed(seed)
    samples = {t: [] for t in need}
    with torch.no_grad():
        for batch in calibration_batches(name, lines, seed):
            env = run_graph(model, batch)
            for t in need:
                v = env[t].flatten()
                samples[t].append(v[torch.randperm(v.numel(), generator=generator)[:20000]].numpy())
    scale = {}
    for t in need:
        values = np.concatenate(samples[t])
        assert values.min() >= 0, f"{t} takes negative values"
        scale[t] = float(max(np.percentile(values, 99.99), 1e-6) / 255.0)
    image = g.input[0].name
    scale[image] = 1.0 / 255.0
    for t in list(need):
        p = producer.get(t)
        if p is not None and p.op_type == "MaxPool":
            scale[t] = scale[p.input[0]]

    inits = {i.name: i for i in g.initializer}
    new_inits, nodes = [], []
    renamed = {}

    def qdq(t):
        s, z, q, d = f"{t}_scale", f"{t}_zero", f"{t}_q", f"{t}_dq"
        new_inits.append(numpy_helper.from_array(np.array(scale[t], np.float32), s))
        new_inits.append(numpy_helper.from_array(np.array(0, np.uint8), z))
        renamed[t] = d
        return [helper.make_node("QuantizeLinear", [t, s, z], [q]), helper.make_node("DequantizeLinear", [q, s, z], [d])]

    if image in need:
        nodes += qdq(image)
    convs = {conv.name or conv.output[0]: conv for conv, _ in quantised}
    for n in g.node:
        inputs = [renamed.get(i, i) for i in n.input]
        key = n.name or n.output[0]
        if n.op_type == "Conv" and key in convs:
            w = numpy_helper.to_array(inits[n.input[1]])
            b = numpy_helper.to_array(inits[n.input[2]])
            ws = np.maximum(np.abs(w).reshape(w.shape[0], -1).max(axis=1), 1e-12) / 127.0
            wq = np.clip(np.round(w / ws.reshape((-1,) + (1,) * (w.ndim - 1))), -127, 127).astype(np.int8)
            bs = (scale[n.input[0]] * ws).astype(np.float32)
            bq = np.round(b / bs).astype(np.int32)
            wn, bn = n.input[1], n.input[2]
            new_inits += [numpy_helper.from_array(wq, f"{wn}_q"), numpy_helper.from_array(ws.astype(np.float32), f"{wn}_scale"),
                          numpy_helper.from_array(np.zeros(len(ws), np.int8), f"{wn}_zero"),
                          numpy_helper.from_array(bq, f"{bn}_q"), numpy_helper.from_array(bs, f"{bn}_scale"),
                          numpy_helper.from_array(np.zeros(len(bs), np.int32), f"{bn}_zero")]
            nodes.append(helper.make_node("DequantizeLinear", [f"{wn}_q", f"{wn}_scale", f"{wn}_zero"], [f"{wn}_dq"], axis=0))
            nodes.append(helper.make_node("DequantizeLinear", [f"{bn}_q", f"{bn}_scale", f"{bn}_zero"], [f"{bn}_dq"], axis=0))
            inputs = [inputs[0], f"{wn}_dq", f"{bn}_dq"]
        copy = helper.make_node(n.op_type, inputs, list(n.output), name=n.name)
        copy.attribute.extend(n.attribute)
        nodes.append(copy)
        for o in n.output:
            if o in need:
                nodes += qdq(o)
    dropped = {conv.input[i] for conv, _ in quantised for i in (1, 2)}
    del g.node[:]
    g.node.extend(nodes)
    kept = [i for i in g.initializer if i.name not in dropped]
    del g.initializer[:]
    g.initializer.extend(kept + new_inits)
    onnx.checker.check_model(model)
    out = os.path.join(models, f"{name}.int8.onnx")
    onnx.save(model, out)
    return out, len(quantised)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", choices=["mrz-ocr", "mrz-sequence"])
    ap.add_argument("--lines", type=int, default=400, help="calibration lines per model, half clean, half hard")
    ap.add_argument("--seed", type=int, default=6060)
    ap.add_argument("--models", default=MODELS, help="folder holding NAME.onnx; the int8 copies are written beside")
    a = ap.parse_args()
    for name in [a.only] if a.only else ["mrz-ocr", "mrz-sequence"]:
        out, count = quantise(name, a.lines, a.seed, a.models)
        args = {k: v for k, v in vars(a).items() if k != "models"}
        with open(os.path.join(a.models, f"{name}.int8.json"), "w") as f:
            json.dump({"from": f"{name}.onnx", "args": args, "quantised_convolutions": count,
                       "onnx_bytes": os.path.getsize(out)}, f, indent=2)
            f.write("\n")
        print(f"{out}: {count} convolutions int8, {os.path.getsize(out)} bytes", flush=True)


if __name__ == "__main__":
    main()
