using Perceptron.Tensors;

namespace Perceptron.Data;

/// <summary>Feature and target matrices split into training and test rows, with the row indices used.</summary>
/// <param name="TrainFeatures">Training rows of the features.</param>
/// <param name="TestFeatures">Held-out rows of the features.</param>
/// <param name="TrainTargets">Training rows of the targets (for example one-hot labels).</param>
/// <param name="TestTargets">Held-out rows of the targets.</param>
/// <param name="Indices">Which original rows went where.</param>
public sealed record MatrixSplit(Matrix<float> TrainFeatures, Matrix<float> TestFeatures, Matrix<float> TrainTargets, Matrix<float> TestTargets, SplitIndices Indices);
