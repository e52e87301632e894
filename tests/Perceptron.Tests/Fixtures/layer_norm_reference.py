"""Writes layer_norm_reference.json: what torch.nn.LayerNorm computes, forward and backward, in float32.

For one batch of 5 rows × 6 columns with seeded inputs, a seeded scale γ and shift β (not the 1 and 0 a fresh layer
starts from, so every term of the backward pass matters) and a seeded upstream gradient dY, it records the output
y = LayerNorm(x), and the gradients of Σ(y ⊙ dY) with respect to x, γ and β. ε is PyTorch's default, 1e-5.

The C# side (Layers/LayerNormalizationTests.cs) sets the same γ, β and input and must agree within
Support/Tolerances.cs's float32 bounds.

Run by hand (not in CI), from the repository root, with Debian's PyTorch:
    apt-get install python3-torch
    /usr/bin/python3 tests/Perceptron.Tests/Fixtures/layer_norm_reference.py
"""
import json
import os

import torch

torch.set_num_threads(1)
ROWS, COLUMNS, EPSILON = 5, 6, 1e-5


def rounded(tensor):
    """Nested lists rounded to 9 significant digits, which round-trips every float32."""
    return [float(f"{v:.9g}") for v in tensor.detach().reshape(-1).tolist()]


generator = torch.Generator().manual_seed(20240531)
x = (torch.randn(ROWS, COLUMNS, generator=generator) * 3 + 1).requires_grad_(True)
gamma = torch.rand(COLUMNS, generator=generator) + 0.5
beta = torch.randn(COLUMNS, generator=generator)
upstream = torch.randn(ROWS, COLUMNS, generator=generator)

norm = torch.nn.LayerNorm(COLUMNS, eps=EPSILON)
with torch.no_grad():
    norm.weight.copy_(gamma)
    norm.bias.copy_(beta)
y = norm(x)
(y * upstream).sum().backward()

fixture = {
    "rows": ROWS,
    "columns": COLUMNS,
    "epsilon": EPSILON,
    "x": rounded(x),
    "gamma": rounded(gamma),
    "beta": rounded(beta),
    "dy": rounded(upstream),
    "y": rounded(y),
    "dx": rounded(x.grad),
    "dgamma": rounded(norm.weight.grad),
    "dbeta": rounded(norm.bias.grad),
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "layer_norm_reference.json")
with open(path, "w", encoding="utf-8") as file:
    json.dump(fixture, file, indent=1)
    file.write("\n")
print(f"wrote {path}")
