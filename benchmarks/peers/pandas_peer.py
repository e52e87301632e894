"""pandas / scikit-learn peers on the generated tabular CSV (tabular_data.py).

w7: scikit-learn's MLPClassifier end to end, as `perceptron train` runs it: pandas.read_csv, a stratified 80/20 split
    (seed 42), standard scaling fitted on the training rows, 64-32 ReLU, Adam 1e-3, batch 200, 10 epochs, no L2, then
    the test accuracy; the wall time covers all of it (not the interpreter's start or imports).
w8: CSV to a float32 matrix with pandas.read_csv (C engine): median seconds of several reads, and MB/s.

Usage: python3 pandas_peer.py w7|w8 --csv FILE [--quick] [--out FILE.jsonl]
"""
import argparse
import os
import time
import warnings

import numpy as np
import pandas as pd

from common import blas_info, median, record

warnings.filterwarnings("ignore")


def w7(args):
    from sklearn.model_selection import train_test_split
    from sklearn.neural_network import MLPClassifier
    from sklearn.preprocessing import StandardScaler

    epochs = 3 if args.quick else 10
    start = time.perf_counter()
    frame = pd.read_csv(args.csv, engine="c", dtype=np.float32)
    x = frame.drop(columns=["label"]).to_numpy(np.float32)
    y = frame["label"].to_numpy().astype(np.int64)
    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.2, random_state=42, stratify=y)
    scaler = StandardScaler().fit(x_train)
    model = MLPClassifier(hidden_layer_sizes=(64, 32), activation="relu", solver="adam", learning_rate_init=1e-3,
                          batch_size=200, max_iter=epochs, alpha=0.0, shuffle=True, random_state=42,
                          n_iter_no_change=epochs + 1, tol=0.0)
    model.fit(scaler.transform(x_train), y_train)
    accuracy = 100.0 * float((model.predict(scaler.transform(x_test)) == y_test).mean())
    seconds = time.perf_counter() - start
    record(args, "W7-tabular", "sklearn", 2, seconds, "total", accuracy, "test_accuracy",
           f"read_csv + split + scale + MLPClassifier(64, 32) adam batch 200, {epochs} epochs + predict; {blas_info()}")


def w8(args):
    size = os.path.getsize(args.csv)
    times = []
    for _ in range(2 if args.quick else 5):
        start = time.perf_counter()
        matrix = pd.read_csv(args.csv, engine="c", dtype=np.float32).to_numpy(np.float32)
        times.append(time.perf_counter() - start)
    seconds = median(times)
    record(args, "W8-csv", "pandas", 1, seconds, "total", size / seconds / 1e6, "mb_per_s",
           f"pandas.read_csv(engine='c', dtype=float32).to_numpy(): {matrix.shape[0]} x {matrix.shape[1]}, {size / 1e6:.0f} MB, "
           f"median of {len(times)}; pandas {pd.__version__}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("workload", choices=["w7", "w8"])
    parser.add_argument("--csv", required=True)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out")
    parser.add_argument("--export")
    parser.add_argument("--data")
    arguments = parser.parse_args()
    {"w7": w7, "w8": w8}[arguments.workload](arguments)
