using System.Globalization;
using Perceptron.Data;
using Perceptron.Losses;
using Perceptron.Tensors;

namespace Perceptron.Tabular;

public sealed partial class TabularModel
{
    /// <summary>
    /// Predicts from raw features: applies the saved preprocessing, runs the network and, for regression, maps the
    /// output back to the target's units. Classification gives one probability per class.
    /// </summary>
    /// <param name="rawFeatures">Rows × features, in the order of <see cref="FeatureNames"/>, unscaled.</param>
    /// <returns>Rows × outputs: class probabilities, or predicted values.</returns>
    /// <exception cref="ArgumentException">The width does not match, a value is NaN or ∞, or a row's output overflows float32 (naming the row).</exception>
    public Matrix<float> Predict(Matrix<float> rawFeatures)
    {
        ArgumentNullException.ThrowIfNull(rawFeatures);
        Matrix<float> features = Scaler is null ? rawFeatures : Scaler.Transform(rawFeatures);
        Matrix<float> outputs = Network.Predict(features);
        if (TargetScaler is not null)
        {
            float mean = TargetScaler.Means[0], deviation = TargetScaler.StandardDeviations[0];
            foreach (ref float value in outputs.AsSpan())
            {
                value = value * deviation + mean;
            }
        }

        // Features far outside the training range can overflow float32 inside the network: say so rather than return ∞ or NaN.
        int bad = Array.FindIndex(outputs.Data, v => !float.IsFinite(v));
        if (bad >= 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The prediction for row {bad / outputs.Columns} is {outputs.Data[bad]}, not a finite number: its features are too far outside the training data for float32 arithmetic; check that row."), nameof(rawFeatures));
        }

        return outputs;
    }

    /// <summary>The predicted class index of each row (the most probable class).</summary>
    /// <param name="probabilities">The output of <see cref="Predict"/> for a classifier.</param>
    /// <returns>One class index per row.</returns>
    public static int[] PredictedClasses(Matrix<float> probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        var classes = new int[probabilities.Rows];
        for (int row = 0; row < classes.Length; row++)
        {
            Span<float> p = probabilities.Row(row);
            int best = 0;
            for (int k = 1; k < p.Length; k++)
            {
                best = p[k] > p[best] ? k : best;
            }

            classes[row] = best;
        }

        return classes;
    }

    /// <summary>Measures the model on a labelled data set whose columns and classes are matched to the model's by name.</summary>
    /// <param name="data">Labelled rows; its feature columns must include the model's features.</param>
    /// <returns>Accuracy, loss and confusion matrix, or R², MAE, MSE and loss.</returns>
    /// <exception cref="ArgumentException">A feature is missing, a class is unknown to the model, or the task differs.</exception>
    public TabularEvaluation Evaluate(TabularDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (Task is not TaskKind task)
        {
            throw new InvalidOperationException("This model has no task (classification or regression) recorded; evaluate it with Sequential.Evaluate instead.");
        }

        if (data.Task != task)
        {
            throw new ArgumentException($"The model does {task.ToString().ToLowerInvariant()} but the data's target '{data.TargetName}' looks like {data.Task.ToString().ToLowerInvariant()}; pass the task explicitly when loading.", nameof(data));
        }

        Matrix<float> outputs = Predict(AlignFeatures(data));
        return task == TaskKind.Classification ? EvaluateClassification(data, outputs) : EvaluateRegression(data, outputs);
    }

    /// <summary>The data's features reordered to the model's feature order (by name); the data's own order when the model has no names.</summary>
    /// <param name="data">The data.</param>
    /// <returns>Rows × model inputs.</returns>
    /// <exception cref="ArgumentException">A model feature is missing from the data, or the widths differ.</exception>
    public Matrix<float> AlignFeatures(TabularDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (FeatureNames.Count == 0 || FeatureNames.SequenceEqual(data.FeatureNames))
        {
            return data.Features;
        }

        var columns = new int[FeatureNames.Count];
        for (int i = 0; i < columns.Length; i++)
        {
            columns[i] = data.FeatureNames.ToList().IndexOf(FeatureNames[i]);
            if (columns[i] < 0)
            {
                throw new ArgumentException($"The model needs feature '{FeatureNames[i]}', which {data.Source} does not have; its columns are {string.Join(", ", data.FeatureNames)}.", nameof(data));
            }
        }

        var aligned = new Matrix<float>(data.Rows, columns.Length);
        for (int row = 0; row < data.Rows; row++)
        {
            for (int i = 0; i < columns.Length; i++)
            {
                aligned[row, i] = data.Features[row, columns[i]];
            }
        }

        return aligned;
    }

    private TabularEvaluation EvaluateClassification(TabularDataset data, Matrix<float> probabilities)
    {
        // Map the data's class names onto the model's: a test file may hold only some classes, in another order.
        var modelIndex = new int[data.ClassCount];
        for (int c = 0; c < modelIndex.Length; c++)
        {
            modelIndex[c] = ClassNames.ToList().IndexOf(data.ClassNames![c]);
            if (modelIndex[c] < 0)
            {
                throw new ArgumentException($"{data.Source} has class '{data.ClassNames[c]}', which the model never saw; it knows {string.Join(", ", ClassNames)}.", nameof(data));
            }
        }

        int classes = probabilities.Columns;
        var confusion = new int[classes, classes];
        int[] predicted = PredictedClasses(probabilities);
        double lossSum = 0;
        int correct = 0;
        for (int row = 0; row < data.Rows; row++)
        {
            int truth = modelIndex[data.Labels![row]];
            confusion[truth, predicted[row]]++;
            correct += truth == predicted[row] ? 1 : 0;
            // Cross-entropy from the probabilities, floored so a confident mistake costs a large finite loss.
            lossSum -= Math.Log(Math.Max(probabilities[row, truth], 1e-12));
        }

        return new TabularEvaluation
        {
            Task = TaskKind.Classification,
            Rows = data.Rows,
            Loss = lossSum / data.Rows,
            Accuracy = (double)correct / data.Rows,
            ConfusionMatrix = confusion,
        };
    }

    private TabularEvaluation EvaluateRegression(TabularDataset data, Matrix<float> predictions)
    {
        float[] targets = data.Targets!;
        double sum = 0, sumOfSquares = 0, squaredError = 0, absoluteError = 0;
        foreach (float y in targets)
        {
            sum += y;
            sumOfSquares += (double)y * y;
        }

        for (int row = 0; row < targets.Length; row++)
        {
            double difference = predictions[row, 0] - (double)targets[row];
            squaredError += difference * difference;
            absoluteError += Math.Abs(difference);
        }

        int n = targets.Length;
        double variation = sumOfSquares - sum * sum / n;
        double scale = TargetScaler is null ? 1 : TargetScaler.StandardDeviations[0];
        return new TabularEvaluation
        {
            Task = TaskKind.Regression,
            Rows = n,
            Mse = squaredError / n,
            Mae = absoluteError / n,
            R2 = variation > 0 ? 1 - squaredError / variation : squaredError == 0 ? 1 : 0,
            // The training objective: MSE of the standardised target.
            Loss = Network.Loss is MeanSquaredError or null ? squaredError / n / (scale * scale) : double.NaN,
        };
    }
}
