namespace Perceptron.Training.Callbacks;

/// <summary>Where training is after a step.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="Epochs">The last epoch's number.</param>
/// <param name="Batch">The step within the epoch, from 1.</param>
/// <param name="Batches">Steps per epoch.</param>
/// <param name="Samples">Training rows processed so far this epoch.</param>
/// <param name="Loss">The epoch's running mean data loss (without the L2/L1 penalty).</param>
/// <param name="Penalty">The epoch's running mean L2 + L1 penalty (0 without one); the objective minimised is Loss + Penalty.</param>
public readonly record struct BatchProgress(int Epoch, int Epochs, int Batch, int Batches, int Samples, double Loss, double Penalty = 0);
