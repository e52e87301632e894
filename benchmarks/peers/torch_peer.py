"""PyTorch peer: w1 … w5 on the data and initial weights our side exported.

Thread setting: torch.set_num_threads(1) (intra-op pool) with OpenBLAS on OPENBLAS_NUM_THREADS (compare.sh: 2),
the fastest honest setting for Debian's PyTorch 1.13 on 2 cores; with both pools at 2 they fight.
"""
import time

import numpy as np
import torch
from torch import nn

from common import blas_info, load, median, mnist, parse, record

torch.set_num_threads(1)
THREADS = 2  # 1 intra-op thread + OpenBLAS on 2, as recorded in the JSON
SETTING = "torch.set_num_threads(1), OpenBLAS threads from OPENBLAS_NUM_THREADS"


def linear(args, prefix, index, inputs, units, dtype, bias=True):
    """nn.Linear holding our exported weights (ours are inputs x units; torch keeps units x inputs)."""
    np_type = np.float64 if dtype == torch.float64 else np.float32
    ext = "f64" if dtype == torch.float64 else "f32"
    layer = nn.Linear(inputs, units, bias=bias).to(dtype)
    with torch.no_grad():
        layer.weight.copy_(torch.from_numpy(load(args, f"{prefix}-w{index}.{ext}", np_type, (inputs, units)).T.copy()))
        if bias:
            layer.bias.copy_(torch.from_numpy(load(args, f"{prefix}-b{index}.{ext}", np_type, (units,))))
    return layer


def w1(args):
    x = torch.from_numpy(load(args, "w1-x.f64", np.float64, (-1, 2)))
    y = torch.from_numpy(load(args, "w1-y.f64", np.float64, (-1, 1)))
    model = nn.Sequential(linear(args, "w1", 0, 2, 5, torch.float64, bias=False), nn.Sigmoid(),
                          linear(args, "w1", 1, 5, 1, torch.float64, bias=False), nn.Sigmoid())
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05)  # MSELoss has the factor 2: 0.05 = the original's 0.1
    loss_fn = nn.MSELoss()
    rows_x, rows_y = list(x.split(1)), list(y.split(1))
    epochs = 10 if args.quick else 100
    times, mean = [], 0.0
    for _ in range(epochs):
        start, total = time.perf_counter(), 0.0
        for xi, yi in zip(rows_x, rows_y):
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(xi), yi)
            loss.backward()
            optimizer.step()
            total += loss.item()
        times.append(time.perf_counter() - start)
        mean = total / len(rows_x)
    record(args, "W1-per-sample", "pytorch", THREADS, median(times[1:]) / len(rows_x), "per-sample", mean, "train_mse",
           f"float64, batch 1, SGD lr 0.05; {SETTING}")


def shuffled_epoch(model, optimizer, loss_fn, x, y, batch, perm):
    """One epoch in the given row order (ours, exported: the same batches as our Fit makes)."""
    for start in range(0, x.shape[0], batch):
        index = perm[start:start + batch]
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(x[index]), y[index])
        loss.backward()
        optimizer.step()


def w2(args):
    x, y = (torch.from_numpy(load(args, f"w2-{n}.f32", np.float32, (-1, c))) for n, c in (("xtrain", 2), ("ytrain", 1)))
    xt, yt = (torch.from_numpy(load(args, f"w2-{n}.f32", np.float32, (-1, c))) for n, c in (("xtest", 2), ("ytest", 1)))
    torch.manual_seed(42)
    model = nn.Sequential(linear(args, "w2", 0, 2, 5, torch.float32), nn.ReLU(), linear(args, "w2", 1, 5, 1, torch.float32))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    loss_fn = nn.MSELoss()
    epochs = 10 if args.quick else 100
    orders = torch.from_numpy(load(args, "w2-order.i32", np.int32, (epochs, -1)).astype(np.int64))
    times = []
    for epoch in range(epochs):
        start = time.perf_counter()
        shuffled_epoch(model, optimizer, loss_fn, x, y, 32, orders[epoch])
        times.append(time.perf_counter() - start)
    with torch.no_grad():
        test_mse = loss_fn(model(xt), yt).item()
    record(args, "W2-framework", "pytorch", THREADS, median(times[1:]), "per-epoch", test_mse, "test_mse",
           f"2-5-1, batch 32, same initial weights and order; {SETTING}")


def w3(args):
    xn, yn, xtn, ytn = mnist(args)
    x, y, xt = torch.from_numpy(xn), torch.from_numpy(yn), torch.from_numpy(xtn)
    epochs = 3 if args.quick else 10
    orders = torch.from_numpy(load(args, "w3-order.i32", np.int32, (epochs, -1)).astype(np.int64))
    for name, make in (("W3-mnist-sgd", lambda p: torch.optim.SGD(p, lr=0.1)), ("W3-mnist-adam", lambda p: torch.optim.Adam(p, lr=1e-3))):
        torch.manual_seed(42)
        model = nn.Sequential(linear(args, "w3", 0, 784, 256, torch.float32), nn.ReLU(),
                              linear(args, "w3", 1, 256, 128, torch.float32), nn.ReLU(),
                              linear(args, "w3", 2, 128, 10, torch.float32))
        optimizer = make(model.parameters())
        loss_fn = nn.CrossEntropyLoss()
        times = []
        for epoch in range(epochs):
            start = time.perf_counter()
            shuffled_epoch(model, optimizer, loss_fn, x, y, 64, orders[epoch])
            times.append(time.perf_counter() - start)
        with torch.no_grad():
            accuracy = 100.0 * float((model(xt).argmax(1).numpy() == ytn).mean())
        record(args, name, "pytorch", THREADS, median(times[1:]), "per-epoch", accuracy, "test_accuracy",
               f"{epochs} epochs, same initial weights and order; {SETTING}")


def w4(args):
    widths, batch = [1024, 4096, 4096, 1024], 512
    gen = torch.Generator().manual_seed(4)
    x = torch.rand(batch, widths[0], generator=gen) * 2 - 1
    y = torch.rand(batch, widths[-1], generator=gen) * 2 - 1
    model = nn.Sequential(nn.Linear(widths[0], widths[1]), nn.ReLU(), nn.Linear(widths[1], widths[2]), nn.ReLU(), nn.Linear(widths[2], widths[3]))
    optimizer = torch.optim.SGD(model.parameters(), lr=1e-3)
    loss_fn = nn.MSELoss()
    flop = sum(6.0 * batch * a * b for a, b in zip(widths, widths[1:]))
    times = []
    for _ in range(3 if args.quick else 6):
        start = time.perf_counter()
        optimizer.zero_grad(set_to_none=True)
        loss_fn(model(x), y).backward()
        optimizer.step()
        times.append(time.perf_counter() - start)
    seconds = median(times[1:])
    record(args, "W4-gemm-bound", "pytorch", THREADS, seconds, "per-step", flop / seconds / 1e9, "gflops",
           f"batch 512; {SETTING}; {blas_info()}")


def mlp(args, prefix, widths, softmax):
    """Our exported network: ReLU between layers, softmax out for the classifiers."""
    layers = []
    for i, (inputs, units) in enumerate(zip(widths, widths[1:])):
        layers.append(linear(args, prefix, i, inputs, units, torch.float32))
        if i < len(widths) - 2:
            layers.append(nn.ReLU())
    if softmax:
        layers.append(nn.Softmax(dim=1))
    return nn.Sequential(*layers).eval()


def latency(rows, model, repeats):
    """Median seconds per single-row call, chunks of rows in turn (ours: Predict(span, span) over the rows)."""
    chunk_size = max(1, min(500, len(rows)))
    for row in rows[:min(2000, len(rows))]:
        model(row)  # warm-up
    times = []
    for repeat in range(repeats):
        start_row = repeat * chunk_size % len(rows)
        chunk = (rows[start_row:] + rows[:start_row])[:chunk_size]
        start = time.perf_counter()
        for row in chunk:
            model(row)
        times.append((time.perf_counter() - start) / len(chunk))
    return median(times)


def w5(args):
    images = np.concatenate(mnist(args)[0::2])
    sizes = [("W5-latency-small", "w5s", [4, 16, 3]), ("W5-latency", "w5", [784, 256, 128, 10]),
             ("W5-latency-large", "w5l", [1024, 4096, 4096, 1024])]
    with torch.inference_mode():
        for name, prefix, widths in sizes:
            model = mlp(args, prefix, widths, softmax=widths[-1] <= 10)
            x = torch.from_numpy(images if widths[0] == 784 else load(args, f"{prefix}-x.f32", np.float32, (-1, widths[0])))
            rows = list(x.split(1))
            large = widths[1] >= 4096
            if large:
                rows = rows[:50]
            seconds = latency(rows, model, 5 if args.quick or large else 15)
            record(args, name, "pytorch", THREADS, seconds, "per-sample", 1 / seconds, "samples_per_s",
                   f"{'-'.join(map(str, widths))}: model(x[i:i+1]) under inference_mode; {SETTING}")
            if widths[0] != 784:
                continue
            model(x)
            times = []
            for _ in range(3 if args.quick else 7):
                start = time.perf_counter()
                model(x)
                times.append(time.perf_counter() - start)
            seconds = median(times)
            record(args, "W5-batch", "pytorch", THREADS, seconds, "total", x.shape[0] / seconds, "samples_per_s",
                   f"model(x) on {x.shape[0]} rows; {SETTING}")


if __name__ == "__main__":
    arguments = parse(["w1", "w2", "w3", "w4", "w5"])
    {"w1": w1, "w2": w2, "w3": w3, "w4": w4, "w5": w5}[arguments.workload](arguments)
