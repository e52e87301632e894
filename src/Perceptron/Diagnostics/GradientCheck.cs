using Perceptron.Tensors;
using Perceptron.Training;

namespace Perceptron.Diagnostics;

/// <summary>
/// Checks a model's backward pass against central finite differences of its loss, in float64, tensor by tensor:
/// the way to trust a hand-written activation, loss or layer.
/// </summary>
/// <remarks>
/// <para>
/// For each parameter p the numeric gradient is (f(p + h) − f(p − h)) / 2h, where f is the objective
/// <see cref="Sequential{T}.ComputeGradients"/> returns (data loss + penalty) on the whole batch. It is compared with
/// the analytic gradient a by the relative error |a − n| / (max(|a|, |n|) + floor); a tensor passes when its largest
/// relative error is at most <see cref="GradientCheckOptions.RelativeTolerance"/> (1e-5 by default).
/// </para>
/// <para>
/// Functions with kinks (ReLU at 0, MAE where the prediction equals the target, Huber at ±δ) have no derivative
/// there: an element within h of a kink may fail without a bug. Random inputs land on a kink with probability ~0.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var model = new Sequential&lt;double&gt;(new Dense&lt;double&gt;(4, new MyActivation(), inputs: 3), new Dense&lt;double&gt;(1));
/// model.Compile(new Sgd(0.1), new MeanSquaredError());
/// GradientCheckResult result = GradientCheck.Run(model, x, y);
/// Console.WriteLine(result);          // one line per tensor: worst relative error, where, ok/FAILED
/// </code>
/// </example>
public static class GradientCheck
{
    /// <summary>Checks a float64 model on one batch. The parameters are restored afterwards; the gradients are left as the backward pass computed them.</summary>
    /// <param name="model">A compiled model.</param>
    /// <param name="x">Inputs, rows × features.</param>
    /// <param name="y">Targets, as for Fit.</param>
    /// <param name="options">Step, tolerance, sampling; the defaults when null.</param>
    /// <returns>Each parameter tensor's worst relative error and verdict.</returns>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    /// <exception cref="ArgumentException">Bad data or options.</exception>
    public static GradientCheckResult Run(Sequential<double> model, Matrix<double> x, Matrix<double> y, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new GradientCheckOptions();
        CheckOptions(options);
        double loss = model.ComputeGradients(x, y, options.Epoch).Total;
        double[] analytic = model.Gradients.ToArray();
        var checks = new List<TensorCheck>();
        foreach (ParameterTensor tensor in ParameterTensor.Of(model))
        {
            checks.Add(CheckTensor(model, x, y, tensor, analytic, options));
        }

        // Leave the gradients as the unperturbed backward pass computed them.
        model.ComputeGradients(x, y, options.Epoch);
        return new GradientCheckResult(checks, loss, options);
    }

    /// <summary>
    /// Checks a float32 model by checking a float64 copy of it (same layers, weights, activations, loss and seed), since
    /// float32 finite differences are too coarse to tell a small bug from rounding. The model itself is not changed.
    /// </summary>
    /// <param name="model">A compiled model of Dense, Dropout and LayerNormalization layers.</param>
    /// <param name="x">Inputs, rows × features.</param>
    /// <param name="y">Targets, as for Fit.</param>
    /// <param name="options">Step, tolerance, sampling; the defaults when null.</param>
    /// <returns>Each parameter tensor's worst relative error and verdict.</returns>
    /// <exception cref="ArgumentException">A layer kind the copy cannot be made of (build that model as <c>Sequential&lt;double&gt;</c> instead), or bad data.</exception>
    public static GradientCheckResult Run(Sequential<float> model, Matrix<float> x, Matrix<float> y, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return Run(ModelConversion.ToDouble(model), ModelConversion.ToDouble(x), ModelConversion.ToDouble(y), options);
    }

    private static TensorCheck CheckTensor(Sequential<double> model, Matrix<double> x, Matrix<double> y, ParameterTensor tensor, double[] analytic, GradientCheckOptions options)
    {
        int count = Math.Min(tensor.Length, options.ElementsPerTensor ?? int.MaxValue);
        double worstError = -1, worstAnalytic = 0, worstNumeric = 0;
        int worstIndex = 0;
        for (int k = 0; k < count; k++)
        {
            // Spread the sampled elements evenly over the tensor (all of them when count = length).
            int index = (int)((long)k * tensor.Length / count);
            int at = tensor.Offset + index;
            double saved = model.Parameters[at];
            model.Parameters[at] = saved + options.Step;
            double plus = model.ComputeGradients(x, y, options.Epoch).Total;
            model.Parameters[at] = saved - options.Step;
            double minus = model.ComputeGradients(x, y, options.Epoch).Total;
            model.Parameters[at] = saved;

            double numeric = (plus - minus) / (2 * options.Step);
            double error = Math.Abs(analytic[at] - numeric) / (Math.Max(Math.Abs(analytic[at]), Math.Abs(numeric)) + options.Floor);
            if (!(error <= worstError))
            {
                // "not ≤" so that a NaN error becomes the worst.
                (worstError, worstIndex, worstAnalytic, worstNumeric) = (error, index, analytic[at], numeric);
            }
        }

        return new TensorCheck(tensor, count, worstError, worstIndex, worstAnalytic, worstNumeric, worstError <= options.RelativeTolerance);
    }

    private static void CheckOptions(GradientCheckOptions options)
    {
        if (!(options.Step > 0) || !double.IsFinite(options.Step) || !(options.RelativeTolerance > 0) || !(options.Floor >= 0) || options.ElementsPerTensor is < 1 || options.Epoch < 0)
        {
            throw new ArgumentException("Gradient check options need step > 0, relative tolerance > 0, floor ≥ 0, elements per tensor ≥ 1 and epoch ≥ 0.", nameof(options));
        }
    }
}
