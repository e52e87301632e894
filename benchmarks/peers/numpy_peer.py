"""numpy peer: w1 (the original's per-sample algorithm, in its own style) and gemm (OpenBLAS SGEMM 4096^3)."""
import time

import numpy as np

from common import blas_info, load, median, parse, record


class MLP:
    """The educational original: sigmoid units, no biases, float64, one sample at a time."""

    def __init__(self, weights):
        self.weights = [w.copy() for w in weights]
        self.derivatives = [np.zeros(w.shape) for w in weights]
        self.activations = [np.zeros(w.shape[0]) for w in weights] + [np.zeros(weights[-1].shape[1])]

    def forward_propagate(self, inputs):
        activations = inputs
        self.activations[0] = activations
        for i, w in enumerate(self.weights):
            net_inputs = np.dot(activations, w)
            activations = self._sigmoid(net_inputs)
            self.activations[i + 1] = activations
        return activations

    def back_propagate(self, error):
        for i in reversed(range(len(self.derivatives))):
            activations = self.activations[i + 1]
            delta = error * self._sigmoid_derivative(activations)
            delta_re = delta.reshape(delta.shape[0], -1).T
            current_activations = self.activations[i]
            current_activations = current_activations.reshape(current_activations.shape[0], -1)
            self.derivatives[i] = np.dot(current_activations, delta_re)
            error = np.dot(delta, self.weights[i].T)

    def gradient_descent(self, learning_rate=1):
        for i in range(len(self.weights)):
            self.weights[i] += self.derivatives[i] * learning_rate

    def train_epoch(self, inputs, targets, learning_rate):
        sum_errors = 0
        for j, inp in enumerate(inputs):
            target = targets[j]
            output = self.forward_propagate(inp)
            error = target - output
            self.back_propagate(error)
            self.gradient_descent(learning_rate)
            sum_errors += self._mse(target, output)
        return sum_errors / len(inputs)

    @staticmethod
    def _sigmoid(x):
        return 1.0 / (1 + np.exp(-x))

    @staticmethod
    def _sigmoid_derivative(x):
        return x * (1.0 - x)

    @staticmethod
    def _mse(target, output):
        return np.average((target - output) ** 2)


def w1(args):
    x, y = load(args, "w1-x.f64", np.float64, (-1, 2)), load(args, "w1-y.f64", np.float64, (-1, 1))
    mlp = MLP([load(args, "w1-w0.f64", np.float64, (2, 5)), load(args, "w1-w1.f64", np.float64, (5, 1))])
    epochs = 10 if args.quick else 100
    times, error = [], 0.0
    for _ in range(epochs):
        start = time.perf_counter()
        error = mlp.train_epoch(x, y, 0.1)
        times.append(time.perf_counter() - start)
    record(args, "W1-per-sample", "numpy", 1, median(times[1:]) / len(x), "per-sample", float(error), "train_mse",
           f"original's algorithm, lr 0.1; {blas_info()}")


def gemm(args):
    n = 4096
    rng = np.random.default_rng(4)
    a = rng.uniform(-1, 1, (n, n)).astype(np.float32)
    b = rng.uniform(-1, 1, (n, n)).astype(np.float32)
    c = np.empty((n, n), dtype=np.float32)
    np.matmul(a, b, out=c)  # warm-up
    times = []
    for _ in range(1 if args.quick else 3):
        start = time.perf_counter()
        np.matmul(a, b, out=c)
        times.append(time.perf_counter() - start)
    seconds = median(times)
    record(args, "W4-gemm-4096", "numpy", 2, seconds, "total", 2.0 * n ** 3 / seconds / 1e9, "gflops",
           f"np.matmul float32 4096^3; {blas_info()}", flop=2.0 * n ** 3)


# The training products of W3 and W4, as ours names them (gemm-shapes): (m, n, k, op(A) transposed, op(B) transposed).
SHAPES = [(64, 256, 784, False, False), (64, 784, 256, False, True), (784, 256, 64, True, False),
          (64, 128, 256, False, False), (64, 256, 128, False, True), (256, 128, 64, True, False),
          (512, 4096, 4096, False, False), (512, 4096, 4096, False, True), (4096, 4096, 512, True, False)]


def shape_name(m, n, k, ta, tb):
    return f"GEMM-{m}x{n}x{k}-{'T' if ta else 'N'}{'T' if tb else 'N'}"


def median_seconds(action, samples, min_batch_seconds=0.05):
    """QuickTimer's rule (ours): warm up 0.3 s, batch calls to >= min_batch_seconds, median of the batches."""
    start = time.perf_counter()
    while time.perf_counter() - start < 0.3:
        action()
    start = time.perf_counter()
    action()
    once = max(time.perf_counter() - start, 1e-7)
    calls = int(min(max(np.ceil(min_batch_seconds / once), 1), 1_000_000))
    times = []
    for _ in range(samples):
        start = time.perf_counter()
        for _ in range(calls):
            action()
        times.append((time.perf_counter() - start) / calls)
    return median(times)


def gemm_shapes(args):
    rng = np.random.default_rng(7)
    for m, n, k, ta, tb in SHAPES:
        # Stored as ours stores them: A is k x m when transposed, B is n x k when transposed; .T is a view, so
        # np.matmul passes the transpose to sgemm without copying.
        a = rng.uniform(-1, 1, (k, m) if ta else (m, k)).astype(np.float32)
        b = rng.uniform(-1, 1, (n, k) if tb else (k, n)).astype(np.float32)
        op_a, op_b = (a.T if ta else a), (b.T if tb else b)
        c = np.empty((m, n), dtype=np.float32)
        big = m * n * k > 1e9
        seconds = median_seconds(lambda: np.matmul(op_a, op_b, out=c), 3 if args.quick else (5 if big else 9), 0 if big else 0.05)
        flop = 2.0 * m * n * k
        record(args, shape_name(m, n, k, ta, tb), "numpy", 2, seconds, "per-call", flop / seconds / 1e9, "gflops",
               f"np.matmul float32; {blas_info()}", flop=flop)


if __name__ == "__main__":
    arguments = parse(["w1", "gemm", "gemm-shapes"])
    {"w1": w1, "gemm": gemm, "gemm-shapes": gemm_shapes}[arguments.workload](arguments)
