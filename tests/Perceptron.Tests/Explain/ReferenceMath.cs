namespace Perceptron.Tests.Explain;

/// <summary>
/// The published formulas in plain double loops, written apart from the library (tests only): activations and their
/// derivatives, losses and their gradients with respect to the output (or to the logits for the cross-entropies),
/// for one row.
/// </summary>
internal static class ReferenceMath
{
    public static double[] Activate(string name, double[] z)
    {
        if (name == "softmax")
        {
            double max = z.Max();
            double[] e = [.. z.Select(v => Math.Exp(v - max))];
            double sum = e.Sum();
            return [.. e.Select(v => v / sum)];
        }

        return [.. z.Select(v => name switch
        {
            "linear" => v,
            "sigmoid" => 1 / (1 + Math.Exp(-v)),
            "tanh" => Math.Tanh(v),
            "relu" => Math.Max(v, 0),
            "leaky_relu" => v > 0 ? v : 0.01 * v,
            "elu" => v > 0 ? v : Math.Exp(v) - 1,
            "gelu" => 0.5 * v * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v))),
            _ => throw new ArgumentException(name),
        })];
    }

    /// <summary>f′(z) for the element-wise activations.</summary>
    public static double[] Derivative(string name, double[] z) => [.. z.Select(v => name switch
    {
        "linear" => 1,
        "sigmoid" => Sigmoid(v) * (1 - Sigmoid(v)),
        "tanh" => 1 - Math.Tanh(v) * Math.Tanh(v),
        "relu" => v > 0 ? 1 : 0,
        "leaky_relu" => v > 0 ? 1 : 0.01,
        "elu" => v > 0 ? 1 : Math.Exp(v),
        "gelu" => GeluDerivative(v),
        _ => throw new ArgumentException(name),
    })];

    /// <summary>∂L/∂z from ∂L/∂a for any activation (the softmax Jacobian for softmax).</summary>
    public static double[] Backward(string name, double[] z, double[] dA)
    {
        if (name != "softmax")
        {
            double[] slope = Derivative(name, z);
            return [.. dA.Select((d, i) => d * slope[i])];
        }

        double[] a = Activate("softmax", z);
        var dZ = new double[z.Length];
        for (int i = 0; i < z.Length; i++)
        {
            for (int j = 0; j < z.Length; j++)
            {
                // ∂a_j/∂z_i = a_j(δ_ij − a_i)
                dZ[i] += dA[j] * a[j] * ((i == j ? 1 : 0) - a[i]);
            }
        }

        return dZ;
    }

    /// <summary>Whether the loss takes the logits (the last layer's pre-activations).</summary>
    public static bool TakesLogits(string loss) => loss is "binary_crossentropy" or "categorical_crossentropy" or "sparse_categorical_crossentropy";

    /// <summary>The loss of one row: <paramref name="p"/> is the output, or the logits for the cross-entropies.</summary>
    public static double Loss(string name, double[] p, double[] y)
    {
        int k = p.Length;
        switch (name)
        {
            case "mse": return p.Select((v, i) => (v - y[i]) * (v - y[i])).Sum() / k;
            case "mae": return p.Select((v, i) => Math.Abs(v - y[i])).Sum() / k;
            case "huber": return p.Select((v, i) => Math.Abs(v - y[i]) <= 1 ? 0.5 * (v - y[i]) * (v - y[i]) : Math.Abs(v - y[i]) - 0.5).Sum() / k;
            case "binary_crossentropy": return p.Select((z, i) => -(y[i] * Math.Log(Sigmoid(z)) + (1 - y[i]) * Math.Log(1 - Sigmoid(z)))).Sum() / k;
            case "categorical_crossentropy": return -p.Select((_, i) => y[i] * Math.Log(Activate("softmax", p)[i])).Sum();
            case "sparse_categorical_crossentropy": return -Math.Log(Activate("softmax", p)[(int)y[0]]);
            default: throw new ArgumentException(name);
        }
    }

    /// <summary>∂loss/∂p for one row.</summary>
    public static double[] LossGradient(string name, double[] p, double[] y)
    {
        int k = p.Length;
        return name switch
        {
            "mse" => [.. p.Select((v, i) => 2 * (v - y[i]) / k)],
            "mae" => [.. p.Select((v, i) => Math.Sign(v - y[i]) / (double)k)],
            "huber" => [.. p.Select((v, i) => (Math.Abs(v - y[i]) <= 1 ? v - y[i] : Math.Sign(v - y[i])) / k)],
            "binary_crossentropy" => [.. p.Select((z, i) => (Sigmoid(z) - y[i]) / k)],
            "categorical_crossentropy" => [.. Activate("softmax", p).Select((s, i) => s * y.Sum() - y[i])],
            "sparse_categorical_crossentropy" => [.. Activate("softmax", p).Select((s, i) => s - (i == (int)y[0] ? 1 : 0))],
            _ => throw new ArgumentException(name),
        };
    }

    public static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

    private static double GeluDerivative(double x)
    {
        // d/dx ½x(1 + tanh u), u = c(x + 0.044715x³)
        double c = Math.Sqrt(2 / Math.PI), u = c * (x + 0.044715 * x * x * x), t = Math.Tanh(u);
        return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * c * (1 + 3 * 0.044715 * x * x);
    }
}
