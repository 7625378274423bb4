"""First-pass person boxes for vtest.avi by background subtraction (static camera).

Usage: /usr/bin/python3 annotate.py OUT.json FIRST LAST STEP

The background is the per-pixel median of every 5th frame of the whole video. A pixel is foreground where any
channel differs from it by more than 40 grey levels; the mask is opened (3x3) and closed (9x5); each connected
component of at least 150 pixels and 30 pixels high is a person box, and a component wider than a person
(width > 0.7 x height) is split into round(width / (0.42 x height)) equal columns, each column's box shrunk to its
foreground rows. Boxes are written in the coordinates of the half-resolution frames (frames.py) as COCO JSON.
The ground-truth subset is this output checked frame by frame and corrected by hand (corrections.json,
see README.md).
"""
import json
import sys

import cv2
import numpy as np

from frames import frames

SCALE = 0.5


def person_boxes(frame, background):
    diff = cv2.absdiff(frame, background).max(axis=2)
    mask = (diff > 40).astype(np.uint8) * 255
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((9, 5), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask)
    boxes = []
    for k in range(1, count):
        x, y, w, h, area = stats[k]
        if area < 150 or h < 30:
            continue
        parts = max(1, round(w / (0.42 * h))) if w > 0.7 * h else 1
        for p in range(parts):
            x0 = x + (w * p) // parts
            x1 = x + (w * (p + 1)) // parts
            rows = np.nonzero((labels[y:y + h, x0:x1] == k).any(axis=1))[0]
            if len(rows) == 0:
                continue
            boxes.append((int(x0), int(y + rows[0]), int(x1 - x0), int(rows[-1] - rows[0] + 1)))
    return boxes


def main():
    out, first, last, step = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    video = [frame for _, frame in frames()]
    background = np.median(np.stack(video[::5]), axis=0).astype(np.uint8)
    images, annotations = [], []
    for index in range(first, min(last, len(video) - 1) + 1, step):
        images.append({"id": index, "file_name": f"frames/frame_{index:04d}.png", "width": 384, "height": 288})
        for x, y, w, h in person_boxes(video[index], background):
            annotations.append({"id": len(annotations) + 1, "image_id": index, "category_id": 1,
                                "bbox": [round(x * SCALE, 1), round(y * SCALE, 1), round(w * SCALE, 1),
                                         round(h * SCALE, 1)],
                                "area": round(w * h * SCALE * SCALE, 1), "iscrowd": 0})
    with open(out, "w") as f:
        json.dump({"info": {"description": "vtest.avi persons, background subtraction (annotate.py)"},
                   "images": images, "annotations": annotations,
                   "categories": [{"id": 1, "name": "person"}]}, f, indent=1)
    print(f"annotate.py: {len(images)} images, {len(annotations)} boxes -> {out}")


if __name__ == "__main__":
    main()
