"""Writes torch_reference.json: what PyTorch computes for small MLPs, from fixed weights, in float32.

For three nets (ReLU + MSE regression, tanh + softmax cross-entropy classification, sigmoid + sigmoid
binary cross-entropy multi-label), each with L2 λ = 0 and λ = 0.01, and for each optimizer (SGD with
momentum 0.9, Adam, AdamW, RMSprop) it records, starting from seeded weights and data:

  * the loss of the first batch and every parameter's gradient, before any step;
  * the parameters after one optimizer step on the first batch;
  * the loss of each of 20 steps and the parameters after them: 5 epochs over 4 consecutive
    batches of 8 rows, in order (no shuffling).

The C# side (Training/TorchReferenceTests.cs) builds the same Sequential<float>, sets the same weights and
must agree within Support/Tolerances.cs's float32 bounds.

Conventions, matching the engine:
  * Parameters are written in the engine's layout: per layer "W" is [inputs][units] (the transpose of
    torch.nn.Linear.weight, which is [out, in]) and "b" has one entry per unit.
  * Softmax cross-entropy takes logits (torch CrossEntropyLoss on the last Linear); the engine fuses
    Softmax + SparseCategoricalCrossEntropy the same way. Class targets are one column of indices.
  * Binary cross-entropy takes logits (torch BCEWithLogitsLoss); the engine fuses Sigmoid + BinaryCrossEntropy.
  * L2 adds λ·Σw² over each layer's weight matrix (not its bias) to the loss, written out explicitly here
    (not through an optimizer's weight_decay).
  * Numbers are rounded to 9 significant digits, which round-trips every float32 exactly.

Run by hand (not in CI), from the repository root, with Debian's PyTorch:
    apt-get install python3-torch
    /usr/bin/python3 tests/Perceptron.Tests/Fixtures/torch_reference.py
"""
import json
import os

import numpy as np
import torch

torch.set_num_threads(1)  # one summation order per run; the results do not depend on the machine's cores

BATCHES = 4
BATCH_SIZE = 8
EPOCHS = 5
L2_VALUES = [0.0, 0.01]

# name, layer sizes, hidden activation, loss kind
NETS = [
    ("relu_mse", [4, 8, 6, 2], "relu", "mse"),
    ("tanh_softmax_ce", [4, 8, 3], "tanh", "sparse_ce"),
    ("sigmoid_bce", [4, 6, 2], "sigmoid", "bce"),
]

# name, constructor, the settings the C# test passes to the engine's optimizer of the same name
OPTIMIZERS = [
    ("sgd", lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9), {"learningRate": 0.05, "momentum": 0.9}),
    ("adam", lambda p: torch.optim.Adam(p, lr=0.01, eps=1e-8), {"learningRate": 0.01}),
    ("adamw", lambda p: torch.optim.AdamW(p, lr=0.01, eps=1e-8, weight_decay=0.01), {"learningRate": 0.01, "weightDecay": 0.01}),
    ("rmsprop", lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.99, eps=1e-8), {"learningRate": 0.01}),
]

ACTIVATIONS = {"relu": torch.relu, "tanh": torch.tanh, "sigmoid": torch.sigmoid}


def r(value):
    """Rounds a float32 to 9 significant digits (exact for float32)."""
    return float("%.9g" % value)


def rounded(tensor):
    return json.loads(json.dumps(tensor.detach().double().tolist()), parse_float=lambda s: r(float(s)))


def make_net(name, sizes, hidden, loss_kind, seed):
    """Seeded initial parameters (engine layout) and data."""
    g = torch.Generator().manual_seed(seed)
    layers = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        bound = (6.0 / (n_in + n_out)) ** 0.5  # Glorot uniform, as the engine would start
        w = (torch.rand(n_in, n_out, generator=g) * 2 - 1) * bound
        b = (torch.rand(n_out, generator=g) * 2 - 1) * 0.2  # non-zero, to exercise the bias path
        layers.append((w.float(), b.float()))
    rows = BATCHES * BATCH_SIZE
    x = torch.randn(rows, sizes[0], generator=g)
    if loss_kind == "mse":
        y = torch.randn(rows, sizes[-1], generator=g)
    elif loss_kind == "sparse_ce":
        y = torch.randint(0, sizes[-1], (rows, 1), generator=g).float()
    else:
        y = (torch.rand(rows, sizes[-1], generator=g) < 0.5).float()
    return {
        "name": name, "layers": sizes, "hidden": hidden, "loss": loss_kind,
        "initial": [{"W": rounded(w), "b": rounded(b)} for w, b in layers],
        "x": rounded(x), "y": rounded(y),
    }, layers, x, y


class Model(torch.nn.Module):
    def __init__(self, layers, hidden):
        super().__init__()
        self.linears = torch.nn.ModuleList()
        for w, b in layers:
            linear = torch.nn.Linear(w.shape[0], w.shape[1])
            with torch.no_grad():
                linear.weight.copy_(w.t())  # ours [in, out] → torch [out, in]
                linear.bias.copy_(b)
            self.linears.append(linear)
        self.hidden = ACTIVATIONS[hidden]

    def forward(self, x):
        for i, linear in enumerate(self.linears):
            x = linear(x)
            if i < len(self.linears) - 1:
                x = self.hidden(x)
        return x  # linear output, or logits for the fused losses


def loss_fn(model, loss_kind, lam, x, y):
    out = model(x)
    if loss_kind == "mse":
        loss = torch.nn.functional.mse_loss(out, y)
    elif loss_kind == "sparse_ce":
        loss = torch.nn.functional.cross_entropy(out, y[:, 0].long())
    else:
        loss = torch.nn.functional.binary_cross_entropy_with_logits(out, y)
    for linear in model.linears:
        loss = loss + lam * (linear.weight ** 2).sum()
    return loss


def parameters(model):
    return [{"W": rounded(l.weight.t()), "b": rounded(l.bias)} for l in model.linears]


def gradients(model):
    return [{"W": rounded(l.weight.grad.t()), "b": rounded(l.bias.grad)} for l in model.linears]


def batch(x, y, k):
    k %= BATCHES
    return x[k * BATCH_SIZE:(k + 1) * BATCH_SIZE], y[k * BATCH_SIZE:(k + 1) * BATCH_SIZE]


def run_case(net, layers, x, y, lam, opt_name, make_opt, settings):
    # Loss and gradients of the first batch, before any step.
    model = Model(layers, net["hidden"])
    x0, y0 = batch(x, y, 0)
    loss0 = loss_fn(model, net["loss"], lam, x0, y0)
    loss0.backward()
    first = {"loss": r(loss0.item()), "gradients": gradients(model)}

    # One step on the first batch, from a fresh model.
    model = Model(layers, net["hidden"])
    opt = make_opt(model.parameters())
    opt.zero_grad()
    loss_fn(model, net["loss"], lam, x0, y0).backward()
    opt.step()
    after1 = parameters(model)

    # 20 steps: 5 epochs of the 4 batches in order, from a fresh model.
    model = Model(layers, net["hidden"])
    opt = make_opt(model.parameters())
    losses = []
    for step in range(EPOCHS * BATCHES):
        xb, yb = batch(x, y, step)
        opt.zero_grad()
        loss = loss_fn(model, net["loss"], lam, xb, yb)
        loss.backward()
        opt.step()
        losses.append(r(loss.item()))
    return {
        "net": net["name"], "l2": lam, "optimizer": opt_name, "settings": settings,
        "first": first, "afterOneStep": after1,
        "losses": losses, "afterAllSteps": parameters(model),
    }


def main():
    nets, cases = [], []
    for seed, (name, sizes, hidden, loss_kind) in enumerate(NETS, start=1):
        net, layers, x, y = make_net(name, sizes, hidden, loss_kind, seed)
        nets.append(net)
        for lam in L2_VALUES:
            for opt_name, make_opt, settings in OPTIMIZERS:
                cases.append(run_case(net, layers, x, y, lam, opt_name, make_opt, settings))
    document = {
        "generator": "torch_reference.py (PyTorch %s, NumPy %s), float32" % (torch.__version__, np.__version__),
        "batchSize": BATCH_SIZE, "batches": BATCHES, "epochs": EPOCHS,
        "nets": nets, "cases": cases,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "torch_reference.json")
    with open(path, "w") as f:
        # One net or case per line: small, and diffs stay readable.
        f.write("{\n")
        items = [(k, v) for k, v in document.items() if k not in ("nets", "cases")]
        for k, v in items:
            f.write(" %s: %s,\n" % (json.dumps(k), json.dumps(v)))
        for key in ("nets", "cases"):
            f.write(' "%s": [\n' % key)
            f.write(",\n".join("  " + json.dumps(item, separators=(",", ":")) for item in document[key]))
            f.write("\n ]%s\n" % ("," if key == "nets" else ""))
        f.write("}\n")
    print("wrote", path, "with", len(cases), "cases")


if __name__ == "__main__":
    main()
