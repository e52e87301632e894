using Perceptron.Classic;

namespace Perceptron.Exercises.Tests;

/// <summary>Exercise 2, graded against the classic class's own backward pass.</summary>
public class OutputDeltaTests
{
    [Fact]
    public void OutputDelta_MatchesTheClassicBackwardPass()
    {
        // A network without hidden layers: its only layer is the output layer, so its δ is the output δ.
        var mlp = new MultilayerPerceptron(numInputs: 2, hiddenLayers: [], numOutputs: 3, useBiases: true, seed: 7);
        double[] output = mlp.ForwardPropagate([0.3, -0.8]);
        double[] target = [1.0, 0.0, 0.5];
        double[] error = [.. target.Zip(output, (t, o) => t - o)];
        mlp.BackPropagate(error);
        double[] expected = mlp.BiasDerivatives[0];

        double[] answer = Grade.Answer(() => OutputDeltaExercise.OutputDelta(target, output));
        Assert.True(answer.Length == expected.Length, $"OutputDelta returned {answer.Length} values for {expected.Length} output units; δ has one value per output unit.");
        string hint = Grade.Close(expected, [.. answer.Select(d => -d)]) ? "Your δ has the opposite sign: the error here is target − output."
            : Grade.Close(error, answer) ? "Your δ is the error alone: multiply by each output unit's slope."
            : "δ_j is the error t_j − o_j times the slope of unit j, σ′, written with its output o_j (exercise 1).";
        Assert.True(Grade.Close(expected, answer, 1e-12),
            $"For targets {Grade.Show(target)} and outputs {Grade.Show(output)}, OutputDelta returned {Grade.Show(answer)}; the classic backward pass computes {Grade.Show(expected)}. Hint: {hint}");
    }
}
