"""Trains the case study's pedestrian detector and exports it to TorchScript and ONNX.

Usage: /usr/bin/python3 train.py [EPOCHS] [FRAME_STEP] [ADVERSARIAL_EPS]    (Debian python3-torch 1.13, python3-opencv; frames from frames.py)

A small single-stage, anchor-free detector (about 0.1 M parameters): five 3x3 convolutions down to a 36 x 48 grid
(stride 8) on a 288 x 384 RGB input in [0, 1], and a 1x1 head per cell: centre offsets, log width and height
relative to a 16 x 40 pixel prior, and objectness. The exported model decodes its own head into the `yolov5`
layout the product reads: [N, 1728, 6] = cx, cy, w, h (input pixels), objectness probability, person probability
(1, a single class). NMS and the score threshold are applied by SecMLOps (`--detection-layout yolov5`).

Trained on every FRAME_STEP-th frame (default 2: consecutive frames are near duplicates) of frames 0..599 with annotate.py's unchecked first-pass boxes (train.json); frames 610..790 (test.json,
checked by hand) are never seen. The cell holding a box's centre is its positive; the 3x3 cells around it are not
counted as negatives. Loss: focal binary cross-entropy on objectness + L1 on the offsets and log sizes of positives.
Augmentation: horizontal flip, brightness and contrast jitter. Seeded; CPU.

With ADVERSARIAL_EPS (e.g. 0.0313725 = 8/255) the detector is adversarially trained, the case study's model-level
defense (writes detector-adv.pt and detector-adv.onnx): every batch is also attacked by FGSM from a random start
(Wong, Rice & Kolter 2020, step 1.25 x eps, projected to the L-inf ball and [0, 1]) on the training loss itself,
and the model learns from the mean of the clean and the adversarial loss.
"""
import json
import os
import sys
import time

import cv2
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
H, W, STRIDE = 288, 384, 8
GH, GW = H // STRIDE, W // STRIDE
PRIOR_W, PRIOR_H = 16.0, 40.0


class Detector(nn.Module):
    def __init__(self):
        super().__init__()
        def block(i, o, s):
            return nn.Sequential(nn.Conv2d(i, o, 3, s, 1, bias=False), nn.BatchNorm2d(o), nn.ReLU(inplace=True))
        self.features = nn.Sequential(block(3, 16, 2), block(16, 32, 2), block(32, 48, 2), block(48, 64, 1),
                                      block(64, 64, 1))
        self.head = nn.Conv2d(64, 5, 1)
        gy, gx = torch.meshgrid(torch.arange(GH, dtype=torch.float32), torch.arange(GW, dtype=torch.float32),
                                indexing="ij")
        self.register_buffer("gx", gx.reshape(1, -1))
        self.register_buffer("gy", gy.reshape(1, -1))

    def raw(self, x):
        return self.head(self.features(x)).flatten(2).transpose(1, 2)  # [N, K, 5]

    def forward(self, x):
        r = self.raw(x)
        cx = (self.gx + torch.sigmoid(r[..., 0])) * STRIDE
        cy = (self.gy + torch.sigmoid(r[..., 1])) * STRIDE
        w = torch.exp(r[..., 2].clamp(-4, 4)) * PRIOR_W
        h = torch.exp(r[..., 3].clamp(-4, 4)) * PRIOR_H
        obj = torch.sigmoid(r[..., 4])
        return torch.stack([cx, cy, w, h, obj, torch.ones_like(obj)], dim=-1)


def load(coco_path):
    coco = json.load(open(coco_path))
    boxes = {im["id"]: [] for im in coco["images"]}
    for a in coco["annotations"]:
        boxes[a["image_id"]].append(a["bbox"])
    images = []
    for im in coco["images"]:
        bgr = cv2.imread(os.path.join(os.path.dirname(coco_path), im["file_name"]))
        if bgr is None:
            raise SystemExit(f"missing {im['file_name']}: run frames.py first")
        images.append((cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB), np.array(boxes[im["id"]], dtype=np.float32).reshape(-1, 4)))
    return images


def targets(boxes):
    obj = np.zeros((GH, GW), np.float32)
    ignore = np.zeros((GH, GW), np.float32)
    reg = np.zeros((GH, GW, 4), np.float32)
    for x, y, w, h in boxes:
        cx, cy = x + w / 2, y + h / 2
        gx, gy = min(int(cx // STRIDE), GW - 1), min(int(cy // STRIDE), GH - 1)
        ignore[max(gy - 1, 0):gy + 2, max(gx - 1, 0):gx + 2] = 1
        obj[gy, gx] = 1
        reg[gy, gx] = [cx / STRIDE - gx, cy / STRIDE - gy, np.log(max(w, 1) / PRIOR_W), np.log(max(h, 1) / PRIOR_H)]
    return obj, ignore, reg


def augment(rgb, boxes, rng):
    img = rgb.astype(np.float32) / 255.0
    boxes = boxes.copy()
    if rng.random() < 0.5:
        img = img[:, ::-1]
        boxes[:, 0] = W - boxes[:, 0] - boxes[:, 2]
    img = np.clip((img - 0.5) * rng.uniform(0.7, 1.3) + 0.5 + rng.uniform(-0.15, 0.15), 0, 1)
    return np.ascontiguousarray(img.transpose(2, 0, 1)), boxes


def loss_fn(model, x, obj_t, ignore_t, reg_t):
    r = model.raw(x).reshape(x.shape[0], GH, GW, 5)
    logit = r[..., 4]
    p = torch.sigmoid(logit)
    weight = torch.where(obj_t > 0, torch.ones_like(p), 1 - ignore_t)
    bce = F.binary_cross_entropy_with_logits(logit, obj_t, reduction="none")
    focal = bce * (torch.where(obj_t > 0, 1 - p, p) ** 2) * weight
    pos = obj_t > 0
    n = pos.sum().clamp(min=1)
    offsets = torch.sigmoid(r[..., 0:2])[pos]
    sizes = r[..., 2:4][pos]
    box = (offsets - reg_t[..., 0:2][pos]).abs().sum() + (sizes - reg_t[..., 2:4][pos]).abs().sum()
    return focal.sum() / n + box / n


def main():
    epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    frame_step = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    eps = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
    name = "detector-adv" if eps > 0 else "detector"
    torch.manual_seed(7)
    rng = np.random.default_rng(7)
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    train = load(os.path.join(HERE, "train.json"))[::frame_step]
    model = Detector()
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=1e-4)
    steps = epochs * ((len(train) + 15) // 16)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=3e-3, total_steps=steps)
    start = time.time()
    for epoch in range(epochs):
        model.train()
        order = rng.permutation(len(train))
        total = 0.0
        for b in range(0, len(order), 16):
            batch = [augment(*train[i], rng) for i in order[b:b + 16]]
            x = torch.from_numpy(np.stack([img for img, _ in batch]))
            t = [targets(boxes) for _, boxes in batch]
            obj_t = torch.from_numpy(np.stack([o for o, _, _ in t]))
            ignore_t = torch.from_numpy(np.stack([i for _, i, _ in t]))
            reg_t = torch.from_numpy(np.stack([r for _, _, r in t]))
            loss = loss_fn(model, x, obj_t, ignore_t, reg_t)
            if eps > 0:
                delta = (torch.rand_like(x) * 2 - 1) * eps
                delta = (torch.clamp(x + delta, 0, 1) - x).requires_grad_(True)
                grad, = torch.autograd.grad(loss_fn(model, x + delta, obj_t, ignore_t, reg_t), delta)
                delta = torch.clamp(delta.detach() + 1.25 * eps * grad.sign(), -eps, eps)
                x_adv = torch.clamp(x + delta, 0, 1)
                loss = 0.5 * loss + 0.5 * loss_fn(model, x_adv, obj_t, ignore_t, reg_t)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            schedule.step()
            total += loss.item() * len(batch)
        print(f"epoch {epoch + 1}/{epochs} loss {total / len(train):.4f} ({time.time() - start:.0f} s)", flush=True)
    model.eval()
    example = torch.zeros(1, 3, H, W)
    traced = torch.jit.trace(model, example)
    traced.save(os.path.join(HERE, name + ".pt"))
    torch.onnx.export(model, example, os.path.join(HERE, name + ".onnx"), input_names=["images"],
                      output_names=["detections"], dynamic_axes={"images": {0: "batch"}, "detections": {0: "batch"}},
                      opset_version=13)
    print(f"train.py: {name}.pt and {name}.onnx written ({sum(p.numel() for p in model.parameters())} parameters)")


if __name__ == "__main__":
    main()
