"""Writes classic_reference.json: the original educational MLP's training, in NumPy, from fixed weights.

An independent rendering of the original algorithm (forward_propagate, back_propagate, gradient_descent,
train), extended with biases the way MultilayerPerceptron does (b += learning_rate * delta). The C# tests
replay the same initial weights and data through Perceptron.Classic.MultilayerPerceptron and require the
final weights and every epoch's error to agree within 1e-12.

Run by hand (not in CI), from the repository root:
    apt-get install python3-numpy
    python3 tests/Perceptron.Tests/Fixtures/classic_reference.py
"""
import json
import os

import numpy as np


def sigmoid(x):
    return 1.0 / (1 + np.exp(-x))


def train(weights, biases, inputs, targets, epochs, learning_rate, use_biases):
    activations = [None] * (len(weights) + 1)
    errors = []
    for _ in range(epochs):
        sum_errors = 0.0
        for x, target in zip(inputs, targets):
            # forward_propagate
            a = x
            activations[0] = a
            for i, w in enumerate(weights):
                net = np.dot(a, w) + (biases[i] if use_biases else 0.0)
                a = sigmoid(net)
                activations[i + 1] = a
            output = a
            error = target - output
            # back_propagate
            derivatives = [None] * len(weights)
            deltas = [None] * len(weights)
            for i in reversed(range(len(weights))):
                delta = error * activations[i + 1] * (1.0 - activations[i + 1])
                derivatives[i] = np.outer(activations[i], delta)
                deltas[i] = delta
                error = np.dot(delta, weights[i].T)
            # gradient_descent
            for i in range(len(weights)):
                weights[i] += derivatives[i] * learning_rate
                if use_biases:
                    biases[i] += deltas[i] * learning_rate
            sum_errors += np.average((target - output) ** 2)
        errors.append(sum_errors / len(inputs))
    return errors


def case(name, layers, samples, epochs, learning_rate, use_biases, seed):
    rng = np.random.default_rng(seed)
    weights = [rng.random((layers[i], layers[i + 1])) for i in range(len(layers) - 1)]
    biases = [rng.random(layers[i + 1]) - 0.5 for i in range(len(layers) - 1)]
    inputs = rng.random((samples, layers[0])) / 2
    targets = rng.random((samples, layers[-1]))
    initial = {"weights": [w.tolist() for w in weights], "biases": [b.tolist() for b in biases]}
    errors = train(weights, biases, inputs, targets, epochs, learning_rate, use_biases)
    return {
        "name": name, "layers": layers, "epochs": epochs, "learningRate": learning_rate, "useBiases": use_biases,
        "inputs": inputs.tolist(), "targets": targets.tolist(), "initial": initial,
        "final": {"weights": [w.tolist() for w in weights], "biases": [b.tolist() for b in biases]},
        "errors": errors,
    }


cases = [
    case("2-5-1 no biases (the original)", [2, 5, 1], 50, 5, 0.1, False, 1),
    case("2-5-1 biases", [2, 5, 1], 50, 5, 0.1, True, 2),
    case("3-4-3-2 biases", [3, 4, 3, 2], 40, 4, 0.5, True, 3),
    case("4-3-3-3-3 no biases", [4, 3, 3, 3, 3], 30, 3, 1.0, False, 4),
]
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "classic_reference.json")
with open(path, "w") as f:
    json.dump({"generator": "classic_reference.py (NumPy " + np.__version__ + ")", "cases": cases}, f, indent=1)
print("wrote", path)
