namespace Perceptron.Classic;

/// <summary>Progress of <see cref="MultilayerPerceptron.Train"/> at the end of one epoch.</summary>
/// <param name="Epoch">The epoch just finished, counting from 1.</param>
/// <param name="Epochs">The number of epochs requested.</param>
/// <param name="MeanError">The epoch's mean per-sample squared error, measured before each sample's update.</param>
public readonly record struct ClassicEpoch(int Epoch, int Epochs, double MeanError);
