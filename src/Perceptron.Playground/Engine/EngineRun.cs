using Perceptron.Activations;
using Perceptron.Data;
using Perceptron.Layers;
using Perceptron.Optimizers;
using Perceptron.Playground.Sessions;
using Perceptron.Tabular;
using Perceptron.Tensors;
using Perceptron.Training;
using Perceptron.Training.Callbacks;

namespace Perceptron.Playground.Engine;

/// <summary>
/// Adapter: a playground run is the library call behind <c>perceptron train</c> (<see cref="TabularTrainer.Train"/>),
/// so the same data, seed and options give the same weights as the command line. Everything the playground needs from
/// the tabular trainer goes through this file.
/// </summary>
internal static class EngineRun
{
    /// <summary>The trainer's options for a setup; <paramref name="callbacks"/> see (and may pause) every step.</summary>
    public static TabularOptions Options(PlaygroundSetup setup, IReadOnlyList<Callback> callbacks) => new()
    {
        Layers = setup.Layers,
        Activation = Activation.FromName(setup.Activation),
        Epochs = setup.Epochs,
        BatchSize = setup.BatchSize,
        Optimizer = OptimizerFactory.Parse(setup.Optimizer),
        LearningRate = setup.LearningRate,
        Scaling = Scaling(setup),
        Dropout = setup.Dropout,
        L2 = setup.L2,
        L1 = setup.L1,
        Seed = setup.Seed,
        Callbacks = [.. InitializerOverride(setup), .. callbacks],
    };

    /// <summary>Trains on the training rows until the setup's epochs are done or a callback stops the model.</summary>
    /// <exception cref="ArgumentException">Data the network cannot learn from (one class, say), with the trainer's message.</exception>
    public static void Train(TabularDataset train, PlaygroundSetup setup, IReadOnlyList<Callback> callbacks) =>
        TabularTrainer.Train(train, Options(setup, callbacks));

    /// <summary>
    /// The trainer picks the initializer from the activation (He for the ReLU family, Glorot otherwise). Another choice
    /// is applied as training begins by drawing the weights again from the seed, layer by layer in the same order as
    /// the model's own build, so the result equals a model built with that initializer.
    /// </summary>
    private static IEnumerable<Callback> InitializerOverride(PlaygroundSetup setup)
    {
        if (setup.Initializer != "auto")
        {
            yield return new Redraw(Initializers.Initializer.FromName(setup.Initializer));
        }
    }

    /// <summary>The rows as the network trains on them: features scaled as the trainer scales them, targets as class indices or standardised values.</summary>
    public static PreparedData Prepare(TabularDataset train, TabularDataset test, PlaygroundSetup setup)
    {
        // The same fits as the trainer's (deterministic, on the same rows), so the numbers match what it trains on.
        IFeatureScaler? scaler = Scaling(setup) switch
        {
            FeatureScaling.Standard => new StandardScaler(),
            FeatureScaling.MinMax => new MinMaxScaler(),
            _ => null,
        };
        scaler?.Fit(train.Features);
        StandardScaler? targetScaler = null;
        if (train.Task == TaskKind.Regression)
        {
            targetScaler = new StandardScaler();
            targetScaler.Fit(new Matrix<float>(train.Rows, 1, train.Targets!));
        }

        (Matrix<float> X, Matrix<float> Y) Rows(TabularDataset data) => (
            scaler is null ? data.Features : scaler.Transform(data.Features),
            data.Task == TaskKind.Classification
                ? new Matrix<float>(data.Rows, 1, [.. data.Labels!.Select(label => (float)label)])
                : targetScaler!.Transform(new Matrix<float>(data.Rows, 1, data.Targets!)));
        var (trainX, trainY) = Rows(train);
        var (testX, testY) = Rows(test);
        return new PreparedData(scaler, targetScaler, trainX, trainY, testX, testY);
    }

    private static FeatureScaling Scaling(PlaygroundSetup setup) => setup.Scaling switch
    {
        "standard" => FeatureScaling.Standard,
        "minmax" => FeatureScaling.MinMax,
        _ => FeatureScaling.None,
    };

    /// <summary>The model's dense layers, input side first.</summary>
    public static IReadOnlyList<Dense<float>> DenseLayers(Sequential<float> model) => [.. model.Layers.OfType<Dense<float>>()];

    private sealed class Redraw(Initializers.Initializer initializer) : Callback
    {
        public override void OnTrainBegin(ITrainingModel model, int epochs, int batchesPerEpoch)
        {
            var network = (Sequential<float>)model;
            var random = new Random(network.Seed);
            IReadOnlyList<Dense<float>> dense = DenseLayers(network);
            for (int i = 0; i < dense.Count; i++)
            {
                // The output layer keeps the trainer's Glorot; only the hidden layers take the chosen initializer.
                var chosen = i < dense.Count - 1 ? initializer : Initializers.Initializer.GlorotUniform;
                chosen.Fill(dense[i].Weights, dense[i].Inputs, dense[i].Units, random);
                dense[i].Bias.Clear();
            }
        }
    }
}

/// <summary>Rows ready for the network, and the scalers fitted on the training rows.</summary>
internal sealed record PreparedData(
    IFeatureScaler? Scaler, StandardScaler? TargetScaler, Matrix<float> TrainX, Matrix<float> TrainY, Matrix<float> TestX, Matrix<float> TestY);
