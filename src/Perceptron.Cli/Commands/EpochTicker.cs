using Perceptron.Training;
using Perceptron.Training.Callbacks;
using Spectre.Console;

namespace Perceptron.Cli.Commands;

/// <summary>Advances a progress task by one for every epoch trained, across the many trainings of cv and tune.</summary>
internal sealed class EpochTicker(ProgressTask task) : Callback
{
    public override void OnEpochEnd(ITrainingModel model, EpochResult epoch) => task.Increment(1);
}
