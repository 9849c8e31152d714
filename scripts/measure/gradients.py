"""Gradient attenuation at initialisation, measured in PyTorch.

Produces the reference tables that shared/activations/meanField.ts is tested against
(test/activations/meanField.test.ts):
  test/data/gradients/plain-mlp.json   every scalar activation of the core x 3 initialisations
  test/data/gradients/structured.json  LayerNorm, BatchNorm and residual stacks, a few activations

Plain network (one per activation, initialisation, depth L = 1..MAX_DEPTH, seed):
    x ~ N(0, 1) of shape (BATCH, WIDTH)
    z_1 = Linear_1(x), h_1 = f(z_1), ..., z_L = Linear_L(h_{L-1}), h_L = f(z_L), y = Linear_out(h_L)
every Linear WIDTH -> WIDTH, float64. The backward pass starts from an upstream gradient
dL/dy ~ N(0, 1) (i.i.d. per element: a loss linear in y with random weights), so
dL/dh_L = dL/dy @ W_out.

Measured quantity, for every hidden layer i = 1..L:
    ratio_i = ||dL/dz_i||_F / ||dL/dh_L||_F
Frobenius norms over the whole batch x width: the RMS gradient at the pre-activation of hidden
layer i relative to the RMS gradient arriving at the last hidden activation's output.
ratio_1 covers the whole stack; ratio_L is the last activation alone.

Structured networks (same input, upstream gradient and ratio; "block i" replaces "layer i"):
    layernorm: z_i = Linear_i(h_{i-1}), h_i = f(LayerNorm(z_i))     ratio at z_i
    batchnorm: z_i = Linear_i(h_{i-1}), h_i = f(BatchNorm1d(z_i))   ratio at z_i (training mode:
               batch statistics, as in the first training step)
    residual:  h_i = h_{i-1} + Linear_b(f(Linear_a(h_{i-1}))), h_0 = x   ratio at h_{i-1}
Norm layers have PyTorch's initial affine parameters (weight 1, bias 0) and eps 1e-5.

Per (network, depth, layer) the tables hold the median and quartiles over SEEDS seeds, and
topShare: the median over seeds of max_b ||dL/dz_i[b]||^2 / ||dL/dz_i||^2, the share of the
squared gradient carried by the batch's largest sample (1/BATCH when spread evenly; null when the
gradient is exactly zero). A large share means the batch gradient is set by a few extreme samples.

The depth-L networks of one seed share their first L hidden layers (drawn once, up to MAX_DEPTH)
and differ in the output Linear: each depth is still a correctly distributed draw, and sharing
saves the forward passes.

Activations are evaluated as the core defines them (shared/activations) with default parameters:
torch.nn.functional where PyTorch has the function (rrelu in eval mode, whose slope is the mean
(lower + upper) / 2), the framework variants written out inline.

Run:  /usr/bin/python3 scripts/measure/gradients.py   (about three minutes on one core)
"""

import json
import math
import os
import sys
import time

import torch
import torch.nn.functional as F

WIDTH = 128
BATCH = 256
MAX_DEPTH = 12
SEEDS = list(range(12))
OUT_DIR = os.path.join(os.path.dirname(__file__), "..", "..", "test", "data", "gradients")

# (core id, parameters as the core names them, torch function). Parameters are the core's defaults.
ACTIVATIONS = [
    ("sigmoid", {}, torch.sigmoid),
    ("tanh", {}, torch.tanh),
    ("relu", {}, F.relu),
    ("relu6", {}, F.relu6),
    ("leaky_relu", {"negative_slope": 0.01}, lambda x: F.leaky_relu(x, 0.01)),
    ("prelu", {"weight": 0.25}, lambda x: F.prelu(x, torch.tensor([0.25], dtype=x.dtype))),
    ("rrelu", {"lower": 1 / 8, "upper": 1 / 3}, lambda x: F.rrelu(x, 1 / 8, 1 / 3, training=False)),
    ("elu", {"alpha": 1.0}, lambda x: F.elu(x, 1.0)),
    ("selu", {}, F.selu),
    ("celu", {"alpha": 1.0}, lambda x: F.celu(x, 1.0)),
    ("gelu", {"approximate": "none"}, lambda x: F.gelu(x, approximate="none")),
    ("gelu", {"approximate": "tanh"}, lambda x: F.gelu(x, approximate="tanh")),
    ("silu", {}, F.silu),
    ("mish", {}, F.mish),
    ("softplus", {"beta": 1.0, "threshold": 20.0}, lambda x: F.softplus(x, 1.0, 20.0)),
    ("softsign", {}, F.softsign),
    ("hardsigmoid", {}, F.hardsigmoid),
    ("hardtanh", {"min_val": -1.0, "max_val": 1.0}, lambda x: F.hardtanh(x, -1.0, 1.0)),
    ("hardswish", {}, F.hardswish),
    ("logsigmoid", {}, F.logsigmoid),
    ("tanhshrink", {}, F.tanhshrink),
    ("softshrink", {"lambd": 0.5}, lambda x: F.softshrink(x, 0.5)),
    ("hardshrink", {"lambd": 0.5}, lambda x: F.hardshrink(x, 0.5)),
    ("threshold", {"threshold": 0.0, "value": 0.0}, lambda x: F.threshold(x, 0.0, 0.0)),
    ("identity", {}, lambda x: x),
    ("keras2.hard_sigmoid", {}, lambda x: torch.clamp(0.2 * x + 0.5, 0.0, 1.0)),
    ("gelu_sigmoid", {}, lambda x: x * torch.sigmoid(1.702 * x)),
]

STRUCTURED_ACTIVATIONS = ["relu", "tanh", "sigmoid", "gelu"]


def torch_default(w, b, g):
    # nn.Linear.reset_parameters: kaiming_uniform_(a=sqrt(5)) -> U(+-1/sqrt(fan_in)); bias the same bound.
    bound = 1 / math.sqrt(w.shape[1])
    w.uniform_(-bound, bound, generator=g)
    b.uniform_(-bound, bound, generator=g)


def glorot_uniform(w, b, g):
    # Keras Dense default: glorot_uniform weights, zero bias.
    bound = math.sqrt(6 / (w.shape[0] + w.shape[1]))
    w.uniform_(-bound, bound, generator=g)
    b.zero_()


def he_normal(w, b, g):
    # torch.nn.init.kaiming_normal_(nonlinearity='relu', mode='fan_in'): N(0, 2/fan_in); zero bias.
    w.normal_(0, math.sqrt(2 / w.shape[1]), generator=g)
    b.zero_()


INITS = {
    "torch-default": (torch_default, "weight U(+-1/sqrt(fan_in)) (kaiming_uniform_(a=sqrt(5))), bias U(+-1/sqrt(fan_in))"),
    "glorot-uniform": (glorot_uniform, "weight U(+-sqrt(6/(fan_in+fan_out))), bias 0"),
    "he-normal": (he_normal, "weight N(0, 2/fan_in) (kaiming_normal_), bias 0"),
}
STRUCTURED_INITS = ["torch-default", "he-normal"]


def linear(init, g):
    w = torch.empty(WIDTH, WIDTH)
    b = torch.empty(WIDTH)
    init(w, b, g)
    return w, b


def layer_norm(z):
    return F.layer_norm(z, (WIDTH,), eps=1e-5)


def batch_norm(z):
    return F.batch_norm(z, None, None, training=True, eps=1e-5)


def forward(arch, f, init, g):
    """Runs MAX_DEPTH blocks; returns (tensors the ratios are taken at, block outputs)."""
    x = torch.randn(BATCH, WIDTH, generator=g)
    probes, outputs = [], []
    h = x.requires_grad_(arch == "residual")  # a leaf to differentiate from
    for _ in range(MAX_DEPTH):
        if arch == "residual":
            (wa, ba), (wb, bb) = linear(init, g), linear(init, g)
            probes.append(h)
            h = h + f(h @ wa.T + ba) @ wb.T + bb
        else:
            w, b = linear(init, g)
            z = h @ w.T + b
            if not probes:
                z.requires_grad_(True)
            probes.append(z)
            norm = {"plain": lambda t: t, "layernorm": layer_norm, "batchnorm": batch_norm}[arch]
            h = f(norm(z))
        outputs.append(h)
    return probes, outputs


def measure_seed(arch, f, init, seed):
    """[L-1][i-1] -> (ratio_i, top-sample share) for the depth-L network of this seed."""
    g = torch.Generator().manual_seed(seed)
    probes, outputs = forward(arch, f, init, g)
    rows = []
    for depth in range(1, MAX_DEPTH + 1):
        w_out, _ = linear(init, g)
        grad_y = torch.randn(BATCH, WIDTH, generator=g)
        grad_h = grad_y @ w_out
        grads = torch.autograd.grad(outputs[depth - 1], probes[:depth], grad_outputs=grad_h, retain_graph=True)
        top = grad_h.norm().item()
        row = []
        for gz in grads:
            per_sample = (gz**2).sum(dim=1)
            total = per_sample.sum().item()
            row.append((gz.norm().item() / top, per_sample.max().item() / total if total > 0 else None))
        rows.append(row)
    return rows


def quantile(values, q):
    """Linear-interpolation quantile (numpy's default), q in [0, 1]."""
    s = sorted(values)
    pos = q * (len(s) - 1)
    lo = math.floor(pos)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


def summarise(per_seed, column, q, digits):
    """Quantile q over seeds of one column, as [depth][layer] lists; None where any seed has None."""
    out = []
    for depth in range(1, MAX_DEPTH + 1):
        row = []
        for i in range(depth):
            values = [r[depth - 1][i][column] for r in per_seed]
            defined = [v for v in values if v is not None]
            row.append(float(f"%.{digits}g" % quantile(defined, q)) if len(defined) == len(values) else None)
        out.append(row)
    return out


def measure(arch, f, init):
    per_seed = [measure_seed(arch, f, INITS[init][0], s) for s in SEEDS]
    return {
        "median": summarise(per_seed, 0, 0.5, 5),
        "q25": summarise(per_seed, 0, 0.25, 4),
        "q75": summarise(per_seed, 0, 0.75, 4),
        "topShare": summarise(per_seed, 1, 0.5, 3),
    }


def metadata(description):
    return {
        "description": description,
        "script": "scripts/measure/gradients.py",
        "torch": torch.__version__,
        "dtype": "float64",
        "width": WIDTH,
        "batch": BATCH,
        "seeds": len(SEEDS),
        "maxDepth": MAX_DEPTH,
        "input": "x ~ N(0, 1)",
        "upstream": "dL/dy ~ N(0, 1) through the output Linear",
        "inits": {name: doc for name, (_, doc) in INITS.items()},
        "layout": "median[L-1][i-1]: median over seeds of ratio_i in the depth-L network, i = 1..L; "
        "q25, q75 the quartiles; topShare the median share of the largest sample (see the script)",
    }


def write(name, table):
    with open(os.path.join(OUT_DIR, name), "w") as fh:
        json.dump(table, fh, indent=1)
        fh.write("\n")


def main():
    torch.set_default_dtype(torch.float64)
    torch.set_num_threads(1)
    start = time.time()
    plain = []
    for act_id, params, f in ACTIVATIONS:
        plain.append({"id": act_id, "params": params, "results": {init: measure("plain", f, init) for init in INITS}})
        print(f"plain {act_id} {params}: {time.time() - start:.0f} s", file=sys.stderr)
    write("plain-mlp.json", {
        **metadata("ratio_i = ||dL/dz_i||_F / ||dL/dh_L||_F in a plain float64 MLP of width 128"),
        "activations": plain,
    })
    structured = []
    by_id = {a[0]: a for a in ACTIVATIONS}
    for arch in ["layernorm", "batchnorm", "residual"]:
        for act_id in STRUCTURED_ACTIVATIONS:
            _, params, f = by_id[act_id]
            for init in STRUCTURED_INITS:
                structured.append({"arch": arch, "id": act_id, "params": params, "init": init, **measure(arch, f, init)})
            print(f"{arch} {act_id}: {time.time() - start:.0f} s", file=sys.stderr)
    write("structured.json", {
        **metadata("ratio_i at block i's input (see the script) in LayerNorm, BatchNorm and residual float64 MLPs"),
        "architectures": {
            "layernorm": "z_i = Linear_i(h_{i-1}), h_i = f(LayerNorm(z_i)); ratio at z_i",
            "batchnorm": "z_i = Linear_i(h_{i-1}), h_i = f(BatchNorm1d(z_i)), batch statistics; ratio at z_i",
            "residual": "h_i = h_{i-1} + Linear_b(f(Linear_a(h_{i-1}))), h_0 = x; ratio at h_{i-1}",
        },
        "stacks": structured,
    })


if __name__ == "__main__":
    main()
