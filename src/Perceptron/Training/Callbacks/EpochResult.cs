namespace Perceptron.Training.Callbacks;

/// <summary>One finished epoch.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="Epochs">The last epoch's number.</param>
/// <param name="Logs">"loss" (the data loss), "penalty" (when a layer has an L2 or L1 penalty), metrics, and "val_"-prefixed validation values.</param>
/// <param name="Elapsed">Time the epoch took, validation included.</param>
public sealed record EpochResult(int Epoch, int Epochs, IReadOnlyDictionary<string, double> Logs, TimeSpan Elapsed);
