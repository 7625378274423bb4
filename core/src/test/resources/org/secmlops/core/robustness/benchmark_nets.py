#!/usr/bin/env python3
"""The thread benchmark's PyTorch side (ThreadBenchmark, docs/benchmarks.md "Threads"); needs Debian's python3-torch.

    /usr/bin/python3 benchmark_nets.py make NET OUT_PREFIX
        writes OUT_PREFIX.pt (TorchScript) and OUT_PREFIX.onnx with fixed random (He-scaled) weights, no biases:
        digits-logreg  [N, 64] -> dense 64-10
        digits-cnn     [N, 1, 8, 8] -> conv 3x3x16 -> ReLU -> conv 3x3x32 -> ReLU -> max-pool 2 -> dense 512-10
        cifar-cnn      [N, 3, 32, 32] -> conv 3x3x32 -> ReLU -> pool 2 -> conv 3x3x64 -> ReLU -> pool 2 -> dense 4096-10
        cifar-resnet   [N, 3, 32, 32] -> conv 3x3x16 -> ReLU -> three residual stages of one basic block (16, 32 and
                       64 filters, the last two with stride 2 and a 1x1 projection) -> global average pool -> dense 64-10
    /usr/bin/python3 benchmark_nets.py time MODEL.pt SHAPE BATCH THREADS SECONDS
        times the model in PyTorch itself: forward without autograd, and forward + backward of the summed
        cross-entropy to the input (what an attack step takes), on one random batch; prints the fastest call of each
        after two warm-up calls, in milliseconds, as "forward=... backward=... threads=... torch=...".
        SHAPE is the sample shape, comma-separated (64 or 1,28,28).
"""
import sys
import time

import torch
import torch.nn.functional as F


def he(*shape):
    fan_in = 1
    for d in shape[1:]:
        fan_in *= d
    return torch.randn(*shape) * (2.0 / fan_in) ** 0.5


class LogReg(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("w", he(10, 64))

    def forward(self, x):
        return x @ self.w.t()


class DigitsCnn(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("k1", he(16, 1, 3, 3))
        self.register_buffer("k2", he(32, 16, 3, 3))
        self.register_buffer("wd", he(10, 512))

    def forward(self, x):
        h = F.relu(F.conv2d(x, self.k1, padding=1))
        h = F.max_pool2d(F.relu(F.conv2d(h, self.k2, padding=1)), 2)
        return torch.flatten(h, 1) @ self.wd.t()


class CifarCnn(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("k1", he(32, 3, 3, 3))
        self.register_buffer("k2", he(64, 32, 3, 3))
        self.register_buffer("wd", he(10, 4096))

    def forward(self, x):
        h = F.max_pool2d(F.relu(F.conv2d(x, self.k1, padding=1)), 2)
        h = F.max_pool2d(F.relu(F.conv2d(h, self.k2, padding=1)), 2)
        return torch.flatten(h, 1) @ self.wd.t()


class Block(torch.nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.stride = stride
        self.register_buffer("a", he(cout, cin, 3, 3) * 0.5)
        self.register_buffer("b", he(cout, cout, 3, 3) * 0.5)
        self.register_buffer("p", he(cout, cin, 1, 1) if stride != 1 else torch.zeros(0))

    def forward(self, x):
        h = F.relu(F.conv2d(x, self.a, stride=self.stride, padding=1))
        h = F.conv2d(h, self.b, padding=1)
        shortcut = F.conv2d(x, self.p, stride=self.stride) if self.stride != 1 else x
        return F.relu(h + shortcut)


class CifarResNet(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("k", he(16, 3, 3, 3))
        self.s1 = Block(16, 16, 1)
        self.s2 = Block(16, 32, 2)
        self.s3 = Block(32, 64, 2)
        self.register_buffer("wd", he(10, 64))

    def forward(self, x):
        h = F.relu(F.conv2d(x, self.k, padding=1))
        h = self.s3(self.s2(self.s1(h)))
        return h.mean(dim=(2, 3)) @ self.wd.t()


NETS = {
    "digits-logreg": (LogReg, (64,)),
    "digits-cnn": (DigitsCnn, (1, 8, 8)),
    "cifar-cnn": (CifarCnn, (3, 32, 32)),
    "cifar-resnet": (CifarResNet, (3, 32, 32)),
}


def make(net, prefix):
    torch.manual_seed(7)
    cls, shape = NETS[net]
    module = cls().eval()
    torch.jit.script(module).save(prefix + ".pt")
    torch.onnx.export(module, torch.rand(1, *shape), prefix + ".onnx", input_names=["x"], output_names=["logits"],
                      dynamic_axes={"x": {0: "batch"}, "logits": {0: "batch"}}, opset_version=13)


def fastest(call, seconds):
    call()
    call()
    best = float("inf")
    end = time.perf_counter() + seconds
    calls = 0
    while calls < 5 or time.perf_counter() < end:
        start = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - start)
        calls += 1
    return best * 1e3


def timing(model_file, shape, batch, threads, seconds):
    torch.set_num_threads(threads)
    model = torch.jit.load(model_file).eval()
    torch.manual_seed(1)
    x = torch.rand(batch, *shape)
    with torch.no_grad():
        labels = model(x).argmax(1)

    def forward():
        with torch.no_grad():
            model(x)

    def backward():
        xi = x.clone().requires_grad_(True)
        loss = F.cross_entropy(model(xi), labels, reduction="sum")
        torch.autograd.grad(loss, xi)

    print(f"forward={fastest(forward, seconds):.4f} backward={fastest(backward, seconds):.4f} "
          f"threads={torch.get_num_threads()} torch={torch.__version__}")


def main():
    if sys.argv[1] == "make":
        make(sys.argv[2], sys.argv[3])
    else:
        shape = tuple(int(d) for d in sys.argv[3].split(","))
        timing(sys.argv[2], shape, int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6]))


if __name__ == "__main__":
    main()
