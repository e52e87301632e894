namespace Perceptron.Tests.Explain;

/// <summary>
/// A feed-forward network in plain double loops, for one row, built from the weights and dropout masks an explanation
/// reports: the independent recomputation the explain tests compare every number with.
/// </summary>
internal sealed class ReferenceNetwork(IReadOnlyList<ReferenceNetwork.Layer> layers, string loss)
{
    /// <summary>A dense layer (W, b, activation, L2) or a dropout layer (its mask).</summary>
    public sealed record Layer(double[,]? W, double[]? B, string Activation, double L2, double[]? Mask)
    {
        public bool IsDense => W is not null;
    }

    public IReadOnlyList<Layer> Layers => layers;

    /// <summary>h (pre-activations; null for dropout) and a (outputs) of every layer; a[0] is the input.</summary>
    public (double[]?[] H, double[][] A) Forward(double[] x)
    {
        var h = new double[]?[layers.Count];
        var a = new double[layers.Count + 1][];
        a[0] = x;
        for (int i = 0; i < layers.Count; i++)
        {
            Layer layer = layers[i];
            if (!layer.IsDense)
            {
                a[i + 1] = [.. a[i].Select((v, k) => v * layer.Mask![k])];
                continue;
            }

            int units = layer.W!.GetLength(1);
            var z = new double[units];
            for (int j = 0; j < units; j++)
            {
                z[j] = layer.B?[j] ?? 0;
                for (int k = 0; k < a[i].Length; k++)
                {
                    z[j] += a[i][k] * layer.W[k, j];
                }
            }

            h[i] = z;
            a[i + 1] = ReferenceMath.Activate(layer.Activation, z);
        }

        return (h, a);
    }

    public double DataLoss(double[] x, double[] y)
    {
        var (h, a) = Forward(x);
        return ReferenceMath.Loss(loss, ReferenceMath.TakesLogits(loss) ? h[^1]! : a[^1], y);
    }

    public double Penalty() => layers.Where(l => l.IsDense).Sum(l => l.L2 * l.W!.Cast<double>().Sum(w => w * w));

    public double Objective(double[] x, double[] y) => DataLoss(x, y) + Penalty();

    /// <summary>The analytic backward pass: per layer, ∂L/∂a (incoming), δ, ∂L/∂W, ∂L/∂b and ∂L/∂a passed down.</summary>
    public Gradients[] Backward(double[] x, double[] y)
    {
        var (h, a) = Forward(x);
        bool logits = ReferenceMath.TakesLogits(loss);
        var result = new Gradients[layers.Count];
        double[] upstream = ReferenceMath.LossGradient(loss, logits ? h[^1]! : a[^1], y);
        for (int i = layers.Count - 1; i >= 0; i--)
        {
            Layer layer = layers[i];
            if (!layer.IsDense)
            {
                double[] down = [.. upstream.Select((g, k) => g * layer.Mask![k])];
                result[i] = new Gradients(upstream, null, null, null, down);
                upstream = down;
                continue;
            }

            // The loss gradient is already ∂L/∂h for the logit losses.
            double[] delta = i == layers.Count - 1 && logits ? upstream : ReferenceMath.Backward(layer.Activation, h[i]!, upstream);
            int inputs = layer.W!.GetLength(0), units = layer.W.GetLength(1);
            var dW = new double[inputs, units];
            var dX = new double[inputs];
            for (int k = 0; k < inputs; k++)
            {
                for (int j = 0; j < units; j++)
                {
                    dW[k, j] = a[i][k] * delta[j] + 2 * layer.L2 * layer.W[k, j];
                    dX[k] += delta[j] * layer.W[k, j];
                }
            }

            result[i] = new Gradients(upstream, delta, dW, layer.B is null ? null : delta, dX);
            upstream = dX;
        }

        return result;
    }

    /// <summary>Central differences of the objective with respect to every weight and bias of layer i (step 1e-6).</summary>
    public (double[,] W, double[]? B) NumericGradients(int i, double[] x, double[] y)
    {
        const double Step = 1e-6;
        Layer layer = layers[i];
        var dW = new double[layer.W!.GetLength(0), layer.W.GetLength(1)];
        for (int k = 0; k < dW.GetLength(0); k++)
        {
            for (int j = 0; j < dW.GetLength(1); j++)
            {
                double saved = layer.W[k, j];
                layer.W[k, j] = saved + Step;
                double plus = Objective(x, y);
                layer.W[k, j] = saved - Step;
                double minus = Objective(x, y);
                layer.W[k, j] = saved;
                dW[k, j] = (plus - minus) / (2 * Step);
            }
        }

        double[]? dB = null;
        if (layer.B is not null)
        {
            dB = new double[layer.B.Length];
            for (int j = 0; j < dB.Length; j++)
            {
                double saved = layer.B[j];
                layer.B[j] = saved + Step;
                double plus = Objective(x, y);
                layer.B[j] = saved - Step;
                double minus = Objective(x, y);
                layer.B[j] = saved;
                dB[j] = (plus - minus) / (2 * Step);
            }
        }

        return (dW, dB);
    }

    public sealed record Gradients(double[] OutputGradient, double[]? Delta, double[,]? W, double[]? B, double[] InputGradient);
}
