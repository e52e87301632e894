namespace Perceptron.Onnx.Tests.Support;

/// <summary>Named tolerances, each with where its value comes from.</summary>
internal static class Tolerances
{
    /// <summary>The bound the exporter promises for |ONNX Runtime − ours| (docs/onnx.md). Both compute the same float32 formulas; only the
    /// summation order of the matrix products (our GEMM against MLAS) and the exp/tanh/sigmoid approximations differ,
    /// by a few ulps (ε ≈ 6e-8) per operation on values of order 1.</summary>
    public const double OnnxAbsolute = 1e-5;
}
