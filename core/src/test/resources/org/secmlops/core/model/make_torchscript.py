#!/usr/bin/env python3
"""Turns digits-mlp.txt (weights written by DigitsMlp.toText) into the TorchScript fixture digits-mlp.pt.

Run once with Debian's python3-torch:  /usr/bin/python3 make_torchscript.py
The network is logits = relu(x @ w1 + b1) @ w2 + b2 with x of shape [batch, 64].
"""
import pathlib

import torch

HERE = pathlib.Path(__file__).parent
SHAPES = {"w1": (64, 16), "b1": (16,), "w2": (16, 10), "b2": (10,)}


class DigitsMlp(torch.nn.Module):
    def __init__(self, weights):
        super().__init__()
        for name, values in weights.items():
            self.register_buffer(name, torch.tensor(values, dtype=torch.float32).reshape(SHAPES[name]))

    def forward(self, x):
        return torch.relu(x @ self.w1 + self.b1) @ self.w2 + self.b2


def main():
    weights = {}
    for line in (HERE / "digits-mlp.txt").read_text().split("\n"):
        if line.strip():
            name, *values = line.split()
            weights[name] = [float(v) for v in values]
    module = torch.jit.script(DigitsMlp(weights).eval())
    full = HERE / "digits-mlp.full.pt"
    module.save(str(full))
    # Copy every record except the debug pickles (source ranges; libtorch loads fine without them), so the
    # fixture holds only the pickles a model needs.
    reader = torch._C.PyTorchFileReader(str(full))
    writer = torch._C.PyTorchFileWriter(str(HERE / "digits-mlp.pt"))
    for name in reader.get_all_records():
        if not name.endswith(".debug_pkl"):
            data = reader.get_record(name)
            writer.write_record(name, data, len(data))
    writer.write_end_of_file()
    full.unlink()


if __name__ == "__main__":
    main()
