"""scikit-learn peer: w2 (MLPRegressor) and w3 (MLPClassifier), one partial_fit per epoch, timed.

scikit-learn draws its own (Glorot) initial weights: it has no way in for ours. Its squared-error loss is
half the MSE, so lr 0.2 there makes the same update as lr 0.1 on MSE (ours, PyTorch).
"""
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier, MLPRegressor

from common import blas_info, load, median, mnist, parse, record

warnings.filterwarnings("ignore", category=ConvergenceWarning)


def epochs_timed(model, x, y, epochs, **kwargs):
    times = []
    for _ in range(epochs):
        start = time.perf_counter()
        model.partial_fit(x, y, **kwargs)
        times.append(time.perf_counter() - start)
    return median(times[1:])


def w2(args):
    x, y = load(args, "w2-xtrain.f32", np.float32, (-1, 2)), load(args, "w2-ytrain.f32", np.float32, (-1,))
    xt, yt = load(args, "w2-xtest.f32", np.float32, (-1, 2)), load(args, "w2-ytest.f32", np.float32, (-1,))
    model = MLPRegressor(hidden_layer_sizes=(5,), activation="relu", solver="sgd", learning_rate_init=0.2, batch_size=32,
                         momentum=0.0, nesterovs_momentum=False, alpha=0.0, shuffle=True, random_state=42)
    seconds = epochs_timed(model, x, y, 10 if args.quick else 100)
    test_mse = float(np.mean((model.predict(xt) - yt) ** 2))
    record(args, "W2-framework", "sklearn", 1, seconds, "per-epoch", test_mse, "test_mse",
           f"MLPRegressor sgd lr 0.2 (= MSE lr 0.1); {blas_info()}")


def w3(args):
    x, y, xt, yt = mnist(args)
    epochs = 3 if args.quick else 10
    classes = np.arange(10)
    for name, solver, rate in (("W3-mnist-sgd", "sgd", 0.1), ("W3-mnist-adam", "adam", 1e-3)):
        model = MLPClassifier(hidden_layer_sizes=(256, 128), activation="relu", solver=solver, learning_rate_init=rate,
                              batch_size=64, momentum=0.0, nesterovs_momentum=False, alpha=0.0, shuffle=True, random_state=42)
        seconds = epochs_timed(model, x, y, epochs, classes=classes)
        accuracy = 100.0 * float((model.predict(xt) == yt).mean())
        record(args, name, "sklearn", 2, seconds, "per-epoch", accuracy, "test_accuracy", f"MLPClassifier {solver}; {blas_info()}")


if __name__ == "__main__":
    arguments = parse(["w2", "w3"])
    {"w2": w2, "w3": w3}[arguments.workload](arguments)
