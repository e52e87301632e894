using Perceptron.Data;
using Perceptron.Playground.Sessions;
using Perceptron.Tensors;

namespace Perceptron.Playground.Data;

/// <summary>
/// A run's data: the training and test rows as the network sees them (features chosen, before any scaling), and,
/// when the data lies in a plane, the points to draw and how to turn a position of the plane into a row.
/// </summary>
internal sealed class SessionData
{
    private SessionData(TabularDataset train, TabularDataset test, PlaneView? plane)
    {
        Train = train;
        Test = test;
        Plane = plane;
    }

    /// <summary>The training rows.</summary>
    public TabularDataset Train { get; }

    /// <summary>The test rows.</summary>
    public TabularDataset Test { get; }

    /// <summary>How to draw the data in a plane, or null when it has more than two raw dimensions.</summary>
    public PlaneView? Plane { get; }

    /// <summary>Classification or regression.</summary>
    public TaskKind Task => Train.Task;

    /// <summary>Points of a 2-D data set, with the chosen features, split by the training share.</summary>
    public static SessionData FromPlane(PlaygroundSetup setup, int points = 500)
    {
        PlanePoint[] all = PlaneDatasets.Generate(setup.Data, points, setup.Noise / 100.0, setup.Seed);
        InputFeature[] features = [.. setup.Features.Select(name => InputFeature.Find(name)!)];
        int trainRows = Math.Clamp((int)Math.Round(points * setup.TrainPercent / 100.0), 1, points - 1);
        bool classify = setup.Problem == "classification";
        TabularDataset Build(ReadOnlySpan<PlanePoint> rows)
        {
            var positions = new (double, double)[rows.Length];
            for (int i = 0; i < rows.Length; i++)
            {
                positions[i] = (rows[i].X1, rows[i].X2);
            }

            Matrix<float> x = InputFeature.Rows(features, positions);
            string[] names = [.. features.Select(f => f.Name)];
            if (classify)
            {
                int[] labels = new int[rows.Length];
                for (int i = 0; i < labels.Length; i++)
                {
                    labels[i] = rows[i].Label >= 0 ? 1 : 0;
                }

                return TabularDataset.ForClassification(setup.Data, x, names, "label", labels, ["-1", "1"]);
            }

            float[] targets = new float[rows.Length];
            for (int i = 0; i < targets.Length; i++)
            {
                targets[i] = (float)rows[i].Label;
            }

            return TabularDataset.ForRegression(setup.Data, x, names, "label", targets);
        }

        var plane = new PlaneView(
            -PlaneDatasets.Extent, PlaneDatasets.Extent, -PlaneDatasets.Extent, PlaneDatasets.Extent, ["x₁", "x₂"],
            [.. all.AsSpan(0, trainRows).ToArray().Select(p => (p.X1, p.X2, p.Label))],
            [.. all.AsSpan(trainRows).ToArray().Select(p => (p.X1, p.X2, p.Label))],
            (x1, x2) => features.Select(f => f.Compute(x1, x2)).ToArray());
        return new SessionData(Build(all.AsSpan(0, trainRows)), Build(all.AsSpan(trainRows)), plane);
    }

    /// <summary>An uploaded table, split as <c>perceptron train --test-split</c> splits it; drawn in a plane when it has two features.</summary>
    public static SessionData FromTable(TabularDataset data, PlaygroundSetup setup)
    {
        double testFraction = 1 - setup.TrainPercent / 100.0;
        DatasetSplit split = DataSplit.TrainTestSplit(data, testFraction, setup.Seed, DataSplit.CanStratify(data, testFraction));
        PlaneView? plane = data.Features.Columns == 2 ? PlaneView.ForTable(split.Train, split.Test) : null;
        return new SessionData(split.Train, split.Test, plane);
    }
}
