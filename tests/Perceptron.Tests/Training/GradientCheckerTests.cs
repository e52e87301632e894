using System.Numerics;
using Perceptron.Activations;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Optimizers;
using Perceptron.Tensors;
using Perceptron.Training;

namespace Perceptron.Tests.Training;

/// <summary>The public gradient check passes a correct backward pass and names the parameter a wrong one breaks.</summary>
public class GradientCheckerTests
{
    [Fact]
    public void Check_PassesTheLibrarysTanh_AndLeavesTheParametersAlone()
    {
        var model = Model(Activation.Tanh);
        var (x, y) = Data();
        model.Build(3);
        double[] before = model.Parameters.ToArray();

        var result = GradientChecker.Check(model, x, y);

        Assert.True(result.Passed, result.ToString());
        Assert.Equal(before, model.Parameters.ToArray());
        Assert.StartsWith("passed", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_FailsABackwardPassThatIsOffByAFactor_NamingAFirstLayerParameter()
    {
        var model = Model(new TanhWithWrongSlope());
        var (x, y) = Data();

        var result = GradientChecker.Check(model, x, y);

        Assert.False(result.Passed);
        Assert.InRange(result.Parameter, 0, (3 * 4) + 4 - 1);
        Assert.True(Math.Abs(result.Analytic - (2 * result.Numeric)) < 1e-4 * Math.Abs(result.Numeric) + 1e-9, result.ToString());
        Assert.StartsWith("failed", result.ToString(), StringComparison.Ordinal);
    }

    private static Sequential<double> Model(Activation hidden)
    {
        var model = new Sequential<double>(new Dense<double>(4, hidden), new Dense<double>(2)) { Seed = 5 };
        model.Compile(new Sgd(0.1), new MeanSquaredError());
        return model;
    }

    private static (Matrix<double> X, Matrix<double> Y) Data() =>
        (new Matrix<double>(3, 3, [0.5, -1, 0.25, 1.5, 0.2, -0.7, -0.3, 0.9, 1.1]), new Matrix<double>(3, 2, [1, 0, -0.5, 0.3, 0.2, 0.8]));

    /// <summary>tanh whose backward pass doubles the true slope: the kind of bug the check exists to catch.</summary>
    private sealed class TanhWithWrongSlope : Activation
    {
        public override string Name => "tanh_wrong";

        public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int columns) => Activation.Tanh.Forward(z, a, columns);

        public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> dA, Span<T> dZ, int columns)
        {
            Activation.Tanh.Backward(z, a, dA, dZ, columns);
            T two = T.CreateChecked(2);
            for (int i = 0; i < dZ.Length; i++)
            {
                dZ[i] *= two;
            }
        }
    }
}
