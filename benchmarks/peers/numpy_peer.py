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
           f"np.matmul float32 4096^3; {blas_info()}")


if __name__ == "__main__":
    arguments = parse(["w1", "gemm"])
    {"w1": w1, "gemm": gemm}[arguments.workload](arguments)
