namespace Perceptron.Playground.Sessions;

/// <summary>One point of the loss curves.</summary>
/// <param name="Step">Gradient steps taken.</param>
/// <param name="Epoch">Epochs completed.</param>
/// <param name="Train">Loss on the training rows.</param>
/// <param name="Test">Loss on the test rows.</param>
internal readonly record struct HistoryPoint(long Step, int Epoch, double Train, double Test);
