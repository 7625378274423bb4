"""An independent reference for the case study's detection metrics (numpy, not part of the product).

Usage: /usr/bin/python3 reference_metrics.py [MODEL.pt] [SCORE_THRESHOLD] [NMS_IOU]

Runs the TorchScript detector on test.json's frames with PyTorch itself, keeps candidates scoring at least the
threshold (default 0.05), applies greedy NMS (default IoU 0.45) and prints AP@0.5 (all-point interpolation, VOC 2010+)
and the log-average miss rate over nine FPPI points log-spaced in [1e-2, 1e0] (Caltech MR^-2), so that the
product's numbers (`secmlops evaluate-detector`) can be checked against a second implementation.
"""
import json
import os
import sys

import cv2
import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))


def iou(a, b):
    x1, y1 = np.maximum(a[0], b[:, 0]), np.maximum(a[1], b[:, 1])
    x2, y2 = np.minimum(a[2], b[:, 2]), np.minimum(a[3], b[:, 3])
    inter = np.clip(x2 - x1, 0, None) * np.clip(y2 - y1, 0, None)
    area = lambda r: (r[..., 2] - r[..., 0]) * (r[..., 3] - r[..., 1])
    return inter / (area(a) + area(b) - inter)


def nms(boxes, scores, threshold):
    keep = []
    order = np.argsort(-scores, kind="stable")
    while len(order):
        i = order[0]
        keep.append(i)
        order = order[1:][iou(boxes[i], boxes[order[1:]]) <= threshold]
    return keep


def main():
    model_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "detector.pt")
    threshold = float(sys.argv[2]) if len(sys.argv) > 2 else 0.05
    nms_iou = float(sys.argv[3]) if len(sys.argv) > 3 else 0.45
    coco = json.load(open(os.path.join(HERE, "test.json")))
    model = torch.jit.load(model_path).eval()
    truth = {im["id"]: [] for im in coco["images"]}
    for a in coco["annotations"]:
        x, y, w, h = a["bbox"]
        truth[a["image_id"]].append([x, y, x + w, y + h])
    detections = []  # (score, is_true_positive)
    total = 0
    for im in coco["images"]:
        rgb = cv2.cvtColor(cv2.imread(os.path.join(HERE, im["file_name"])), cv2.COLOR_BGR2RGB)
        x = torch.from_numpy(rgb.astype(np.float32).transpose(2, 0, 1)[None] / 255.0)
        with torch.no_grad():
            out = model(x)[0].numpy()
        scores = out[:, 4] * out[:, 5]
        out, scores = out[scores >= threshold], scores[scores >= threshold]
        boxes = np.stack([out[:, 0] - out[:, 2] / 2, out[:, 1] - out[:, 3] / 2,
                          out[:, 0] + out[:, 2] / 2, out[:, 1] + out[:, 3] / 2], axis=1)
        keep = nms(boxes, scores, nms_iou)
        gt = np.array(truth[im["id"]], dtype=np.float64).reshape(-1, 4)
        total += len(gt)
        matched = np.zeros(len(gt), bool)
        for i in sorted(keep, key=lambda k: -scores[k]):
            if len(gt):
                overlaps = iou(boxes[i], gt)
                overlaps[matched] = -1
                j = int(np.argmax(overlaps))
                if overlaps[j] >= 0.5:
                    matched[j] = True
                    detections.append((scores[i], True))
                    continue
            detections.append((scores[i], False))
    detections.sort(key=lambda d: -d[0])
    tp = np.cumsum([d[1] for d in detections])
    fp = np.cumsum([not d[1] for d in detections])
    recall = tp / total
    precision = tp / np.maximum(tp + fp, 1)
    envelope = np.concatenate([[0], precision, [0]])
    for i in range(len(envelope) - 2, -1, -1):
        envelope[i] = max(envelope[i], envelope[i + 1])
    r = np.concatenate([[0], recall, [1]])
    changes = np.nonzero(r[1:] != r[:-1])[0]
    ap = float(np.sum((r[changes + 1] - r[changes]) * envelope[changes + 1]))
    fppi = fp / len(coco["images"])
    miss = 1 - recall
    points = np.logspace(-2, 0, 9)
    samples = []
    for p in points:
        below = np.nonzero(fppi <= p)[0]
        samples.append(miss[below[-1]] if len(below) else 1.0)
    mr = float(np.exp(np.mean(np.log(np.maximum(samples, 1e-10)))))
    print(json.dumps({"images": len(coco["images"]), "persons": total, "detections": len(detections),
                      "ap50": round(ap, 4), "log_average_miss_rate": round(mr, 4),
                      "recall_at_threshold": round(float(recall[-1]) if len(recall) else 0.0, 4)}))


if __name__ == "__main__":
    main()
