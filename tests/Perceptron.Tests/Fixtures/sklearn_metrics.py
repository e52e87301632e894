"""Reference values for the classification and regression metrics, computed by scikit-learn on fixed predictions.

Writes sklearn_metrics.json beside this script; Metrics/SklearnMetricsTests.cs checks Perceptron's
ClassificationReport, LogLoss, RocAuc, R2Score, MeanAbsoluteErrorMetric and RMSE against it.

Rerun (Debian: apt-get install python3-sklearn; generated with scikit-learn 1.2.1, numpy 1.24.2):
    /usr/bin/python3 tests/Perceptron.Tests/Fixtures/sklearn_metrics.py
The predictions are drawn from a seeded generator and rounded to 6 decimals, so the file is reproducible.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.metrics import (accuracy_score, confusion_matrix, log_loss, mean_absolute_error, mean_squared_error,
                             precision_recall_fscore_support, r2_score, roc_auc_score)

rng = np.random.default_rng(2024)


def probabilities(rows, classes, sharpness):
    logits = rng.normal(size=(rows, classes)) * sharpness
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    return np.round(p / p.sum(axis=1, keepdims=True), 6)


def classification_case(name, truth, proba, classes):
    """truth: class indices; proba: rows x columns (one column = P(class 1))."""
    truth = np.asarray(truth)
    proba = np.asarray(proba, dtype=np.float64)
    predicted = (proba[:, 0] >= 0.5).astype(int) if proba.shape[1] == 1 else proba.argmax(axis=1)
    present = sorted(set(truth.tolist()) | set(predicted.tolist()))  # scikit-learn's default label set
    p, r, f, s = precision_recall_fscore_support(truth, predicted, labels=list(range(classes)), zero_division=0)
    macro = precision_recall_fscore_support(truth, predicted, labels=present, average="macro", zero_division=0)
    weighted = precision_recall_fscore_support(truth, predicted, labels=present, average="weighted", zero_division=0)
    full = np.hstack([1 - proba, proba]) if proba.shape[1] == 1 else proba
    case = {
        "name": name,
        "classes": classes,
        "columns": int(proba.shape[1]),
        "truth": truth.tolist(),
        "probabilities": proba.ravel().tolist(),
        "predicted": predicted.tolist(),
        "accuracy": accuracy_score(truth, predicted),
        "precision": p.tolist(), "recall": r.tolist(), "f1": f.tolist(), "support": s.tolist(),
        "macro": list(macro[:3]), "weighted": list(weighted[:3]),
        "confusion": confusion_matrix(truth, predicted, labels=list(range(classes))).ravel().tolist(),
        "log_loss": log_loss(truth, full, labels=list(range(classes))),
    }
    if classes == 2:
        case["roc_auc"] = roc_auc_score(truth, full[:, 1])
    return case


cases = []

# Four classes, 60 rows, noisy predictions.
truth = rng.integers(0, 4, size=60)
cases.append(classification_case("four_classes", truth, probabilities(60, 4, 1.5), 4))

# Five classes where class 4 never occurs (neither true nor predicted: left out of the macro average) and class 3 is
# true for some rows but never predicted (precision 0 by zero_division).
truth = np.array([0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 0, 1, 2, 3, 0])
proba = probabilities(len(truth), 5, 2.0)
proba[:, 3] = 0.0
proba[:, 4] = 0.0
proba = np.round(proba / proba.sum(axis=1, keepdims=True), 6)
cases.append(classification_case("absent_and_unpredicted_classes", truth, proba, 5))

# Two classes as two softmax columns, with tied scores and a zero probability for a true class (clipped by log_loss).
truth = np.array([0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 1, 1])
score = np.round(rng.uniform(size=len(truth)), 2)
score[[2, 5, 9]] = 0.5          # ties across both classes
score[[3, 7]] = [1.0, 0.0]      # row 3 (class 0) gets P(class 1) = 1; row 7 (class 1) gets 0
cases.append(classification_case("binary_softmax_ties_and_zeros", truth, np.column_stack([1 - score, score]), 2))

# Two classes as one sigmoid column (P(class 1)), imbalanced.
truth = (rng.uniform(size=50) < 0.2).astype(int)
cases.append(classification_case("binary_sigmoid_imbalanced", truth, np.round(rng.uniform(size=(50, 1)) * 0.6 + truth[:, None] * 0.3, 6), 2))

# Regression: targets and predictions.
y = np.round(rng.normal(3, 2, size=40), 4)
pred = np.round(y + rng.normal(0, 1, size=40), 4)
regression = {
    "targets": y.tolist(), "predictions": pred.tolist(),
    "r2": r2_score(y, pred), "mae": mean_absolute_error(y, pred),
    "mse": mean_squared_error(y, pred), "rmse": mean_squared_error(y, pred, squared=False),
}

out = {"generator": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}", "classification": cases, "regression": regression}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "sklearn_metrics.json"), "w") as f:
    json.dump(out, f)
