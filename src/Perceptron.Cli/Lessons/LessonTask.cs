namespace Perceptron.Cli.Lessons;

/// <summary>One of a lesson's two experiments: the data, the network's hidden layers and how long to train.</summary>
/// <param name="Load">Makes the data from the seed.</param>
/// <param name="Hidden">Hidden layer sizes, e.g. [5] for the original's 2-5-1.</param>
/// <param name="Epochs">Passes over the training rows.</param>
/// <param name="Threshold">The test accuracy (or R²) whose first epoch the table reports as "epochs to reach".</param>
/// <param name="ValidationFraction">Share of the training rows held out for validation (early stopping watches it), the same rows for every variant; 0 for none.</param>
internal sealed record LessonTask(Func<int, LessonData> Load, IReadOnlyList<int> Hidden, int Epochs, double Threshold, double ValidationFraction = 0);
