using Perceptron.Classic;

namespace Perceptron.Exercises.Tests;

/// <summary>Exercise 3, graded against the error the classic class propagates to the layer below.</summary>
public class HiddenErrorTests
{
    [Fact]
    public void HiddenError_MatchesTheClassicBackwardPass()
    {
        // Two inputs, three outputs: W is [2, 3], so a transposed index cannot pass by accident.
        var mlp = new MultilayerPerceptron(numInputs: 2, hiddenLayers: [], numOutputs: 3, useBiases: true, seed: 11);
        double[] output = mlp.ForwardPropagate([0.9, 0.2]);
        double[] expected = mlp.BackPropagate([0.5 - output[0], 0.1 - output[1], 0.8 - output[2]]);
        double[] delta = mlp.BiasDerivatives[0];

        double[] answer;
        try
        {
            answer = Grade.Answer(() => HiddenErrorExercise.HiddenError(delta, mlp.Weights[0]));
        }
        catch (IndexOutOfRangeException)
        {
            Assert.Fail("HiddenError read past the end of an array. Hint: W is shaped [units below, units above] (here [2, 3]) and δ has one value per unit above; index the weights W[k, j].");
            throw;
        }

        Assert.True(answer.Length == 2, $"HiddenError returned {answer.Length} values; the layer below has 2 units, and e has one value per unit below.");
        Assert.True(Grade.Close(expected, answer, 1e-12),
            $"For δ = {Grade.Show(delta)}, HiddenError returned {Grade.Show(answer)}; the classic backward pass sends {Grade.Show(expected)} down. Hint: unit k receives every δ_j back through the weight it sent its activation through, W[k, j], and adds them up.");
    }
}
