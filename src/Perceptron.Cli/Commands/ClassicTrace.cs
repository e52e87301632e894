using System.Globalization;
using System.Text;
using Perceptron.Classic;
using Spectre.Console;

namespace Perceptron.Cli.Commands;

/// <summary>Prints one sample's forward and backward pass through the classic network, as a lesson.</summary>
internal static class ClassicTrace
{
    /// <summary>Runs the forward and backward pass for one sample (without updating the weights) and prints every step.</summary>
    public static void WriteFirstSample(IAnsiConsole console, MultilayerPerceptron mlp, double[] input, double[] target)
    {
        console.Write(new Rule("[yellow]trace of the first sample (weights are not updated here)[/]").LeftJustified());
        double[] output = mlp.ForwardPropagate(input);
        for (int i = 0; i < mlp.Activations.Length; i++)
        {
            string name = i == 0 ? "a[0] (input)" : $"a[{i}] = σ(a[{i - 1}]·W[{i - 1}]{(mlp.UseBiases ? $" + b[{i - 1}]" : "")})";
            console.WriteLine($"{name}: {Format(mlp.Activations[i])}");
        }

        var error = new double[target.Length];
        for (int o = 0; o < error.Length; o++)
        {
            error[o] = target[o] - output[o];
        }

        console.WriteLine($"target: {Format(target)}   error = target − output: {Format(error)}");

        void OnDerivatives(object? sender, DerivativesEventArgs e)
        {
            console.WriteLine($"δ[{e.Layer}] = error ⊙ a[{e.Layer + 1}](1 − a[{e.Layer + 1}]): {Format(e.Delta)}");
            console.WriteLine($"Derivatives for W[{e.Layer}] = a[{e.Layer}]ᵀ·δ[{e.Layer}]:");
            console.WriteLine(Format(e.Derivatives));
        }

        mlp.DerivativesComputed += OnDerivatives;
        try
        {
            double[] inputError = mlp.BackPropagate(error, verbose: true);
            console.WriteLine($"error at the input layer: {Format(inputError)}");
        }
        finally
        {
            mlp.DerivativesComputed -= OnDerivatives;
        }

        console.Write(new Rule().LeftJustified());
    }

    private static string Format(IReadOnlyList<double> values) =>
        "[" + string.Join(", ", values.Select(v => v.ToString("0.000000", CultureInfo.InvariantCulture))) + "]";

    private static string Format(double[,] matrix)
    {
        var text = new StringBuilder();
        for (int row = 0; row < matrix.GetLength(0); row++)
        {
            var values = new double[matrix.GetLength(1)];
            for (int col = 0; col < values.Length; col++)
            {
                values[col] = matrix[row, col];
            }

            text.Append("  ").AppendLine(Format(values));
        }

        return text.ToString().TrimEnd();
    }
}
