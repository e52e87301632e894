using Perceptron.Cli.Pictures;
using Perceptron.Tensors;

namespace Perceptron.Cli.Lessons;

/// <summary>The pictures (and model files) a lesson writes into its folder.</summary>
internal static class LessonPictures
{
    /// <summary>Training rows the histograms use at most (evenly spaced).</summary>
    public const int HistogramRows = 500;

    /// <summary>The target of the sum task's sample, 0.45 + 0.45 (<see cref="LessonData.SumSample"/>).</summary>
    private const string SumTarget = "0.9";

    /// <summary>
    /// For each experiment: the curves of every variant, each variant's network as a model file, the before and after
    /// networks' per-layer histograms of activations and gradients after the first and the last epoch, and, on 2-D
    /// data, each variant's decision regions, the after network's hidden units and its training as frames and a GIF;
    /// the sum task's after network as a diagram with one sample's activations and δ, and the before and after
    /// networks' computation graphs for that sample when they are small enough to read.
    /// </summary>
    public static IReadOnlyList<string> Default(LessonResult result, string folder)
    {
        var written = new List<string>();
        foreach (TaskResult task in result.Tasks)
        {
            string curves = Path.Combine(folder, $"{task.Key}-curves.png");
            PictureFile.Save(CurvesPicture.Build(result.Lesson, task), columns: 2, curves, 1400, 520);
            written.Add(curves);
            for (int column = 0; column < task.Runs.Count; column++)
            {
                string name = $"{task.Key}-{LessonTable.ColumnKey(result.Lesson, column)}";
                string model = Path.Combine(folder, name + ".json");
                task.Runs[column].Model.Save(model);
                written.Add(model);
                if (task.Data.Inputs == 2 && task.Data.IsClassification)
                {
                    string boundary = Path.Combine(folder, name + "-boundary.png");
                    var picture = new BoundaryPicture(NetworkView.Of(task.Runs[column].Model), task.Data.Train);
                    PictureFile.Save(picture.Build($"{task.Data.Name}: {LessonTable.Headings(result.Lesson, task)[column]} (test {LessonFormat.Metric(task.Runs[column].MetricName, task.Runs[column].TestMetric)})"), boundary, 640, 560);
                    written.Add(boundary);
                }
            }

            for (int column = 0; column < Math.Min(2, task.Runs.Count); column++)
            {
                string histograms = Path.Combine(folder, $"{task.Key}-{LessonTable.ColumnKey(result.Lesson, column)}-histograms.png");
                WriteHistograms(task, task.Runs[column], LessonTable.Headings(result.Lesson, task)[column], histograms);
                written.Add(histograms);
            }

            if (task.Data.Inputs == 2 && task.Data.IsClassification)
            {
                string units = Path.Combine(folder, $"{task.Key}-after-hidden-units.png");
                var plots = HiddenUnitsPicture.Build(NetworkView.Of(task.After.Model), task.Data.Train);
                int columns = Math.Min(8, plots.Count);
                PictureFile.Save(plots, columns, units, 150 * columns, 150 * ((plots.Count + columns - 1) / columns));
                written.Add(units);
                if (task.After.Snapshots.Count > 0)
                {
                    string title = $"{task.Data.Name}: {LessonTable.Headings(result.Lesson, task)[1]}";
                    string frames = Path.Combine(folder, $"{task.Key}-after-training");
                    TrainingAnimation.Write(task.After.Model, task.After.Snapshots, task.Data.Train, title, frames, frames + ".gif");
                    written.Add(frames + Path.DirectorySeparatorChar);
                    written.Add(frames + ".gif");
                }
            }
        }

        // The sum task as regression (a lesson may bin it into classes; then the diagram shows activations only and no graph is drawn).
        string diagram = Path.Combine(folder, "sum-after-network.png");
        var network = NetworkView.Of(result.Sum.After.Model);
        float[] sample = result.Sum.Data.SumSample;
        bool regression = !network.IsClassifier;
        var target = regression ? LossTargets.Parse(network, SumTarget) : null;
        double[][]? deltas = target is null ? null
            : [.. EnginePass.Run(network, network.Scale(new Matrix<float>(1, 2, sample)), target).Layers.Select(layer => layer.Deltas)];
        PictureFile.Save(NetworkDiagram.Build(network, $"{result.Sum.Data.Name}: the after network ({result.Sum.Shape}), 0.45 + 0.45{(regression ? $" with target {SumTarget}" : "")}",
            network.Forward(sample), deltas), diagram, 900, 600);
        written.Add(diagram);
        for (int column = 0; column < Math.Min(2, result.Sum.Runs.Count) && target is not null; column++)
        {
            var view = NetworkView.Of(result.Sum.Runs[column].Model);
            if (ComputationGraph.Parameters(view) <= ComputationGraph.MaxParameters && !view.IsClassifier)
            {
                string path = Path.Combine(folder, $"sum-{LessonTable.ColumnKey(result.Lesson, column)}-graph.png");
                var graph = ComputationGraph.Of(view, EnginePass.Run(view, view.Scale(new Matrix<float>(1, 2, sample)), target), SumTarget, target[0, 0]);
                var plot = graph.Draw($"{result.Sum.Data.Name}, {LessonTable.Headings(result.Lesson, result.Sum)[column]} ({result.Sum.Shape}): 0.45 + 0.45, target {SumTarget}");
                PictureFile.Save(plot, path, graph.Size.Width, graph.Size.Height);
                written.Add(path);
            }
        }

        return written;
    }

    /// <summary>
    /// A run's per-layer histograms over (up to <see cref="HistogramRows"/>) training rows, after its first recorded
    /// epoch (unless training ended there) and after training, from the engine's forward and backward pass with those
    /// parameters.
    /// </summary>
    private static void WriteHistograms(TaskResult task, RunResult run, string heading, string path)
    {
        var network = NetworkView.Of(run.Model);
        var data = task.Data.Train;
        int step = (data.Rows + HistogramRows - 1) / HistogramRows;
        var rows = data.SelectRows([.. Enumerable.Range(0, data.Rows).Where(row => row % step == 0)]);
        Matrix<float> x = network.Scale(rows.Features), y = LossTargets.Of(network, rows);
        var passes = new List<EnginePass>();
        var captions = new List<string>();
        int last = run.BestEpoch ?? run.EpochsRun;
        if (run.Snapshots.Count > 0 && run.Snapshots.Keys.Min() != last)
        {
            var (epoch, parameters) = run.Snapshots.MinBy(pair => pair.Key);
            passes.Add(EnginePass.Run(network, x, y, parameters));
            captions.Add($"{heading}: {Epochs(epoch)}");
        }

        passes.Add(EnginePass.Run(network, x, y));
        captions.Add($"{heading}: {Epochs(last)} ({(run.BestEpoch is null ? "end" : "kept")})");
        var plots = HistogramsPicture.Build(HistogramsPicture.Measure(network, passes), captions);
        int columns = network.Layers.Count;
        PictureFile.Save(plots, columns, path, columns * HistogramsPicture.PanelWidth, plots.Count / columns * HistogramsPicture.PanelHeight);
    }

    private static string Epochs(int count) => count == 1 ? "1 epoch" : $"{count} epochs";
}
