using Perceptron.Cli.Commands;
using Perceptron.Tabular;
using Spectre.Console;

namespace Perceptron.Cli.Tests.Commands;

/// <summary>The progress display moves while training runs, not only at the end.</summary>
public class TrainingDisplayTests
{
    [Fact]
    public void Display_UpdatesDuringTraining()
    {
        var task = new ProgressTask(1, "training", 1);
        var seen = new List<double>();
        var display = new TrainingDisplay(task, "accuracy");
        var probe = new Probe(() => seen.Add(task.Value));

        TabularTrainer.Train(Perceptron.Data.BuiltInDatasets.Load("iris"), new TabularOptions { Epochs = 5, Callbacks = [display, probe] });

        // Five epochs of five steps (150 rows, batch 32): the bar advanced at every step, to the end.
        Assert.Equal(25, seen.Count);
        Assert.Equal(Enumerable.Range(1, 25).Select(i => (double)i), seen);
        Assert.Equal(25, task.MaxValue);
        Assert.Contains("epoch", task.Description, StringComparison.Ordinal);
    }

    /// <summary>The display is throttled to ten draws a second; the last epoch is drawn whatever the clock says.</summary>
    [Fact]
    public void Display_FinalLine_ShowsTheLastEpochAtFullProgress()
    {
        var task = new ProgressTask(1, "training", 1);
        var display = new TrainingDisplay(task, "accuracy");

        var result = TabularTrainer.Train(Perceptron.Data.BuiltInDatasets.Load("iris"), new TabularOptions { Epochs = 40, Callbacks = [display], EarlyStoppingPatience = 1, L2 = 0.01 });

        Assert.True(result.History.Epochs < 40, "early stopping should have ended the run before the last epoch");
        Assert.Equal(100, task.Percentage);
        // The data loss, then the L2 penalty beside it (their sum is the objective), as History logs them.
        Assert.Matches($@"^epoch {result.History.Epochs}/40  loss \d\.\d{{4}}  penalty \d\.\d{{4}}  accuracy", task.Description);
    }

    private sealed class Probe(Action onBatch) : Perceptron.Training.Callbacks.Callback
    {
        public override void OnBatchEnd(Perceptron.Training.ITrainingModel model, in Perceptron.Training.Callbacks.BatchProgress progress) => onBatch();
    }
}
