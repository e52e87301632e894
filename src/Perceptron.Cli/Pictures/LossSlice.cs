using Perceptron.Activations;
using Perceptron.Data;

namespace Perceptron.Cli.Pictures;

/// <summary>
/// A two-parameter slice of a regression network's real training loss: two output weights vary, every other parameter
/// stays as trained. With a linear output and MSE the slice is exactly a quadratic bowl,
/// L(θ) = mean((c_i + θ₁h₁ᵢ + θ₂h₂ᵢ − y_i)²), so its values, gradients and minimum are exact.
/// </summary>
internal sealed class LossSlice
{
    private readonly double[] _h1, _h2, _residual;

    private LossSlice(int unit1, int unit2, double[] h1, double[] h2, double[] residual, double trained1, double trained2)
    {
        (Unit1, Unit2, _h1, _h2, _residual, Trained) = (unit1, unit2, h1, h2, residual, (trained1, trained2));

        // The Hessian 2/n·Σ h hᵀ, its eigenvalues, and the minimum where the gradient is 0.
        double n = h1.Length, a = 0, b = 0, c = 0, g1 = 0, g2 = 0;
        for (int i = 0; i < h1.Length; i++)
        {
            (a, b, c) = (a + (2 * h1[i] * h1[i] / n), b + (2 * h1[i] * h2[i] / n), c + (2 * h2[i] * h2[i] / n));
            (g1, g2) = (g1 + (2 * residual[i] * h1[i] / n), g2 + (2 * residual[i] * h2[i] / n));
        }

        double mean = (a + c) / 2, spread = Math.Sqrt((((a - c) / 2) * ((a - c) / 2)) + (b * b));
        (Steepest, Flattest) = (mean + spread, mean - spread);
        double determinant = (a * c) - (b * b);
        Minimum = ((-(c * g1) + (b * g2)) / determinant, ((b * g1) - (a * g2)) / determinant);
        FlatDirection = Math.Abs(b) > 1e-12 ? Normalise(b, Flattest - a) : (a <= c ? (1.0, 0.0) : (0.0, 1.0));
    }

    /// <summary>The hidden unit whose weight to the output is θ₁ (last hidden layer, from 0).</summary>
    public int Unit1 { get; }

    /// <summary>The hidden unit whose weight to the output is θ₂.</summary>
    public int Unit2 { get; }

    /// <summary>The two weights as training left them.</summary>
    public (double Theta1, double Theta2) Trained { get; }

    /// <summary>Where the slice's loss is lowest.</summary>
    public (double Theta1, double Theta2) Minimum { get; }

    /// <summary>The largest curvature (eigenvalue of the Hessian).</summary>
    public double Steepest { get; }

    /// <summary>The smallest curvature.</summary>
    public double Flattest { get; }

    /// <summary>The unit vector along the flattest direction of the bowl.</summary>
    public (double X, double Y) FlatDirection { get; }

    /// <summary>
    /// The slice through the two output weights (of a regression network with a linear output) whose bowl is closest
    /// to <paramref name="condition"/> times longer than wide: elongated enough to show zig-zags, not so much that
    /// nothing moves.
    /// </summary>
    /// <exception cref="UserException">The network is not a regression network with a linear output and two or more units in its last hidden layer.</exception>
    public static LossSlice Of(NetworkView network, TabularDataset data, double condition = 30, int maxRows = 2000)
    {
        if (network.IsClassifier || network.Layers[^1].Activation != Activation.Linear || network.Layers[^1].Units != 1 || network.Layers.Count < 2 || network.Layers[^2].Units < 2)
        {
            throw new UserException("The optimizer-path picture needs a regression network with a linear output and at least 2 units in its last hidden layer.");
        }

        int rows = Math.Min(data.Rows, maxRows), units = network.Layers[^2].Units;
        var hidden = new double[rows][];
        var rest = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            double[][] levels = network.Forward(data.Features.Row(i));
            hidden[i] = levels[^2];
            rest[i] = levels[^1][0] - data.Targets![i];
        }

        LossSlice? best = null;
        for (int u1 = 0; u1 < units; u1++)
        {
            for (int u2 = u1 + 1; u2 < units; u2++)
            {
                double w1 = network.Weight(network.Layers.Count - 1, u1, 0), w2 = network.Weight(network.Layers.Count - 1, u2, 0);
                double[] h1 = [.. hidden.Select(h => h[u1])], h2 = [.. hidden.Select(h => h[u2])];

                // The residual without these two weights' share: c_i − y_i.
                double[] residual = [.. Enumerable.Range(0, rows).Select(i => rest[i] - (w1 * h1[i]) - (w2 * h2[i]))];
                var slice = new LossSlice(u1, u2, h1, h2, residual, w1, w2);
                if (slice.Flattest > 1e-9 && (best is null || Distance(slice, condition) < Distance(best, condition)))
                {
                    best = slice;
                }
            }
        }

        return best ?? throw new UserException("The last hidden layer's units are dead or identical, so every slice of the loss is flat.");
    }

    /// <summary>The training loss (MSE) at (θ₁, θ₂).</summary>
    public double Loss(double theta1, double theta2)
    {
        double sum = 0;
        for (int i = 0; i < _h1.Length; i++)
        {
            double error = _residual[i] + (theta1 * _h1[i]) + (theta2 * _h2[i]);
            sum += error * error;
        }

        return sum / _h1.Length;
    }

    /// <summary>∂L/∂θ at (θ₁, θ₂).</summary>
    public (double G1, double G2) Gradient(double theta1, double theta2)
    {
        double g1 = 0, g2 = 0;
        for (int i = 0; i < _h1.Length; i++)
        {
            double error = 2 * (_residual[i] + (theta1 * _h1[i]) + (theta2 * _h2[i])) / _h1.Length;
            (g1, g2) = (g1 + (error * _h1[i]), g2 + (error * _h2[i]));
        }

        return (g1, g2);
    }

    /// <summary>
    /// The path of <paramref name="optimizer"/> from <paramref name="start"/>: the library's own update, on the slice's exact
    /// gradient, for <paramref name="steps"/> steps (stopping early if it leaves the finite numbers).
    /// </summary>
    public IReadOnlyList<(double Theta1, double Theta2)> Path(Optimizers.Optimizer optimizer, (double Theta1, double Theta2) start, int steps)
    {
        var path = new List<(double, double)> { start };
        double[] theta = [start.Theta1, start.Theta2];
        for (int step = 0; step < steps; step++)
        {
            var (g1, g2) = Gradient(theta[0], theta[1]);
            optimizer.Step<double>(theta, [g1, g2]);
            if (!double.IsFinite(theta[0]) || !double.IsFinite(theta[1]))
            {
                break;
            }

            path.Add((theta[0], theta[1]));
        }

        return path;
    }

    private static double Distance(LossSlice slice, double condition) => Math.Abs(Math.Log(slice.Steepest / slice.Flattest / condition));

    private static (double, double) Normalise(double x, double y)
    {
        double length = Math.Sqrt((x * x) + (y * y));
        return (x / length, y / length);
    }
}
