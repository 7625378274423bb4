"""Applies corrections.json to annotate.py's first pass of the ground-truth frames.

Usage: /usr/bin/python3 ground_truth.py FIRST_PASS.json OUT.json
"""
import json
import sys

SCALE = 0.5


def main():
    first_pass, out = sys.argv[1], sys.argv[2]
    coco = json.load(open(first_pass))
    corrections = json.load(open("corrections.json"))["frames"]
    removed = {box_id for frame in corrections.values() for box_id in frame["remove"]}
    annotations = [a for a in coco["annotations"] if a["id"] not in removed]
    next_id = max(a["id"] for a in coco["annotations"]) + 1
    for frame, correction in sorted(corrections.items(), key=lambda item: int(item[0])):
        for x, y, w, h in correction["add"]:
            annotations.append({"id": next_id, "image_id": int(frame), "category_id": 1,
                                "bbox": [x * SCALE, y * SCALE, w * SCALE, h * SCALE],
                                "area": w * h * SCALE * SCALE, "iscrowd": 0})
            next_id += 1
    annotations.sort(key=lambda a: (a["image_id"], a["id"]))
    coco["annotations"] = annotations
    coco["info"] = {"description": "vtest.avi persons: ground truth (annotate.py + corrections.json, checked by eye)"}
    with open(out, "w") as f:
        json.dump(coco, f, indent=1)
    print(f"ground_truth.py: {len(coco['images'])} images, {len(annotations)} boxes -> {out}")


if __name__ == "__main__":
    main()
