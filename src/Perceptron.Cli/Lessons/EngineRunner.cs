using System.Diagnostics;
using Perceptron.Activations;
using Perceptron.Data;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Metrics;
using Perceptron.Tabular;
using Perceptron.Tensors;
using Perceptron.Training;
using Perceptron.Training.Callbacks;

namespace Perceptron.Cli.Lessons;

/// <summary>Builds a recipe's network in the engine (float32 <see cref="Sequential"/>) and trains it on a task.</summary>
internal static class EngineRunner
{
    /// <summary>Trains <paramref name="recipe"/> on <paramref name="data"/> and measures it.</summary>
    /// <param name="variant">The column heading.</param>
    /// <param name="recipe">The network and training settings (<see cref="Recipe.Classic"/> false).</param>
    /// <param name="task">Hidden layers, epochs, threshold.</param>
    /// <param name="data">The train and test rows.</param>
    /// <param name="seed">Fixes the weights, the shuffles and the dropout masks.</param>
    /// <param name="snapshotEpochs">Epochs (from 1) after which to keep a copy of the parameters.</param>
    public static RunResult Run(string variant, Recipe recipe, LessonTask task, LessonData data, int seed, IReadOnlySet<int>? snapshotEpochs = null)
    {
        // Data: scale on the training rows only; targets as the loss takes them.
        bool oneHot = data.IsClassification && !recipe.SoftmaxCrossEntropy;
        Matrix<float> xTrain = data.Train.Features, xTest = data.Test.Features;
        StandardScaler? scaler = null;
        if (recipe.ScaleInputs)
        {
            scaler = new StandardScaler();
            scaler.Fit(xTrain);
            (xTrain, xTest) = (scaler.Transform(xTrain), scaler.Transform(xTest));
        }

        Matrix<float> yTrain = LessonData.Targets(data.Train, oneHot), yTest = LessonData.Targets(data.Test, oneHot);

        // The network and its loss.
        var (network, loss) = Build(recipe, task, data, LessonSeeds.Weights(seed));
        Metric metric = data.IsClassification ? new Accuracy() : new R2Score();
        network.Compile(recipe.Optimizer.Create(), loss, metric);

        // Train, measuring the test rows after every epoch (outside the timed part).
        var testCurve = new TestCurve(xTest, yTest, metric.Name, snapshotEpochs);
        var gradients = new GradientProbe();
        var steps = new StepProbe();
        var callbacks = new List<Callback> { gradients, steps, testCurve };
        EarlyStopping? stopping = recipe.EarlyStoppingPatience is int patience ? new EarlyStopping(patience, "val_loss") : null;
        if (stopping is not null)
        {
            callbacks.Add(stopping);
        }

        var options = new TrainingOptions
        {
            Epochs = task.Epochs,
            BatchSize = recipe.BatchSize,
            Shuffle = recipe.Shuffle,
            ValidationSplit = task.ValidationFraction,
            ClipNorm = recipe.ClipNorm,
            Callbacks = callbacks,
        };
        var clock = Stopwatch.StartNew();
        History history = network.Fit(xTrain, yTrain, options);
        clock.Stop();

        // Fit counts an epoch cut short by divergence among its epochs; the step counts say where it stopped.
        int trainRows = xTrain.Rows - (int)(xTrain.Rows * task.ValidationFraction);
        int batchesPerEpoch = (trainRows + Math.Min(recipe.BatchSize, trainRows) - 1) / Math.Min(recipe.BatchSize, trainRows);
        long goodSteps = steps.Losses.Count;
        var train = network.Evaluate(xTrain, yTrain);
        var test = network.Evaluate(xTest, yTest);
        return new RunResult
        {
            Variant = variant,
            Recipe = recipe,
            LossName = loss.Name,
            MetricName = metric.Name,
            TrainLossCurve = history.Epochs > 0 ? history["loss"] : [],
            ValidationLossCurve = history.Values.TryGetValue("val_loss", out var validation) ? validation : [],
            TestMetricCurve = testCurve.Metric,
            TestLossCurve = testCurve.Loss,
            TrainLoss = train["loss"],
            TestLoss = test["loss"],
            TrainMetric = train[metric.Name],
            TestMetric = test[metric.Name],
            EpochsToThreshold = LessonMath.FirstReaching(testCurve.Metric, task.Threshold),
            EpochsRun = history.Epochs,
            Steps = goodSteps,
            Diverged = history.Diverged,
            DivergedAtStep = history.Diverged ? goodSteps + 1 : null,
            DivergedInEpoch = history.Diverged ? (int)(goodSteps / batchesPerEpoch) + 1 : null,
            BestEpoch = stopping?.BestEpoch,
            Elapsed = clock.Elapsed - testCurve.Elapsed,
            FirstEpochGradientRms = gradients.FirstEpoch,
            StepLossCurve = steps.Losses,
            StepGradientNormCurve = steps.GradientNorms,
            Model = new TabularModel(network)
            {
                Task = data.Train.Task,
                FeatureNames = data.Train.FeatureNames,
                TargetName = data.Train.TargetName,
                ClassNames = data.Train.ClassNames ?? [],
                Scaler = scaler,
            },
            Snapshots = testCurve.Snapshots,
        };
    }

    /// <summary>The recipe's layers: hidden Dense layers (each followed by dropout if asked), then the output layer and its loss.</summary>
    internal static (Sequential<float> Network, Loss Loss) Build(Recipe recipe, LessonTask task, LessonData data, int weightSeed)
    {
        var layers = new List<Layer<float>>();
        foreach (int units in task.Hidden)
        {
            layers.Add(new Dense(units, recipe.Hidden, recipe.Initializer, recipe.Biases, recipe.L2, inputs: layers.Count == 0 ? data.Inputs : null));
            if (recipe.Dropout > 0)
            {
                layers.Add(new Dropout(recipe.Dropout));
            }
        }

        var (outputs, activation, loss) = !data.IsClassification ? (1, recipe.RegressionOutput, (Loss)new MeanSquaredError())
            : recipe.SoftmaxCrossEntropy ? (data.Classes, Activation.Softmax, new SparseCategoricalCrossEntropy())
            : (data.Classes, Activation.Sigmoid, new MeanSquaredError());
        layers.Add(new Dense(outputs, activation, recipe.Initializer, recipe.Biases, recipe.L2, inputs: layers.Count == 0 ? data.Inputs : null));
        return (new Sequential(layers) { Seed = weightSeed }, loss);
    }

    /// <summary>Measures the test rows after every epoch (and keeps parameter snapshots); its own time is not training time.</summary>
    private sealed class TestCurve(Matrix<float> x, Matrix<float> y, string metric, IReadOnlySet<int>? snapshotEpochs) : Callback
    {
        private readonly Stopwatch _clock = new();

        public List<double> Metric { get; } = [];

        public List<double> Loss { get; } = [];

        public Dictionary<int, float[]> Snapshots { get; } = [];

        public TimeSpan Elapsed => _clock.Elapsed;

        public override void OnEpochEnd(ITrainingModel model, EpochResult epoch)
        {
            _clock.Start();
            var network = (Sequential<float>)model;
            var logs = network.Evaluate(x, y);
            Metric.Add(logs[metric]);
            Loss.Add(logs["loss"]);
            if (snapshotEpochs?.Contains(epoch.Epoch) == true)
            {
                Snapshots[epoch.Epoch] = (float[])network.SnapshotParameters();
            }

            _clock.Stop();
        }
    }

    /// <summary>The root mean square of each Dense layer's weight gradient, averaged over the first epoch's steps.</summary>
    private sealed class GradientProbe : Callback
    {
        private Dense<float>[] _dense = [];
        private double[] _sums = [];
        private int _steps;

        public double[] FirstEpoch { get; private set; } = [];

        public override void OnTrainBegin(ITrainingModel model, int epochs, int batchesPerEpoch)
        {
            _dense = [.. ((Sequential<float>)model).Layers.OfType<Dense<float>>()];
            _sums = new double[_dense.Length];
        }

        public override void OnBatchEnd(ITrainingModel model, in BatchProgress progress)
        {
            if (progress.Epoch != 1)
            {
                return;
            }

            for (int i = 0; i < _dense.Length; i++)
            {
                _sums[i] += LessonMath.RootMeanSquare(_dense[i].WeightGradients);
            }

            _steps++;
        }

        public override void OnEpochEnd(ITrainingModel model, EpochResult epoch)
        {
            if (epoch.Epoch == 1 && _steps > 0)
            {
                FirstEpoch = [.. _sums.Select(sum => sum / _steps)];
            }
        }
    }

    /// <summary>Each step's batch loss and the norm of the gradient the optimizer was given (after any clipping).</summary>
    private sealed class StepProbe : Callback
    {
        private Dense<float>[] _dense = [];
        private double _previousSum;
        private int _previousSamples;

        public List<double> Losses { get; } = [];

        public List<double> GradientNorms { get; } = [];

        public override void OnTrainBegin(ITrainingModel model, int epochs, int batchesPerEpoch) =>
            _dense = [.. ((Sequential<float>)model).Layers.OfType<Dense<float>>()];

        public override void OnBatchEnd(ITrainingModel model, in BatchProgress progress)
        {
            // The progress carries the epoch's running mean; this batch's own loss is the difference of the running sums.
            if (progress.Batch == 1)
            {
                (_previousSum, _previousSamples) = (0, 0);
            }

            double sum = progress.Loss * progress.Samples;
            Losses.Add((sum - _previousSum) / (progress.Samples - _previousSamples));
            (_previousSum, _previousSamples) = (sum, progress.Samples);

            // The layers' gradients are views of the buffer the step used, clipped in place.
            double squares = 0;
            foreach (Dense<float> dense in _dense)
            {
                squares += SumOfSquares(dense.WeightGradients) + SumOfSquares(dense.BiasGradients);
            }

            GradientNorms.Add(Math.Sqrt(squares));
        }

        private static double SumOfSquares(ReadOnlySpan<float> values)
        {
            double sum = 0;
            foreach (float value in values)
            {
                sum += (double)value * value;
            }

            return sum;
        }
    }
}
