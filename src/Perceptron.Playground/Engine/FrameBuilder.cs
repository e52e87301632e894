using System.Text.Json;
using Perceptron.Data;
using Perceptron.Layers;
using Perceptron.Playground.Data;
using Perceptron.Tensors;
using Perceptron.Training;

namespace Perceptron.Playground.Engine;

/// <summary>
/// Turns the model's state into one frame for the page (JSON): losses, weights, the output over the plane and every
/// hidden unit's picture. Runs on the training thread between steps, so it sees one consistent set of weights.
/// </summary>
internal sealed class FrameBuilder
{
    /// <summary>Pixels per side of the output picture.</summary>
    public const int BoundarySize = 64;

    /// <summary>Pixels per side of a hidden unit's picture.</summary>
    public const int UnitSize = 24;

    /// <summary>Hidden units per layer that get a picture (the page draws no more).</summary>
    public const int PicturedUnits = 8;

    private readonly SessionData _data;
    private readonly PreparedData _prepared;
    private readonly Matrix<float>? _boundaryGrid, _unitGrid;

    public FrameBuilder(SessionData data, PreparedData prepared)
    {
        _data = data;
        _prepared = prepared;
        if (data.Plane is { } plane)
        {
            _boundaryGrid = Grid(plane, BoundarySize);
            _unitGrid = Grid(plane, UnitSize);
        }
    }

    /// <summary>The losses and accuracies of the model now.</summary>
    public Scores Score(Sequential<float> model)
    {
        var (trainLoss, trainAccuracy) = Measure(model, _prepared.TrainX, _prepared.TrainY, out _);
        var (testLoss, testAccuracy) = Measure(model, _prepared.TestX, _prepared.TestY, out int[,]? confusion);
        return new Scores(trainLoss, testLoss, trainAccuracy, testAccuracy, confusion);
    }

    /// <summary>Writes the frame's model part: scores, layers, output picture, unit pictures.</summary>
    public void Write(Utf8JsonWriter json, Sequential<float> model, Scores scores)
    {
        json.WriteNumber("trainLoss", Round(scores.TrainLoss, 6));
        json.WriteNumber("testLoss", Round(scores.TestLoss, 6));
        if (scores.TrainAccuracy is double trainAccuracy)
        {
            json.WriteNumber("trainAccuracy", Round(trainAccuracy, 6));
            json.WriteNumber("testAccuracy", Round(scores.TestAccuracy!.Value, 6));
        }

        if (scores.Confusion is { } confusion)
        {
            json.WriteStartArray("confusion");
            for (int t = 0; t < confusion.GetLength(0); t++)
            {
                json.WriteStartArray();
                for (int p = 0; p < confusion.GetLength(1); p++)
                {
                    json.WriteNumberValue(confusion[t, p]);
                }

                json.WriteEndArray();
            }

            json.WriteEndArray();
        }

        json.WriteStartArray("layers");
        foreach (Dense<float> layer in EngineRun.DenseLayers(model))
        {
            json.WriteStartObject();
            json.WriteNumber("inputs", layer.Inputs);
            json.WriteNumber("units", layer.Units);
            json.WriteString("activation", layer.Activation.Name);
            WriteNumbers(json, "weights", layer.Weights, 5);
            WriteNumbers(json, "bias", layer.Bias, 5);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (_boundaryGrid is not null)
        {
            WriteBoundary(json, model);
            WriteUnitPictures(json, model);
        }
    }

    private void WriteBoundary(Utf8JsonWriter json, Sequential<float> model)
    {
        Matrix<float> outputs = model.Predict(_boundaryGrid!);
        var values = new float[outputs.Rows];
        for (int i = 0; i < values.Length; i++)
        {
            ReadOnlySpan<float> row = outputs.Row(i);
            values[i] = _data.Task == TaskKind.Regression ? Unscale(row[0])
                : row.Length == 2 ? 2 * row[1] - 1               // two classes: p(+1) mapped to [−1, 1]
                : ArgMax(row);                                     // more: the predicted class
        }

        json.WriteStartObject("boundary");
        json.WriteNumber("size", BoundarySize);
        json.WriteString("kind", _data.Task == TaskKind.Regression ? "value" : outputs.Columns == 2 ? "binary" : "classes");
        WriteNumbers(json, "values", values, 3);
        json.WriteEndObject();
    }

    private void WriteUnitPictures(Utf8JsonWriter json, Sequential<float> model)
    {
        var (_, a) = NetworkTrace.Forward(model, _unitGrid!);
        IReadOnlyList<Dense<float>> layers = EngineRun.DenseLayers(model);
        json.WriteStartObject("units");
        json.WriteNumber("size", UnitSize);
        json.WriteStartArray("layers");
        int pixels = UnitSize * UnitSize;
        for (int l = 0; l < layers.Count - 1; l++)
        {
            int units = layers[l].Units;
            json.WriteStartArray();
            for (int u = 0; u < Math.Min(units, PicturedUnits); u++)
            {
                var picture = new float[pixels];
                for (int p = 0; p < pixels; p++)
                {
                    picture[p] = a[l][p * units + u];
                }

                WriteNumbers(json, null, picture, 3);
            }

            json.WriteEndArray();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The raw rows of a size × size grid over the plane, scaled as the network's inputs; row 0 is the top.</summary>
    private Matrix<float> Grid(PlaneView plane, int size)
    {
        int width = _data.Train.Features.Columns;
        var grid = new Matrix<float>(size * size, width);
        for (int py = 0; py < size; py++)
        {
            double x2 = plane.MaxX2 - (py + 0.5) / size * (plane.MaxX2 - plane.MinX2);
            for (int px = 0; px < size; px++)
            {
                double x1 = plane.MinX1 + (px + 0.5) / size * (plane.MaxX1 - plane.MinX1);
                double[] row = plane.Row(x1, x2);
                for (int f = 0; f < width; f++)
                {
                    grid[py * size + px, f] = (float)row[f];
                }
            }
        }

        return _prepared.Scaler is null ? grid : _prepared.Scaler.Transform(grid);
    }

    /// <summary>Loss as the training objective measures it (cross-entropy, or MSE of the scaled target) and accuracy.</summary>
    private (double Loss, double? Accuracy) Measure(Sequential<float> model, Matrix<float> x, Matrix<float> y, out int[,]? confusion)
    {
        Matrix<float> outputs = model.Predict(x);
        double sum = 0;
        confusion = null;
        if (_data.Task == TaskKind.Regression)
        {
            for (int row = 0; row < x.Rows; row++)
            {
                double difference = outputs[row, 0] - (double)y[row, 0];
                sum += difference * difference;
            }

            return (sum / x.Rows, null);
        }

        int correct = 0, classes = outputs.Columns;
        confusion = new int[classes, classes];
        for (int row = 0; row < x.Rows; row++)
        {
            int truth = (int)y[row, 0], predicted = ArgMax(outputs.Row(row));
            confusion[truth, predicted]++;
            correct += truth == predicted ? 1 : 0;
            // Cross-entropy from the probabilities, floored as the model file's evaluation floors it.
            sum -= Math.Log(Math.Max(outputs[row, truth], 1e-12));
        }

        return (sum / x.Rows, (double)correct / x.Rows);
    }

    private float Unscale(float value) => _prepared.TargetScaler is { } scaler ? value * scaler.StandardDeviations[0] + scaler.Means[0] : value;

    private static int ArgMax(ReadOnlySpan<float> row)
    {
        int best = 0;
        for (int k = 1; k < row.Length; k++)
        {
            best = row[k] > row[best] ? k : best;
        }

        return best;
    }

    private static void WriteNumbers(Utf8JsonWriter json, string? name, ReadOnlySpan<float> values, int digits)
    {
        if (name is null)
        {
            json.WriteStartArray();
        }
        else
        {
            json.WriteStartArray(name);
        }

        foreach (float value in values)
        {
            json.WriteNumberValue(float.IsFinite(value) ? Round(value, digits) : 0);
        }

        json.WriteEndArray();
    }

    private static double Round(double value, int digits) => double.IsFinite(value) ? Math.Round(value, digits) : -1;
}

/// <summary>The model's losses and accuracies (accuracy and confusion only for classification).</summary>
internal sealed record Scores(double TrainLoss, double TestLoss, double? TrainAccuracy, double? TestAccuracy, int[,]? Confusion);
