using Perceptron.Cli.Pictures;

namespace Perceptron.Cli.Lessons;

/// <summary>The pictures (and model files) a lesson writes into its folder.</summary>
internal static class LessonPictures
{
    /// <summary>Frames a training animation shows at most.</summary>
    public const int MaxFrames = 24;

    /// <summary>
    /// The epochs to animate: every epoch of a short run, else <see cref="MaxFrames"/> spaced about evenly on a log scale
    /// (the regions change fastest early), always ending with the last.
    /// </summary>
    public static IReadOnlySet<int> FrameEpochs(int epochs)
    {
        var frames = new SortedSet<int>();
        int count = Math.Min(epochs, MaxFrames), previous = 0;
        for (int i = 0; i < count; i++)
        {
            int epoch = count == 1 ? epochs : (int)Math.Round(Math.Pow(epochs, i / (count - 1.0)));
            previous = Math.Min(epochs, Math.Max(previous + 1, epoch));
            frames.Add(previous);
        }

        return frames;
    }

    /// <summary>
    /// For each experiment: the curves of every variant, each variant's network as a model file, and, on 2-D data,
    /// each variant's decision regions, the after network's hidden units and its training as frames and a GIF; the sum
    /// task's after network as a diagram.
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

        string diagram = Path.Combine(folder, "sum-after-network.png");
        var network = NetworkView.Of(result.Sum.After.Model);
        PictureFile.Save(NetworkDiagram.Build(network, $"{result.Sum.Data.Name}: the after network ({result.Sum.Shape})", network.Forward([0.45f, 0.45f])), diagram, 900, 600);
        written.Add(diagram);
        return written;
    }
}
