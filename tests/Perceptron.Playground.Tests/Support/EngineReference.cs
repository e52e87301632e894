using Perceptron.Activations;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Optimizers;
using Perceptron.Tensors;
using Perceptron.Training;

namespace Perceptron.Playground.Tests.Support;

/// <summary>
/// The engine's own numbers for one sample, computed independently of the playground's inspector: outputs by
/// <c>Predict</c> on copies of the first layers, gradients by one real training step of batch 1 on a copy.
/// </summary>
internal static class EngineReference
{
    /// <summary>a (or h, with the layer's activation replaced by the identity) of dense layer <paramref name="layer"/> (from 1) for one row.</summary>
    public static float[] LayerOutput(Sequential<float> model, float[] x, int layer, bool preActivation)
    {
        List<Dense<float>> dense = [.. model.Layers.OfType<Dense<float>>()];
        var copy = new Sequential();
        for (int i = 0; i < layer; i++)
        {
            var activation = i == layer - 1 && preActivation ? Activation.Linear : dense[i].Activation;
            copy.Add(new Dense(dense[i].Units, activation, useBias: dense[i].UseBias, inputs: i == 0 ? dense[0].Inputs : null));
        }

        copy.Build(dense[0].Inputs);
        CopyWeights(dense, copy);
        return copy.Predict(new Matrix<float>(1, x.Length, x)).Data;
    }

    /// <summary>∂L/∂W and ∂L/∂b of every dense layer for one sample, from the engine's Fit on a copy (batch 1, before its step).</summary>
    public static (float[][] Weights, float[][] Bias, double Loss) Gradients(Sequential<float> model, float[] x, float[] y, Loss loss)
    {
        List<Dense<float>> dense = [.. model.Layers.OfType<Dense<float>>()];
        var copy = new Sequential { Seed = 1 };
        for (int i = 0; i < dense.Count; i++)
        {
            copy.Add(new Dense(dense[i].Units, dense[i].Activation, useBias: dense[i].UseBias, l2: dense[i].L2, inputs: i == 0 ? dense[0].Inputs : null, l1: dense[i].L1));
        }

        copy.Compile(new Sgd(1e-6), loss);
        CopyWeights(dense, copy);
        var rowX = new Matrix<float>(1, x.Length, x);
        var rowY = new Matrix<float>(1, y.Length, y);
        double sampleLoss = copy.Evaluate(rowX, rowY)["loss"];
        copy.Fit(rowX, rowY, epochs: 1, batchSize: 1, shuffle: false);
        List<Dense<float>> trained = [.. copy.Layers.OfType<Dense<float>>()];
        return ([.. trained.Select(d => d.WeightGradients.ToArray())], [.. trained.Select(d => d.BiasGradients.ToArray())], sampleLoss);
    }

    private static void CopyWeights(List<Dense<float>> from, Sequential<float> to)
    {
        List<Dense<float>> target = [.. to.Layers.OfType<Dense<float>>()];
        for (int i = 0; i < target.Count; i++)
        {
            from[i].Weights.CopyTo(target[i].Weights);
            from[i].Bias.CopyTo(target[i].Bias);
        }
    }
}
