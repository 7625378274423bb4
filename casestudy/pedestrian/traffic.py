"""Inference traffic of the case study's deployed detector, for the monitoring job (`monitorModel`).

Usage: /usr/bin/python3 traffic.py    (after frames.py; writes beside this script, nothing of it is committed)

- reference/frames/: the training frames (0..599), the approved data the monitor compares with;
- traffic-benign.jsonl: frames 600..794 as requests of 12 camera clients (`cam-01`...), `input_path` records;
- traffic-night.jsonl: the same requests after nightfall (the frames at 35% brightness with sensor noise, written
  to night/): the drift the monitor must find;
- traffic-attack.jsonl: the benign window plus a client probing one frame with 300 near-identical queries, as a
  black-box (Square-style) attack does: random +-8/255 changes in small squares, each query one small step from the
  last (written to probe/). The monitor must flag that client and no camera.
Seeded, deterministic.
"""
import json
import os
import shutil

import cv2
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def write_log(name, records):
    with open(os.path.join(HERE, name), "w") as f:
        for record in records:
            f.write(json.dumps(record) + "\n")


def main():
    rng = np.random.default_rng(5)
    reference = os.path.join(HERE, "reference", "frames")
    os.makedirs(reference, exist_ok=True)
    for index in range(0, 600):
        name = f"frame_{index:04d}.png"
        if not os.path.exists(os.path.join(reference, name)):
            shutil.copyfile(os.path.join(HERE, "frames", name), os.path.join(reference, name))
    benign = []
    for n, index in enumerate(range(600, 795)):
        benign.append({"timestamp": f"2026-12-03T10:{n // 60:02d}:{n % 60:02d}Z", "client": f"cam-{n % 12 + 1:02d}",
                       "input_path": f"frames/frame_{index:04d}.png"})
    write_log("traffic-benign.jsonl", benign)
    os.makedirs(os.path.join(HERE, "night"), exist_ok=True)
    night = []
    for record in benign:
        name = os.path.basename(record["input_path"])
        image = cv2.imread(os.path.join(HERE, record["input_path"])).astype(np.float32)
        dark = np.clip(image * 0.35 + rng.normal(0, 6, image.shape), 0, 255).astype(np.uint8)
        cv2.imwrite(os.path.join(HERE, "night", name), dark)
        night.append(dict(record, input_path=f"night/{name}"))
    write_log("traffic-night.jsonl", night)
    os.makedirs(os.path.join(HERE, "probe"), exist_ok=True)
    probe = cv2.imread(os.path.join(HERE, "frames", "frame_0700.png")).astype(np.float32)
    current = probe.copy()
    attack = []
    for q in range(300):
        y, x = rng.integers(0, 288 - 16), rng.integers(0, 384 - 16)
        current[y:y + 16, x:x + 16] = np.clip(probe[y:y + 16, x:x + 16] + rng.choice([-8.0, 8.0], size=3), 0, 255)
        name = f"q_{q:04d}.png"
        cv2.imwrite(os.path.join(HERE, "probe", name), current.astype(np.uint8))
        attack.append({"timestamp": f"2026-12-03T11:{q // 60:02d}:{q % 60:02d}Z", "client": "10.9.8.7",
                       "input_path": f"probe/{name}"})
    mixed = []
    for i in range(max(len(benign), len(attack))):
        if i < len(benign):
            mixed.append(benign[i])
        if i < len(attack):
            mixed.append(attack[i])
    write_log("traffic-attack.jsonl", mixed)
    print(f"traffic.py: reference 600 frames, {len(benign)} benign, {len(night)} night, {len(mixed)} mixed records")


if __name__ == "__main__":
    main()
