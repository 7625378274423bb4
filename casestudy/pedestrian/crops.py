"""The data-check view of the detector's training set: one labelled crop per box and per background window.

Usage: /usr/bin/python3 crops.py OUT.csv [--drop-persons FRACTION] [--seed N]

For every 5th training frame (0..599, train.json), each annotated person becomes a `person` row and as many
random windows of person-like size that overlap no annotated box (IoU < 0.1) become `background` rows (label 0); each crop is
resized to 16 x 40 grey pixels (640 values in [0, 1]). `checkTrainingData` on this CSV finds annotation problems a
detector inherits: persons left unannotated (they appear as `background` crops that look like persons), boxes
that are not persons, near-duplicate frames.

`--drop-persons F` plants the missing-annotation poisoning attack (an attacker deletes a fraction F of the person
boxes so the detector learns to ignore those persons): the deleted boxes' crops are written as `background` rows,
and their row numbers (1-based, header excluded) go to OUT.csv.poisoned.txt so a test can score the check.
"""
import argparse
import json
import os

import cv2
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
BACKGROUND, PERSON = 0, 1


def overlap(box, boxes):
    if not boxes:
        return 0.0
    b = np.array(boxes, dtype=np.float64)
    x1, y1 = np.maximum(box[0], b[:, 0]), np.maximum(box[1], b[:, 1])
    x2 = np.minimum(box[0] + box[2], b[:, 0] + b[:, 2])
    y2 = np.minimum(box[1] + box[3], b[:, 1] + b[:, 3])
    inter = np.clip(x2 - x1, 0, None) * np.clip(y2 - y1, 0, None)
    return float(np.max(inter / (box[2] * box[3] + b[:, 2] * b[:, 3] - inter)))


def crop(grey, box):
    x, y, w, h = [int(round(v)) for v in box]
    x, y = max(x, 0), max(y, 0)
    patch = grey[y:y + max(h, 2), x:x + max(w, 2)]
    return cv2.resize(patch, (16, 40), interpolation=cv2.INTER_AREA).astype(np.float32) / 255.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--drop-persons", type=float, default=0.0)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    coco = json.load(open(os.path.join(HERE, "train.json")))
    boxes = {im["id"]: [] for im in coco["images"]}
    for a in coco["annotations"]:
        boxes[a["image_id"]].append(a["bbox"])
    rows, poisoned = [], []
    for im in coco["images"][::5]:
        grey = cv2.cvtColor(cv2.imread(os.path.join(HERE, im["file_name"])), cv2.COLOR_BGR2GRAY)
        frame_boxes = boxes[im["id"]]
        for box in frame_boxes:
            dropped = rng.random() < args.drop_persons
            rows.append((BACKGROUND if dropped else PERSON, crop(grey, box)))
            if dropped:
                poisoned.append(len(rows))
        placed = 0
        for _ in range(200):
            if placed >= len(frame_boxes):
                break
            w, h = frame_boxes[rng.integers(len(frame_boxes))][2:] if frame_boxes else (16, 40)
            x, y = rng.uniform(0, im["width"] - w), rng.uniform(0, im["height"] - h)
            if overlap((x, y, w, h), frame_boxes) < 0.1:
                rows.append((BACKGROUND, crop(grey, (x, y, w, h))))
                placed += 1
    with open(args.out, "w") as f:
        f.write("label," + ",".join(f"p{i}" for i in range(640)) + "\n")
        for label, pixels in rows:
            f.write(str(label) + "," + ",".join(f"{v:.3f}" for v in pixels.ravel()) + "\n")
    if args.drop_persons > 0:
        with open(args.out + ".poisoned.txt", "w") as f:
            f.write("\n".join(str(r) for r in poisoned) + "\n")
    print(f"crops.py: {len(rows)} crops ({sum(1 for l, _ in rows if l == PERSON)} person), "
          f"{len(poisoned)} planted -> {args.out}")


if __name__ == "__main__":
    main()
