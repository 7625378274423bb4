#!/usr/bin/env python3
"""Writes the tiny single-class detector fixtures tiny-detector.pt (TorchScript) and tiny-detector.onnx.

Run once with Debian's python3-torch:  /usr/bin/python3 make_tiny_detector.py

The detector takes an RGB image [N, 3, 32, 48] in [0, 1] and looks for bright 8 x 8 squares on a 4 x 6 grid of
cells: candidate k is cell (row, col) = divmod(k, 6), its box the cell (cx = 8 col + 4, cy = 8 row + 4, w = h = 8),
its objectness sigmoid(20 (m - 0.85)) with m the mean of the cell's pixels over the three channels, its one class
probability 1. Output: [N, 24, 6] in the yolov5 layout (cx, cy, w, h, objectness, class probability).
A cell of 0.9 scores sigmoid(1) = 0.731; one of 0.8 scores sigmoid(-1) = 0.269; a dark cell scores ~0.
"""
import pathlib

import torch

HERE = pathlib.Path(__file__).parent


class TinyDetector(torch.nn.Module):
    def __init__(self):
        super().__init__()
        rows = torch.arange(4, dtype=torch.float32).repeat_interleave(6)
        cols = torch.arange(6, dtype=torch.float32).repeat(4)
        boxes = torch.stack([8 * cols + 4, 8 * rows + 4, torch.full_like(cols, 8.0), torch.full_like(cols, 8.0)], 1)
        self.register_buffer("boxes", boxes)

    def forward(self, x):
        m = torch.nn.functional.avg_pool2d(x.mean(dim=1, keepdim=True), 8)  # [N, 1, 4, 6]
        objectness = torch.sigmoid(20.0 * (m.flatten(1) - 0.85))  # [N, 24]
        n = x.shape[0]
        boxes = self.boxes.unsqueeze(0).expand(n, 24, 4)
        return torch.cat([boxes, objectness.unsqueeze(2), torch.ones_like(objectness).unsqueeze(2)], 2)


def strip_debug(full, out):
    reader = torch._C.PyTorchFileReader(str(full))
    writer = torch._C.PyTorchFileWriter(str(out))
    for name in reader.get_all_records():
        if not name.endswith(".debug_pkl"):
            data = reader.get_record(name)
            writer.write_record(name, data, len(data))
    writer.write_end_of_file()


def main():
    module = TinyDetector().eval()
    example = torch.zeros(1, 3, 32, 48)
    scripted = torch.jit.trace(module, example)
    full = HERE / "tiny-detector.full.pt"
    scripted.save(str(full))
    strip_debug(full, HERE / "tiny-detector.pt")
    full.unlink()
    torch.onnx.export(module, example, str(HERE / "tiny-detector.onnx"), input_names=["images"],
                      output_names=["output"], dynamic_axes={"images": {0: "n"}, "output": {0: "n"}}, opset_version=11)


if __name__ == "__main__":
    main()
