"""Writes the W7/W8 data set: a classification CSV of ROWS x FEATURES standard-normal features and a `label` column
(4 classes) drawn from a random two-layer teacher network plus noise, so an MLP can learn it to roughly 90%.

Usage: python3 tabular_data.py OUT.csv [--rows 200000] [--features 50] [--seed 7]
"""
import argparse

import numpy as np


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--features", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    x = rng.standard_normal((args.rows, args.features)).astype(np.float32)
    w1 = rng.standard_normal((args.features, 16)) / np.sqrt(args.features)
    w2 = rng.standard_normal((16, 4))
    logits = np.tanh(x @ w1) @ w2 + 0.3 * rng.standard_normal((args.rows, 4))
    labels = logits.argmax(axis=1)
    header = ",".join([f"f{i}" for i in range(args.features)] + ["label"])
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(header + "\n")
        # 6 significant digits, the precision a float32 CSV usually carries.
        np.savetxt(f, np.column_stack([x, labels]), fmt=["%.6g"] * args.features + ["%d"], delimiter=",")
    print(f"wrote {args.out}: {args.rows} rows x {args.features} features + label, classes {np.bincount(labels).tolist()}")


if __name__ == "__main__":
    main()
