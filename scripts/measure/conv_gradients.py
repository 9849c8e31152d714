"""Gradient attenuation at initialisation through plain conv stacks, measured in PyTorch.

Produces test/data/gradients/conv.json, the table server/analysis/stackGradient.ts's conv
estimate (the dense mean-field model with fan_in = C_in * k^2) is tested against
(test/analysis/convGradient.test.ts).

Plain conv network (one per shape, activation, initialisation, depth L = 1..MAX_DEPTH, seed):
    x ~ N(0, 1) of shape (BATCH, C_in, SIZE, SIZE)
    z_1 = Conv_1(x), h_1 = f(z_1), ..., z_L = Conv_L(h_{L-1}), h_L = f(z_L), y = Conv_out(h_L)
Conv_1 C_in -> C, every other Conv2d C -> C, kernel KERNEL x KERNEL, stride 1, 'same' zero
padding, float64; (C_in, C) from SHAPES.
The backward pass starts from an upstream gradient dL/dy ~ N(0, 1) (i.i.d. per element), so
dL/dh_L = Conv_out^T(dL/dy).

Measured quantity, for every hidden layer i = 1..L, as in scripts/measure/gradients.py:
    ratio_i = ||dL/dz_i||_F / ||dL/dh_L||_F
Frobenius norms over the whole batch x channels x positions; ratio_1 covers the whole stack.
The tables hold the median and quartiles over SEEDS seeds per (network, depth, layer).

Initialisations (fan_in = in-channels * KERNEL^2, fan_out = out-channels * KERNEL^2, as the frameworks count):
    torch-default  nn.Conv2d.reset_parameters: weight U(+-1/sqrt(fan_in)), bias U(+-1/sqrt(fan_in))
    glorot-uniform Keras Conv2D default: weight U(+-sqrt(6/(fan_in+fan_out))), bias 0
    he-normal      kaiming_normal_(nonlinearity='relu'): N(0, 2/fan_in), bias 0

The depth-L networks of one seed share their first L convs and differ in the output conv.

"dcgan": the discriminator of pytorch/examples dcgan (test/fixtures/python/ACT010/positive/
dcgan_discriminator.py: stride-2 4x4 convs without bias, BatchNorm2d in training mode, LeakyReLU(0.2),
a 4x4 conv to one channel and a sigmoid) at PyTorch's default init, on x ~ N(0, 1) of shape
(BATCH, 3, 64, 64), with dL/d(sigmoid output) ~ N(0, 1): ratio at every activation's input
relative to the sigmoid's output, the median over SEEDS.

Run:  /usr/bin/python3 scripts/measure/conv_gradients.py   (about two minutes on one core)
      /usr/bin/python3 scripts/measure/conv_gradients.py circular   prints the table with circular
      padding (no borders) instead of writing it: what the borders contribute to a deviation.
"""

import json
import math
import os
import sys
import time

import torch
import torch.nn.functional as F

from gradients import quantile  # the dense-stack measurement beside this script

SHAPES = [(8, 8), (16, 16), (32, 32), (3, 16)]  # (C_in of the first conv, C of every other)
SIZE = 16
KERNEL = 3
BATCH = 16
MAX_DEPTH = 6
SEEDS = list(range(12))
PADDING = sys.argv[1] if len(sys.argv) > 1 else "zeros"  # "circular": no borders (a diagnostic, not the table)
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "test", "data", "gradients", "conv.json")

ACTIVATIONS = [("sigmoid", torch.sigmoid), ("tanh", torch.tanh), ("relu", F.relu)]


def fans(w):
    # torch.nn.init._calculate_fan_in_and_fan_out for a conv weight (out, in, k, k).
    taps = w.shape[2] * w.shape[3]
    return w.shape[1] * taps, w.shape[0] * taps


def torch_default(w, b, g):
    bound = 1 / math.sqrt(fans(w)[0])
    w.uniform_(-bound, bound, generator=g)
    b.uniform_(-bound, bound, generator=g)


def glorot_uniform(w, b, g):
    bound = math.sqrt(6 / sum(fans(w)))
    w.uniform_(-bound, bound, generator=g)
    b.zero_()


def he_normal(w, b, g):
    w.normal_(0, math.sqrt(2 / fans(w)[0]), generator=g)
    b.zero_()


INITS = {"torch-default": torch_default, "glorot-uniform": glorot_uniform, "he-normal": he_normal}


def conv_params(init, g, c_in, c_out):
    w = torch.empty(c_out, c_in, KERNEL, KERNEL)
    b = torch.empty(c_out)
    init(w, b, g)
    return w, b


def conv(h, params):
    w, b = params
    if PADDING == "circular":
        p = KERNEL // 2
        return F.conv2d(F.pad(h, (p, p, p, p), mode="circular"), w, b)
    return F.conv2d(h, w, b, padding=KERNEL // 2)


def measure_seed(shape, f, init, seed):
    """[L-1][i-1] -> ratio_i for the depth-L network of this seed."""
    c_in, c = shape
    g = torch.Generator().manual_seed(seed)
    h = torch.randn(BATCH, c_in, SIZE, SIZE, generator=g)
    probes, outputs = [], []
    for depth in range(MAX_DEPTH):
        z = conv(h, conv_params(init, g, c_in if depth == 0 else c, c))
        if not probes:
            z.requires_grad_(True)
        probes.append(z)
        h = f(z)
        outputs.append(h)
    rows = []
    for depth in range(1, MAX_DEPTH + 1):
        head = conv_params(init, g, c, c)
        hl = outputs[depth - 1]
        y = conv(hl, head)
        grad_y = torch.randn(y.shape, generator=g)
        (grad_h,) = torch.autograd.grad(y, hl, grad_outputs=grad_y, retain_graph=True)
        grads = torch.autograd.grad(hl, probes[:depth], grad_outputs=grad_h, retain_graph=True)
        top = grad_h.norm().item()
        rows.append([gz.norm().item() / top for gz in grads])
    return rows


def dcgan_discriminator():
    ndf = 64
    blocks = [torch.nn.Conv2d(3, ndf, 4, 2, 1, bias=False), torch.nn.LeakyReLU(0.2)]
    for c in (ndf, 2 * ndf, 4 * ndf):
        blocks += [torch.nn.Conv2d(c, 2 * c, 4, 2, 1, bias=False), torch.nn.BatchNorm2d(2 * c), torch.nn.LeakyReLU(0.2)]
    return torch.nn.Sequential(*blocks, torch.nn.Conv2d(8 * ndf, 1, 4, 1, 0, bias=False), torch.nn.Sigmoid())


def measure_dcgan():
    rows = []
    for seed in SEEDS:
        torch.manual_seed(seed)
        net = dcgan_discriminator().train()
        h = torch.randn(BATCH, 3, 64, 64)
        probes = []
        for layer in net:
            if isinstance(layer, (torch.nn.LeakyReLU, torch.nn.Sigmoid)):
                h.retain_grad()
                probes.append(h)
            h = layer(h)
        upstream = torch.randn(h.shape)
        h.backward(upstream)
        rows.append([p.grad.norm().item() / upstream.norm().item() for p in probes])
    return [float("%.5g" % quantile([r[i] for r in rows], 0.5)) for i in range(len(rows[0]))]


def summarise(per_seed, q, digits):
    return [
        [float(f"%.{digits}g" % quantile([r[depth - 1][i] for r in per_seed], q)) for i in range(depth)]
        for depth in range(1, MAX_DEPTH + 1)
    ]


def main():
    torch.set_default_dtype(torch.float64)
    torch.set_num_threads(1)
    start = time.time()
    stacks = []
    for shape in SHAPES:
        for act_id, f in ACTIVATIONS:
            for init_name, init in INITS.items():
                per_seed = [measure_seed(shape, f, init, s) for s in SEEDS]
                stacks.append({
                    "inChannels": shape[0], "channels": shape[1], "id": act_id, "init": init_name,
                    "median": summarise(per_seed, 0.5, 5), "q25": summarise(per_seed, 0.25, 4), "q75": summarise(per_seed, 0.75, 4),
                })
            print(f"{shape} {act_id}: {time.time() - start:.0f} s", file=sys.stderr)
    table = {
        "description": "ratio_i = ||dL/dz_i||_F / ||dL/dh_L||_F in a plain float64 Conv2d stack (see the script)",
        "script": "scripts/measure/conv_gradients.py",
        "torch": torch.__version__,
        "dtype": "float64",
        "size": SIZE, "kernel": KERNEL, "batch": BATCH, "padding": PADDING,
        "seeds": len(SEEDS), "maxDepth": MAX_DEPTH,
        "input": "x ~ N(0, 1)",
        "upstream": "dL/dy ~ N(0, 1) through the output Conv2d",
        "layout": "per stack: inChannels (the first conv's), channels (every other conv's), activation id, init; "
        "median[L-1][i-1]: median over seeds of ratio_i in the depth-L network, i = 1..L; q25, q75 the quartiles",
        "stacks": stacks,
        "dcgan": {"init": "torch-default", "median": measure_dcgan()},
    }
    if PADDING != "zeros":
        json.dump(table, sys.stdout, indent=1)
        return
    with open(OUT, "w") as fh:
        json.dump(table, fh, indent=1)
        fh.write("\n")


if __name__ == "__main__":
    main()
