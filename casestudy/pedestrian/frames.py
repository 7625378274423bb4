"""Extracts the frames of OpenCV's sample video vtest.avi (Debian package opencv-doc) at half resolution.

Usage: /usr/bin/python3 frames.py [OUT_DIR]   (default: frames/ beside this script)

Writes frame_NNNN.png (384 x 288 RGB, INTER_AREA downscaling) for every frame of the video; frames already
present are kept. Deterministic for a given OpenCV build (Debian python3-opencv 4.6).
"""
import os
import sys

import cv2

VIDEO = "/usr/share/doc/opencv-doc/examples/data/vtest.avi"
WIDTH, HEIGHT = 384, 288


def frames(video=VIDEO):
    """Yields (index, full-resolution BGR frame)."""
    capture = cv2.VideoCapture(video)
    if not capture.isOpened():
        raise SystemExit(f"cannot open {video}: install Debian's opencv-doc and python3-opencv")
    index = 0
    while True:
        ok, frame = capture.read()
        if not ok:
            break
        yield index, frame
        index += 1


def half(frame):
    return cv2.resize(frame, (WIDTH, HEIGHT), interpolation=cv2.INTER_AREA)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "frames")
    os.makedirs(out, exist_ok=True)
    written = 0
    for index, frame in frames():
        path = os.path.join(out, f"frame_{index:04d}.png")
        if not os.path.exists(path):
            cv2.imwrite(path + ".tmp.png", half(frame))
            os.replace(path + ".tmp.png", path)
            written += 1
    print(f"frames.py: {written} frame(s) written to {out}")


if __name__ == "__main__":
    main()
