#!/usr/bin/env python3
"""Writes nan-gradient.pt, the TorchScript twin of TestGraphs.linearWithNanGradientAtZero (used by InEngineStepsTest).

    /usr/bin/python3 make_nan_gradient_torchscript.py nan-gradient.pt

logits = x @ w + relu(log(x)) @ w with w = [[1, -1], [0.5, 2], [-0.5, 1]]: for inputs in [0, 1] the second term is
0, but the input gradient is NaN wherever an input is 0 (the ReLU passes back 0, which log's gradient divides by 0).
"""
import sys

import torch


class NanGradient(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("w", torch.tensor([[1.0, -1.0], [0.5, 2.0], [-0.5, 1.0]]))

    def forward(self, x):
        return x @ self.w + torch.relu(torch.log(x)) @ self.w


torch.jit.script(NanGradient()).save(sys.argv[1])
