namespace Perceptron.Explain;

/// <summary>
/// The source lines that compute each explained value. Each entry names a file, a line and the code quoted from it;
/// <c>ExplainSourcesTests</c> checks every quote is still on its line, and
/// <c>python3 docs/tools/update_line_links.py</c> re-points the line numbers (and the file, if the code moved) after
/// an edit, by finding the quoted code.
/// </summary>
internal static class SourceLines
{
    private const string Classic = "src/Perceptron/Classic/MultilayerPerceptron.cs";
    private const string Dense = "src/Perceptron/Layers/Dense.cs";
    private const string Dropout = "src/Perceptron/Layers/Dropout.cs";
    private const string Fit = "src/Perceptron/Training/Sequential.Fit.cs";
    private const string Sgd = "src/Perceptron/Optimizers/Sgd.cs";
    private const string Adam = "src/Perceptron/Optimizers/Adam.cs";
    private const string RmsProp = "src/Perceptron/Optimizers/RmsProp.cs";

    // The classic network.
    public static readonly SourceLine ClassicWeights = Line(Classic, 126, "public double[][,] Weights { get; }");
    public static readonly SourceLine ClassicBiases = Line(Classic, 129, "public double[][] Biases { get; }");
    public static readonly SourceLine ClassicInput = Line(Classic, 160, "Array.Copy(inputs, Activations[0], inputs.Length);");
    public static readonly SourceLine ClassicNetBias = Line(Classic, 170, "double net = UseBiases ? Biases[i][j] : 0.0;");
    public static readonly SourceLine ClassicNet = Line(Classic, 173, "net += a[k] * w[k, j];");
    public static readonly SourceLine ClassicActivation = Line(Classic, 176, "next[j] = Sigmoid(net);");
    public static readonly SourceLine ClassicSigmoid = Line(Classic, 354, "public static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));");
    public static readonly SourceLine ClassicDelta = Line(Classic, 208, "delta[j] = error[j] * SigmoidDerivative(a[j]);");
    public static readonly SourceLine ClassicDerivatives = Line(Classic, 217, "derivatives[k, j] = aPrev[k] * delta[j];");
    public static readonly SourceLine ClassicErrorDown = Line(Classic, 228, "sum += delta[j] * w[k, j];");
    public static readonly SourceLine ClassicWeightUpdate = Line(Classic, 258, "w[k, j] += derivatives[k, j] * learningRate;");
    public static readonly SourceLine ClassicBiasUpdate = Line(Classic, 267, "b[j] += BiasDerivatives[i][j] * learningRate;");
    public static readonly SourceLine ClassicError = Line(Classic, 335, "error[o] = target[o] - output[o];");
    public static readonly SourceLine ClassicMse = Line(Classic, 380, "sum += difference * difference;");

    // The engine: the model's step.
    public static readonly SourceLine EngineGather = Line(Fit, 288, "x.Data.AsSpan(rows[i] * x.Columns, x.Columns).CopyTo(inputs.Slice(i * x.Columns, x.Columns));");
    public static readonly SourceLine EngineLoss = Line(Fit, 266, "double loss = _lossCompute!(lossInput, targets, Rows(_outputGradients[layers], batch, outputs), batch, outputs);");
    public static readonly SourceLine EnginePenalty = Line(Fit, 320, "penalty += layer.Penalty();");

    // Dense.
    public static readonly SourceLine DenseWeights = Line(Dense, 90, "public Span<T> Weights => CheckBuilt()._weights.Span;");
    public static readonly SourceLine DenseBias = Line(Dense, 94, "public Span<T> Bias => CheckBuilt()._bias.Span;");
    public static readonly SourceLine DenseProduct = Line(Dense, 225, "Gemm.Multiply<T>(x, _weights.Span, z, batch, Units, Inputs);");
    public static readonly SourceLine DenseAddBias = Line(Dense, 234, "TensorPrimitives.Add(zRow, bias, zRow);");
    public static readonly SourceLine DenseActivation = Line(Dense, 237, "_activationForward(zRow, y.Slice(row * Units, Units), Units);");
    public static readonly SourceLine DenseActivationBackward = Line(Dense, 248, "_activationBackward(z, y, dZ, dZ, Units);");
    public static readonly SourceLine DenseWeightGradient = Line(Dense, 253, "Gemm.Multiply<T>(x, dZ, dW, Inputs, Units, batch, transposeA: true);");
    public static readonly SourceLine DensePenaltyGradient = Line(Dense, 257, "TensorPrimitives.MultiplyAdd(_weights.Span, T.CreateTruncating(2 * L2), dW, dW);");
    public static readonly SourceLine DenseL1Gradient = Line(Dense, 263, "AddScaledSigns(_weights.Span, T.CreateTruncating(L1), dW);");
    public static readonly SourceLine DenseL1Penalty = Line(Dense, 286, "+ (L1 > 0 ? L1 * double.CreateTruncating(TensorPrimitives.SumOfMagnitudes<T>(_weights.Span)) : 0);");
    public static readonly SourceLine DenseBiasGradient = Line(Dense, 273, "TensorPrimitives.Add(dB, dZ.Slice(row * Units, Units), dB);");
    public static readonly SourceLine DenseInputGradient = Line(Dense, 280, "Gemm.Multiply<T>(dZ, _weights.Span, dX, batch, Inputs, Units, transposeB: true);");
    public static readonly SourceLine DensePenalty = Line(Dense, 285, "L2 > 0 ? L2 * double.CreateTruncating(TensorPrimitives.SumOfSquares<T>(_weights.Span)) : 0)");

    // Dropout.
    public static readonly SourceLine DropoutMask = Line(Dropout, 68, "mask[i] = _random.NextSingle() < rate ? T.Zero : keepScale;");
    public static readonly SourceLine DropoutForward = Line(Dropout, 69, "y[i] = x[i] * mask[i];");
    public static readonly SourceLine DropoutBackward = Line(Dropout, 87, "System.Numerics.Tensors.TensorPrimitives.Multiply(dY[..count], _mask.AsSpan(0, count), dX);");

    // Optimizers (the scalar loops, which read as the published rules).
    public static readonly SourceLine SgdDecay = Line(Sgd, 66, "T g = gradients[i] + decay * parameters[i];");
    public static readonly SourceLine SgdVelocity = Line(Sgd, 69, "velocity[i] = mu * velocity[i] + g;");
    public static readonly SourceLine SgdDirection = Line(Sgd, 70, "g = Nesterov ? g + mu * velocity[i] : velocity[i];");
    public static readonly SourceLine SgdStep = Line(Sgd, 73, "parameters[i] -= lr * g;");
    public static readonly SourceLine AdamShrink = Line(Adam, 92, "T p = parameters[i] * shrink;");
    public static readonly SourceLine AdamDecay = Line(Adam, 93, "T g = gradients[i] + l2 * p;");
    public static readonly SourceLine AdamFirstMoment = Line(Adam, 94, "m[i] = beta1 * m[i] + oneMinusBeta1 * g;");
    public static readonly SourceLine AdamSecondMoment = Line(Adam, 95, "v[i] = beta2 * v[i] + oneMinusBeta2 * g * g;");
    public static readonly SourceLine AdamCorrection1 = Line(Adam, 64, "double correction1 = 1 - Math.Pow(Beta1, Iterations);");
    public static readonly SourceLine AdamCorrection2 = Line(Adam, 65, "double correction2 = 1 - Math.Pow(Beta2, Iterations);");
    public static readonly SourceLine AdamStep = Line(Adam, 96, "parameters[i] = p - stepSize * m[i] / (T.Sqrt(v[i]) * inverseSqrtCorrection2 + epsilon);");
    public static readonly SourceLine RmsPropDecay = Line(RmsProp, 55, "T g = gradients[i] + decay * parameters[i];");
    public static readonly SourceLine RmsPropSquare = Line(RmsProp, 56, "square[i] = rho * square[i] + oneMinusRho * g * g;");
    public static readonly SourceLine RmsPropScaled = Line(RmsProp, 57, "T scaled = g / (T.Sqrt(square[i]) + epsilon);");
    public static readonly SourceLine RmsPropVelocity = Line(RmsProp, 60, "velocity[i] = mu * velocity[i] + scaled;");
    public static readonly SourceLine RmsPropStep = Line(RmsProp, 64, "parameters[i] -= lr * scaled;");

    /// <summary>Each built-in activation's forward and backward lines, by name.</summary>
    public static readonly IReadOnlyDictionary<string, (SourceLine Forward, SourceLine Backward)> Activations = new Dictionary<string, (SourceLine, SourceLine)>
    {
        ["linear"] = (Line("src/Perceptron/Activations/Linear.cs", 19, "public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int columns) => z.CopyTo(a);"),
            Line("src/Perceptron/Activations/Linear.cs", 22, "=> dA.CopyTo(dZ);")),
        ["sigmoid"] = (Line("src/Perceptron/Activations/Sigmoid.cs", 20, "=> TensorPrimitives.Sigmoid(z, a);"),
            Line("src/Perceptron/Activations/Sigmoid.cs", 27, "dZ[i] = dA[i] * a[i] * (T.One - a[i]);")),
        ["tanh"] = (Line("src/Perceptron/Activations/Tanh.cs", 20, "=> TensorPrimitives.Tanh(z, a);"),
            Line("src/Perceptron/Activations/Tanh.cs", 27, "dZ[i] = dA[i] * (T.One - a[i] * a[i]);")),
        ["relu"] = (Line("src/Perceptron/Activations/Relu.cs", 20, "=> TensorPrimitives.Max(z, T.Zero, a);"),
            Line("src/Perceptron/Activations/Relu.cs", 38, "dZ[i] = a[i] > T.Zero ? dA[i] : T.Zero;")),
        ["leaky_relu"] = (Line("src/Perceptron/Activations/LeakyRelu.cs", 24, "a[i] = z[i] > T.Zero ? z[i] : alpha * z[i];"),
            Line("src/Perceptron/Activations/LeakyRelu.cs", 34, "dZ[i] = z[i] > T.Zero ? dA[i] : alpha * dA[i];")),
        ["elu"] = (Line("src/Perceptron/Activations/Elu.cs", 25, "a[i] = z[i] > T.Zero ? z[i] : alpha * T.ExpM1(z[i]);"),
            Line("src/Perceptron/Activations/Elu.cs", 35, "dZ[i] = z[i] > T.Zero ? dA[i] : dA[i] * (a[i] + alpha);")),
        ["gelu"] = (Line("src/Perceptron/Activations/Gelu.cs", 30, "a[i] = half * x * (T.One + T.Tanh(c * (x + k * x * x * x)));"),
            Line("src/Perceptron/Activations/Gelu.cs", 43, "T derivative = half * (T.One + t) + half * x * (T.One - t * t) * c * (T.One + three * k * x * x);")),
        ["softmax"] = (Line("src/Perceptron/Activations/Softmax.cs", 35, "TensorPrimitives.Divide(aRow, sum, aRow);"),
            Line("src/Perceptron/Activations/Softmax.cs", 51, "dZRow[i] = aRow[i] * (dARow[i] - dot);")),
    };

    /// <summary>Each built-in loss's value and gradient lines, by name.</summary>
    public static readonly IReadOnlyDictionary<string, (SourceLine Value, SourceLine Gradient)> Losses = new Dictionary<string, (SourceLine, SourceLine)>
    {
        ["mse"] = (Line("src/Perceptron/Losses/MeanSquaredError.cs", 21, "sum += double.CreateTruncating(difference * difference);"),
            Line("src/Perceptron/Losses/MeanSquaredError.cs", 24, "gradient[i] = scale * difference;")),
        ["mae"] = (Line("src/Perceptron/Losses/MeanAbsoluteError.cs", 21, "sum += double.CreateTruncating(T.Abs(difference));"),
            Line("src/Perceptron/Losses/MeanAbsoluteError.cs", 24, "gradient[i] = scale * T.CreateTruncating(T.Sign(difference));")),
        ["huber"] = (Line("src/Perceptron/Losses/Huber.cs", 33, "sum += double.CreateTruncating(quadratic ? half * d * d : delta * (magnitude - half * delta));"),
            Line("src/Perceptron/Losses/Huber.cs", 36, "gradient[i] = scale * (quadratic ? d : delta * T.CreateTruncating(T.Sign(d)));")),
        ["binary_crossentropy"] = (Line("src/Perceptron/Losses/BinaryCrossEntropy.cs", 33, "sum += double.CreateTruncating(T.Max(z, T.Zero) - z * y + T.LogP1(T.Exp(-T.Abs(z))));"),
            Line("src/Perceptron/Losses/BinaryCrossEntropy.cs", 37, "gradient[i] = scale * (probability - y);")),
        ["categorical_crossentropy"] = (Line("src/Perceptron/Losses/CategoricalCrossEntropy.cs", 34, "sum += double.CreateTruncating(y[k] * (logSumExp - z[k]));"),
            Line("src/Perceptron/Losses/CategoricalCrossEntropy.cs", 43, "g[k] = scale * (T.Exp(z[k] - logSumExp) * targetMass - y[k]);")),
        ["sparse_categorical_crossentropy"] = (Line("src/Perceptron/Losses/SparseCategoricalCrossEntropy.cs", 47, "sum += weight * double.CreateTruncating(logSumExp - z[label]);"),
            Line("src/Perceptron/Losses/SparseCategoricalCrossEntropy.cs", 57, "g[label] -= scale;")),
    };

    /// <summary>Every entry, for the test that checks them and for tools.</summary>
    public static IEnumerable<SourceLine> All =>
        typeof(SourceLines).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(member => member.FieldType == typeof(SourceLine))
            .Select(member => (SourceLine)member.GetValue(null)!)
            .Concat(Activations.Values.SelectMany(pair => (SourceLine[])[pair.Forward, pair.Backward]))
            .Concat(Losses.Values.SelectMany(pair => (SourceLine[])[pair.Value, pair.Gradient]));

    private static SourceLine Line(string file, int line, string code) => new(file, line, code);
}
