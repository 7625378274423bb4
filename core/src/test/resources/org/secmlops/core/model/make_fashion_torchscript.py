#!/usr/bin/env python3
"""Writes the evaluation benchmark's Fashion-MNIST nets as TorchScript (used by FashionMnistBenchmark).

    /usr/bin/python3 make_fashion_torchscript.py mlp|cnn WEIGHTS.txt OUT.pt

WEIGHTS.txt holds one tensor per line, "name v1 v2 ...", as FashionNets writes them (random but fixed weights).
mlp: logits = relu(x @ w1 + b1) @ w2 + b2, x of shape [N, 784].
cnn: conv 3x3 (8 filters, k [8, 1, 3, 3], bias kb) -> relu -> max-pool 2 -> flatten -> @ wd [1352, 10] + bd,
     x of shape [N, 1, 28, 28].
"""
import sys

import torch

SHAPES = {
    "mlp": {"w1": (784, 128), "b1": (128,), "w2": (128, 10), "b2": (10,)},
    "cnn": {"k": (8, 1, 3, 3), "kb": (8,), "wd": (1352, 10), "bd": (10,)},
}


class Mlp(torch.nn.Module):
    def __init__(self, w):
        super().__init__()
        for name, value in w.items():
            self.register_buffer(name, value)

    def forward(self, x):
        return torch.relu(x @ self.w1 + self.b1) @ self.w2 + self.b2


class Cnn(torch.nn.Module):
    def __init__(self, w):
        super().__init__()
        for name, value in w.items():
            self.register_buffer(name, value)

    def forward(self, x):
        h = torch.nn.functional.max_pool2d(torch.relu(torch.nn.functional.conv2d(x, self.k, self.kb)), 2)
        return torch.flatten(h, 1) @ self.wd + self.bd


def main():
    net, weights_file, out = sys.argv[1], sys.argv[2], sys.argv[3]
    weights = {}
    with open(weights_file) as f:
        for line in f:
            if line.strip():
                name, *values = line.split()
                weights[name] = torch.tensor([float(v) for v in values], dtype=torch.float32).reshape(
                    SHAPES[net][name])
    module = (Mlp if net == "mlp" else Cnn)(weights).eval()
    torch.jit.script(module).save(out)


if __name__ == "__main__":
    main()
