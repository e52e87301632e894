"""Reads the JSON-lines records of one compare.sh run, writes them as a JSON array and prints the ratio table.

Usage: python3 report.py RECORDS.jsonl OUT.json
Ratio = our seconds / the peer's seconds for the same workload and unit, in the same run (lower is better).
"""
import json
import math
import sys

# (workload, ours, peer, target ratio, what the target says)
TARGETS = [
    ("W1-per-sample", "classic", "numpy", 0.02),
    ("W1-per-sample", "perceptron", "pytorch", 0.01),
    ("W2-framework", "perceptron", "pytorch", 0.05),
    ("W2-framework", "perceptron", "sklearn", None),
    ("W3-mnist-sgd", "perceptron", "pytorch", 0.7),
    ("W3-mnist-sgd", "perceptron", "sklearn", None),
    ("W3-mnist-adam", "perceptron", "pytorch", 0.7),
    ("W3-mnist-adam", "perceptron", "sklearn", None),
    ("W4-gemm-bound", "perceptron", "pytorch", 1.0),
    ("W4-gemm-4096", "perceptron", "numpy", 1.1),
    ("W5-latency", "perceptron", "pytorch", 0.3),
    ("W5-batch", "perceptron", "pytorch", 1.0),
    ("W6-cli-overhead", "perceptron-cli", "perceptron", 1.2),
]


def main(records_path, out_path):
    with open(records_path, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(records, f, indent=1)
        f.write("\n")

    threads = max((r["threads"] for r in records if r["engine"] == "perceptron"), default=2)

    def find(workload, engine):
        found = [r for r in records if r["workload"] == workload and r["engine"] == engine]
        if engine == "perceptron" and len(found) > 1:
            found = [r for r in found if r["threads"] == threads] or found
        return found[0] if found else None

    header = f"{'workload':<16} {'ours':<14} {'peer':<10} {'unit':<10} {'ours s':>10} {'peer s':>10} {'ratio':>7} {'target':>7}  ok   metric ours / peer"
    print(header)
    print("-" * len(header))
    misses = []
    for workload, ours_name, peer_name, target in TARGETS:
        ours, peer = find(workload, ours_name), find(workload, peer_name)
        if ours is None or peer is None:
            continue
        ratio = ours["seconds"] / peer["seconds"]
        ok = "" if target is None else ("yes" if ratio <= target else "NO")
        if ok == "NO":
            misses.append(f"{workload} {ours_name}/{peer_name}")
        metric = (f"{ours['metric_name']} {ours['metric']:.4g} / {peer['metric']:.4g}" if ours["metric_name"] == peer["metric_name"]
                  else f"{ours['metric_name']} {ours['metric']:.4g} / {peer['metric_name']} {peer['metric']:.4g}")
        target_text = "" if target is None else f"{target:g}"
        print(f"{workload:<16} {ours_name:<14} {peer_name:<10} {ours['unit']:<10} {ours['seconds']:>10.4g} {peer['seconds']:>10.4g} "
              f"{ratio:>7.3f} {target_text:>7}  {ok:<4} {metric}")

    # Quality checks and the 1 -> N thread speed-up.
    print()
    w2o, w2p = find("W2-framework", "perceptron"), find("W2-framework", "pytorch")
    if w2o and w2p:
        ok = w2o["metric"] <= w2p["metric"] * 1.01
        print(f"W2 test MSE ours {w2o['metric']:.4g} vs PyTorch {w2p['metric']:.4g}: {'equal or better (1% tolerance)' if ok else 'WORSE'}")
    for name in ("W3-mnist-sgd", "W3-mnist-adam"):
        o, p = find(name, "perceptron"), find(name, "pytorch")
        if o and p:
            gap = o["metric"] - p["metric"]
            print(f"{name} test accuracy ours {o['metric']:.2f}% vs PyTorch {p['metric']:.2f}%: {gap:+.2f} points ({'within 0.5' if abs(gap) <= 0.5 else 'OUTSIDE 0.5'})")
    one = [r for r in records if r["workload"] == "W4-gemm-bound" and r["engine"] == "perceptron" and r["threads"] == 1]
    many = find("W4-gemm-bound", "perceptron")
    if one and many and many["threads"] > 1:
        speedup = one[0]["seconds"] / many["seconds"]
        print(f"W4 speed-up 1 -> {many['threads']} threads: {speedup:.2f}x (target >= 1.8: {'yes' if speedup >= 1.8 else 'NO'})")
        if speedup < 1.8:
            misses.append("W4 thread speed-up")
    print()
    print(f"{len(records)} records written to {out_path}; targets missed: {', '.join(misses) if misses else 'none'}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
