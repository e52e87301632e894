"""Shared helpers for the peers of benchmarks/compare.sh: options, records, MNIST-10k, thread report.

Every peer takes: WORKLOAD [--quick] [--out FILE.jsonl] [--export DIR] [--data DIR].
It reads the data and initial weights that our side exported (raw little-endian arrays in DIR)
and appends one JSON record per result to FILE.jsonl, in the format benchmarks/README.md describes.
Thread settings come from the environment compare.sh sets before python starts
(OPENBLAS_NUM_THREADS must be set before numpy loads OpenBLAS); torch.set_num_threads is set here.
"""
import argparse
import gzip
import json
import os
import statistics
import sys

import numpy as np


def parse(workloads):
    parser = argparse.ArgumentParser()
    parser.add_argument("workload", choices=workloads)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out")
    parser.add_argument("--export", default="/tmp/perceptron-compare")
    parser.add_argument("--data", default="data/mnist-10k")
    return parser.parse_args()


def blas_info():
    """Which BLAS kernel runs and on how many threads (threadpoolctl, when installed)."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "threadpoolctl not installed"
    parts = []
    for pool in threadpool_info():
        if pool.get("internal_api") == "openblas":
            parts.append(f"OpenBLAS {pool.get('version')} {pool.get('architecture')} x{pool.get('num_threads')}")
        elif pool.get("user_api") == "openmp":
            parts.append(f"OpenMP x{pool.get('num_threads')}")
    return ", ".join(parts)


def record(args, workload, engine, threads, seconds, unit, metric, metric_name, detail="", flop=0.0):
    rec = {"workload": workload, "engine": engine, "threads": threads, "seconds": seconds, "unit": unit,
           "metric": metric, "metric_name": metric_name, "detail": detail}
    if flop > 0:
        rec["flop"] = flop
    print(f"{workload:<18} {engine:<15} threads {threads}  {seconds:.5g} s {unit:<10} {metric_name} {metric:.6g}  {detail}")
    if args.out:
        with open(args.out, "a", encoding="utf-8") as out:
            out.write(json.dumps(rec) + "\n")


def median(values):
    return statistics.median(values)


def load(args, name, dtype, shape):
    return np.fromfile(os.path.join(args.export, name), dtype=dtype).reshape(shape)


def _idx(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def mnist(args):
    """MNIST-10k as ours reads it: pixels / 255 as float32, first 8000 rows train, last 2000 test."""
    images = _idx(os.path.join(args.data, "images-idx3-ubyte.gz")).reshape(-1, 784).astype(np.float32) / np.float32(255)
    labels = _idx(os.path.join(args.data, "labels-idx1-ubyte.gz")).astype(np.int64)
    return images[:8000], labels[:8000], images[8000:], labels[8000:]


def warn(message):
    print(message, file=sys.stderr)
