using System.Numerics;

namespace Perceptron.Optimizers;

/// <summary>Adam: adaptive moment estimation, with PyTorch's bias correction and optional L2 weight decay.</summary>
/// <remarks>
/// <code>
/// g ← g + weightDecay·p                                  (L2, coupled; see AdamW for the decoupled form)
/// m ← β1·m + (1 − β1)·g
/// v ← β2·v + (1 − β2)·g²
/// p ← p − (η / (1 − β1^t)) · m / (√v / √(1 − β2^t) + ε)
/// </code>
/// </remarks>
/// <seealso href="https://arxiv.org/abs/1412.6980"/>
public class Adam : Optimizer
{
    /// <summary>Creates an Adam optimizer.</summary>
    /// <param name="learningRate">Step size η &gt; 0; 1e-3 by default.</param>
    /// <param name="beta1">Decay of the first moment, in [0, 1).</param>
    /// <param name="beta2">Decay of the second moment, in [0, 1).</param>
    /// <param name="epsilon">Added to the denominator for stability, &gt; 0 (PyTorch's 1e-8).</param>
    /// <param name="weightDecay">L2 penalty added to the gradient, ≥ 0.</param>
    public Adam(double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0)
        : base(learningRate)
    {
        Beta1 = beta1 is >= 0 and < 1 ? beta1 : throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "beta1 must be in [0, 1).");
        Beta2 = beta2 is >= 0 and < 1 ? beta2 : throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "beta2 must be in [0, 1).");
        Epsilon = epsilon > 0 && double.IsFinite(epsilon) ? epsilon : throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be > 0.");
        WeightDecay = weightDecay >= 0 && double.IsFinite(weightDecay) ? weightDecay : throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "Weight decay must be ≥ 0.");
    }

    /// <summary>First-moment decay β1.</summary>
    public double Beta1 { get; }

    /// <summary>Second-moment decay β2.</summary>
    public double Beta2 { get; }

    /// <summary>Stability term ε.</summary>
    public double Epsilon { get; }

    /// <summary>Weight decay (L2 added to the gradient for Adam; decoupled for AdamW).</summary>
    public double WeightDecay { get; }

    /// <inheritdoc/>
    public override string Name => "adam";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, double> Settings => new Dictionary<string, double>
    {
        ["learning_rate"] = LearningRate,
        ["beta1"] = Beta1,
        ["beta2"] = Beta2,
        ["epsilon"] = Epsilon,
        ["weight_decay"] = WeightDecay,
    };

    /// <summary>Whether weight decay is added to the gradient (Adam) rather than applied to the weights (AdamW).</summary>
    private protected virtual bool CoupledWeightDecay => true;

    private protected override void Update<T>(Span<T> parameters, ReadOnlySpan<T> gradients, int offset, int total)
    {
        Span<T> m = StateBuffer<T>(0, total, offset, parameters.Length);
        Span<T> v = StateBuffer<T>(1, total, offset, parameters.Length);
        double correction1 = 1 - Math.Pow(Beta1, Iterations);
        double correction2 = 1 - Math.Pow(Beta2, Iterations);
        T beta1 = T.CreateTruncating(Beta1), beta2 = T.CreateTruncating(Beta2);
        T oneMinusBeta1 = T.CreateTruncating(1 - Beta1), oneMinusBeta2 = T.CreateTruncating(1 - Beta2);
        T epsilon = T.CreateTruncating(Epsilon);
        T stepSize = T.CreateTruncating(LearningRate / correction1);
        T inverseSqrtCorrection2 = T.CreateTruncating(1 / Math.Sqrt(correction2));
        T l2 = T.CreateTruncating(CoupledWeightDecay ? WeightDecay : 0);
        T shrink = T.CreateTruncating(CoupledWeightDecay ? 1 : 1 - LearningRate * WeightDecay);

        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= parameters.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var p = new Vector<T>(parameters[i..]) * new Vector<T>(shrink);
                var g = new Vector<T>(gradients[i..]) + new Vector<T>(l2) * p;
                var mi = new Vector<T>(beta1) * new Vector<T>(m[i..]) + new Vector<T>(oneMinusBeta1) * g;
                var vi = new Vector<T>(beta2) * new Vector<T>(v[i..]) + new Vector<T>(oneMinusBeta2) * g * g;
                mi.CopyTo(m[i..]);
                vi.CopyTo(v[i..]);
                var denominator = Vector.SquareRoot(vi) * new Vector<T>(inverseSqrtCorrection2) + new Vector<T>(epsilon);
                (p - new Vector<T>(stepSize) * mi / denominator).CopyTo(parameters[i..]);
            }
        }

        for (; i < parameters.Length; i++)
        {
            T p = parameters[i] * shrink;
            T g = gradients[i] + l2 * p;
            m[i] = beta1 * m[i] + oneMinusBeta1 * g;
            v[i] = beta2 * v[i] + oneMinusBeta2 * g * g;
            parameters[i] = p - stepSize * m[i] / (T.Sqrt(v[i]) * inverseSqrtCorrection2 + epsilon);
        }
    }
}
