#!/usr/bin/env python3
"""Recreates the demo's sample model files (committed, so the demo needs no Python).

The files are inert: nothing here is ever unpickled by SecMLOps, and the "malicious" pickle only
names os.system('echo pwned') the way real attacks name a payload.
"""
import collections
import io
import json
import os
import pickle
import zipfile

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "model")


class Payload:
    def __reduce__(self):
        return (os.system, ("echo pwned",))


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


state = collections.OrderedDict([("layer1.weight", [0.1, -0.2]), ("layer1.bias", [0.0])])
write("classifier.pkl", pickle.dumps(state, protocol=2))
write("preprocess.pkl", pickle.dumps({"scaler": Payload()}, protocol=4))

buffer = io.BytesIO()
with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
    archive.writestr("archive/data.pkl", pickle.dumps(state, protocol=2))
    archive.writestr("archive/version", "3\n")
write("checkpoint.pt", buffer.getvalue())

config = {"class_name": "Sequential", "config": {"name": "demo", "layers": [
    {"class_name": "InputLayer", "config": {"name": "input", "batch_shape": [None, 4]}},
    {"class_name": "Lambda", "config": {"name": "normalize", "function": "gASV...base64 bytecode..."}},
    {"class_name": "Dense", "config": {"name": "dense", "units": 2}}]}}
with open(os.path.join(HERE, "keras", "config.json"), "w") as f:
    json.dump(config, f, indent=2)
