using Perceptron.Activations;

namespace Perceptron.Tests.Activations;

/// <summary>
/// Each built-in activation on its own: values against numbers computed independently (Python's math module, from the
/// formulas in the activations' docs), and its backward pass against central finite differences of its forward pass.
/// </summary>
public class ActivationTests
{
    private static readonly double[] Points = [-2, -0.5, 0.5, 2];

    public static TheoryData<string, double[]> Values => new()
    {
        { "linear", [-2, -0.5, 0.5, 2] },
        { "sigmoid", [0.11920292202211755, 0.3775406687981454, 0.6224593312018546, 0.8807970779778823] },
        { "tanh", [-0.9640275800758169, -0.46211715726000974, 0.46211715726000974, 0.9640275800758169] },
        { "relu", [0, 0, 0.5, 2] },
        { "leaky_relu", [-0.02, -0.005, 0.5, 2] },
        { "elu", [-0.8646647167633873, -0.3934693402873666, 0.5, 2] },
        { "gelu", [-0.04540230591222494, -0.15428599017485606, 0.34571400982514394, 1.954597694087775] },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Forward_GivesTheFormulasValues(string name, double[] expected)
    {
        var a = new double[Points.Length];
        Activation.FromName(name).Forward<double>(Points, a, Points.Length);

        for (int i = 0; i < a.Length; i++)
        {
            Assert.Equal(expected[i], a[i], 1e-14);
        }
    }

    [Fact]
    public void Softmax_NormalisesEachRow_AndIgnoresAShiftOfTheRow()
    {
        double[] z = [1, 2, 3, 1001, 1002, 1003];
        var a = new double[6];
        Activation.Softmax.Forward<double>(z, a, columns: 3);

        double[] expected = [0.09003057317038046, 0.24472847105479767, 0.6652409557748219];
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(expected[i % 3], a[i], 1e-14); // the second row, shifted by 1000, neither overflows nor changes
        }
    }

    public static TheoryData<string> Names => [.. Activation.All.Select(a => a.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Backward_MatchesFiniteDifferencesOfForward(string name)
    {
        const int Columns = 4;
        const double H = 1e-6;
        var activation = Activation.FromName(name);
        double[] z = [.. Points];
        double[] dA = [0.3, -1.1, 0.7, 2.0]; // an arbitrary upstream gradient, so softmax's Jacobian is used in full
        var a = new double[Columns];
        activation.Forward<double>(z, a, Columns);
        var dZ = new double[Columns];
        activation.Backward<double>(z, a, dA, dZ, Columns);

        for (int i = 0; i < Columns; i++)
        {
            // ∂(Σⱼ dAⱼ·aⱼ)/∂zᵢ by central differences: the vector-Jacobian product Backward must give.
            double[] plus = [.. z], minus = [.. z];
            plus[i] += H;
            minus[i] -= H;
            double numeric = (Weighted(activation, plus, dA) - Weighted(activation, minus, dA)) / (2 * H);
            Assert.True(Math.Abs(numeric - dZ[i]) < 1e-7, $"{name}: dZ[{i}] = {dZ[i]}, finite differences {numeric}");
        }
    }

    [Fact]
    public void FromName_IsCaseInsensitive_AndAnUnknownNameListsTheKnownOnes()
    {
        Assert.Same(Activation.Relu, Activation.FromName("ReLU"));
        var error = Assert.Throws<ArgumentException>(() => Activation.FromName("swish"));
        Assert.StartsWith("Unknown activation 'swish'; expected one of linear, sigmoid, tanh, relu, leaky_relu, elu, gelu, softmax.", error.Message, StringComparison.Ordinal);
    }

    private static double Weighted(Activation activation, double[] z, double[] dA)
    {
        var a = new double[z.Length];
        activation.Forward<double>(z, a, z.Length);
        return a.Zip(dA).Sum(pair => pair.First * pair.Second);
    }
}
