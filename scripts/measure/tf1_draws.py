# Monte Carlo reference for the init-aware gradient estimate on TF1 hand-written layers whose weights
# are drawn with a fixed std (tf.random_normal, tf.truncated_normal): the RMS over samples of
# ||dL/dz_k|| / ||g|| per link k, for an isotropic gradient g at the last hidden output and
# x ~ N(0, I). test/analysis/initRecording.test.ts quotes these figures (within 3%).
# Run: /usr/bin/python3 scripts/measure/tf1_draws.py   (torch 1.13, CPU, a few minutes)
import math
import torch


def run(widths, act, wstd, bstd, trials=200, batch=64):
    acts = {'sigmoid': torch.sigmoid, 'relu': torch.relu, 'tanh': torch.tanh}[act]
    ratios = [[] for _ in widths[1:]]
    for _ in range(trials):
        Ws = [torch.randn(a, b) * (s if not callable(s) else s(a)) for (a, b), s in zip(zip(widths, widths[1:]), wstd)]
        bs = [torch.randn(b) * bstd for b in widths[1:]]
        x = torch.randn(batch, widths[0])
        zs, h = [], x
        for W, b in zip(Ws, bs):
            z = (h @ W + b).requires_grad_(True)
            zs.append(z); h = acts(z)
        g = torch.randn_like(h)
        grads = torch.autograd.grad(h, zs, g)
        for k, gz in enumerate(grads):
            ratios[k].append((gz.norm(dim=1) / g.norm(dim=1)))
    return [torch.cat(r).mean().item() for r in ratios], [torch.cat(r).pow(2).mean().sqrt().item() for r in ratios]


def truncated(std):
    # tf.truncated_normal redraws beyond 2 std and does not rescale: the effective std.
    return std * math.sqrt(0.7737413)


if __name__ == '__main__':
    torch.manual_seed(0)
    print('aymericdamien 784-256-256 sigmoid, N(0,1) weights and biases:', run([784, 256, 256], 'sigmoid', [1, 1], 1.0))
    print('3 sigmoid layers 784-256-256-256, N(0,1):', run([784, 256, 256, 256], 'sigmoid', [1, 1, 1], 1.0, trials=100))
    print('4 sigmoid layers, truncated_normal(stddev=0.1), zero bias:', run([784, 256, 256, 256, 256], 'sigmoid', [truncated(0.1)] * 4, 0.0, trials=100))
    print('4 tanh layers, LeCun stds as literals:', run([784, 256, 256, 256, 256], 'tanh', [0.0357, 0.0625, 0.0625, 0.0625], 0.0, trials=100))
