using System.Diagnostics;
using Perceptron.Activations;
using Perceptron.Classic;
using Perceptron.Initializers;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Optimizers;
using Perceptron.Tabular;
using Perceptron.Training;

namespace Perceptron.Cli.Lessons;

/// <summary>Trains a recipe with the classic class, the original's code: sigmoid everywhere, one sample at a time, in order.</summary>
internal static class ClassicRunner
{
    /// <inheritdoc cref="EngineRunner.Run"/>
    public static RunResult Run(string variant, Recipe recipe, LessonTask task, LessonData data, int seed, IReadOnlySet<int>? snapshotEpochs = null)
    {
        if (!recipe.IsClassic || task.ValidationFraction > 0)
        {
            throw new InvalidOperationException($"The classic class runs only the original's recipe, with or without biases; got: {recipe}.");
        }

        double[][] xTrain = Rows(data.Train.Features), xTest = Rows(data.Test.Features);
        double[][] yTrain = Rows(LessonData.Targets(data.Train, oneHot: true)), yTest = Rows(LessonData.Targets(data.Test, oneHot: true));
        int outputs = yTrain[0].Length;
        var mlp = new MultilayerPerceptron(data.Inputs, [.. task.Hidden], outputs, recipe.Biases, LessonSeeds.Weights(seed));

        // The classic step is η·(t − o) on ½‖t − o‖²: twice the engine's step on mean (t − o)² for the same η.
        double learningRate = 2 * recipe.Optimizer.LearningRate;
        var trainLoss = new List<double>();
        var testMetric = new List<double>();
        var testLoss = new List<double>();
        var snapshots = new Dictionary<int, float[]>();
        var clock = new Stopwatch();
        for (int epoch = 1; epoch <= task.Epochs; epoch++)
        {
            clock.Start();
            trainLoss.Add(mlp.Train(xTrain, yTrain, epochs: 1, learningRate)[0]);
            clock.Stop();
            double[][] predictions = Predict(mlp, xTest);
            testMetric.Add(LessonMath.Score(predictions, data, test: true));
            testLoss.Add(MeanSquaredError(predictions, yTest));
            if (snapshotEpochs?.Contains(epoch) == true)
            {
                snapshots[epoch] = (float[])ToEngine(mlp).SnapshotParameters();
            }
        }

        double[][] trainPredictions = Predict(mlp, xTrain), testPredictions = Predict(mlp, xTest);
        return new RunResult
        {
            Variant = variant,
            Recipe = recipe,
            LossName = "mse",
            MetricName = data.IsClassification ? "accuracy" : "r2",
            TrainLossCurve = trainLoss,
            TestMetricCurve = testMetric,
            TestLossCurve = testLoss,
            TrainLoss = MeanSquaredError(trainPredictions, yTrain),
            TestLoss = MeanSquaredError(testPredictions, yTest),
            TrainMetric = LessonMath.Score(trainPredictions, data, test: false),
            TestMetric = LessonMath.Score(testPredictions, data, test: true),
            EpochsToThreshold = LessonMath.FirstReaching(testMetric, task.Threshold),
            EpochsRun = task.Epochs,
            Steps = (long)task.Epochs * xTrain.Length,
            Diverged = false,
            Elapsed = clock.Elapsed,
            Model = new TabularModel(ToEngine(mlp))
            {
                Task = data.Train.Task,
                FeatureNames = data.Train.FeatureNames,
                TargetName = data.Train.TargetName,
                ClassNames = data.Train.ClassNames ?? [],
            },
            Snapshots = snapshots,
        };
    }

    /// <summary>The same network as an engine model (float32 copies of the weights), so pictures and model files treat both alike.</summary>
    public static Sequential ToEngine(MultilayerPerceptron mlp)
    {
        var layers = new List<Dense>();
        for (int i = 0; i < mlp.Weights.Length; i++)
        {
            layers.Add(new Dense(mlp.Layers[i + 1], Activation.Sigmoid, Initializer.Uniform01, mlp.UseBiases, inputs: i == 0 ? mlp.Layers[0] : null));
        }

        var network = new Sequential(layers) { Seed = 0 };
        network.Compile(new Sgd(), new MeanSquaredError());
        for (int i = 0; i < layers.Count; i++)
        {
            var weights = mlp.Weights[i];
            var copy = new float[weights.GetLength(0), weights.GetLength(1)];
            for (int row = 0; row < copy.GetLength(0); row++)
            {
                for (int column = 0; column < copy.GetLength(1); column++)
                {
                    copy[row, column] = (float)weights[row, column];
                }
            }

            layers[i].SetWeights(copy);
            for (int unit = 0; unit < layers[i].Bias.Length; unit++)
            {
                layers[i].Bias[unit] = (float)mlp.Biases[i][unit];
            }
        }

        return network;
    }

    private static double[][] Predict(MultilayerPerceptron mlp, double[][] rows) => [.. rows.Select(mlp.ForwardPropagate)];

    private static double MeanSquaredError(double[][] predictions, double[][] targets)
    {
        double sum = 0;
        for (int row = 0; row < predictions.Length; row++)
        {
            sum += MultilayerPerceptron.Mse(targets[row], predictions[row]);
        }

        return sum / predictions.Length;
    }

    private static double[][] Rows(Perceptron.Tensors.Matrix<float> matrix) =>
        [.. Enumerable.Range(0, matrix.Rows).Select(row => matrix.Row(row).ToArray().Select(value => (double)value).ToArray())];
}
