using Perceptron.Activations;
using Perceptron.Layers;
using Perceptron.Optimizers;
using Perceptron.Tests.Optimizers;
using Perceptron.Training;

namespace Perceptron.Tests.Training;

/// <summary>The training step's norm and update split over threads: the same bits as one pass over everything, for any
/// number of parts.</summary>
public class ParameterPassesTests
{
    // 300·256 + 256 weights and biases, a normalisation's 2·256, then 256·10 + 10: above the split threshold, with
    // every kind of block (split rows, bias, 1-D parameters) and lengths that are not multiples of the vector width.
    private static Sequential Model()
    {
        var model = new Sequential(new Dense(256, Activation.Relu, inputs: 300), new LayerNormalization(), new Dense(10));
        model.Build(300);
        return model;
    }

    [Theory]
    [MemberData(nameof(OptimizerTests.References), MemberType = typeof(OptimizerTests))]
    public void Step_InParts_MatchesOneWholeStep(string name, double[] unused)
    {
        _ = unused;
        var model = Model();
        Assert.True(model.ParameterCount >= ParameterPasses<float>.MinParametersToSplit);
        var random = new Random(7);
        float[] start = [.. Enumerable.Range(0, model.ParameterCount).Select(_ => (float)(random.NextDouble() - 0.5))];
        float[][] gradients = [.. Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, start.Length).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray())];

        float[] expected = [.. start];
        Optimizer whole = OptimizerTests.Create(name);
        foreach (float[] g in gradients)
        {
            whole.Step<float>(expected, g);
        }

        for (int parts = 1; parts <= 4; parts++)
        {
            float[] parameters = [.. start], buffer = new float[start.Length];
            var passes = new ParameterPasses<float>(model.Layers, parameters, buffer, parts);
            Assert.Equal(parts, passes.Parts);
            Optimizer split = OptimizerTests.Create(name);
            foreach (float[] g in gradients)
            {
                g.CopyTo(buffer, 0);
                passes.Step(split);
            }

            Assert.Equal(3, split.Iterations);
            Assert.True(expected.AsSpan().SequenceEqual(parameters), $"{name} in {parts} parts differs from one whole step");
        }
    }

    [Fact]
    public void SquaredNorm_SameBitsForAnyNumberOfParts_AndEqualsTheSumOfSquares()
    {
        var model = Model();
        var random = new Random(3);
        float[] gradients = [.. Enumerable.Range(0, model.ParameterCount).Select(_ => (float)((random.NextDouble() - 0.5) * 4))];
        double exact = gradients.Sum(g => (double)g * g);

        double one = new ParameterPasses<float>(model.Layers, new float[gradients.Length], gradients, 1).SquaredNorm();
        Assert.Equal(exact, one, exact * 1e-6);
        for (int parts = 2; parts <= 4; parts++)
        {
            Assert.Equal(one, new ParameterPasses<float>(model.Layers, new float[gradients.Length], gradients, parts).SquaredNorm());
        }
    }

    [Fact]
    public void SquaredNorm_RevealsANonFiniteGradientInAnyPart()
    {
        var model = Model();
        for (int parts = 1; parts <= 3; parts++)
        {
            foreach (int at in new[] { 0, model.ParameterCount / 2, model.ParameterCount - 1 })
            {
                float[] gradients = new float[model.ParameterCount];
                gradients[at] = float.NaN;
                Assert.True(double.IsNaN(new ParameterPasses<float>(model.Layers, new float[gradients.Length], gradients, parts).SquaredNorm()), $"NaN at {at}, {parts} parts");
            }
        }
    }

    [Fact]
    public void SmallModel_RunsInOnePart()
    {
        var model = new Sequential(new Dense(8, Activation.Relu, inputs: 4), new Dense(1));
        model.Build(4);
        var passes = new ParameterPasses<float>(model.Layers, new float[model.ParameterCount], new float[model.ParameterCount], 4);
        Assert.Equal(1, passes.Parts);
    }
}
