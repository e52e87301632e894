using Perceptron.Tensors;

namespace Perceptron.Data;

/// <summary>One-hot encoding of class labels: label k becomes a row with 1 in column k and 0 elsewhere.</summary>
public static class OneHot
{
    /// <summary>Encodes class indices as one-hot rows.</summary>
    /// <param name="labels">One class index per sample, each in 0..<paramref name="classes"/>−1.</param>
    /// <param name="classes">Number of classes (columns), ≥ 1.</param>
    /// <returns>A labels.Length × classes matrix of 0s and 1s.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classes"/> is below 1.</exception>
    /// <exception cref="ArgumentException">A label is outside 0..classes−1 (the message names its index).</exception>
    public static Matrix<float> Encode(int[] labels, int classes)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        var encoded = new Matrix<float>(labels.Length, classes);
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classes)
            {
                throw new ArgumentException($"labels[{i}] is {labels[i]} but there are {classes} classes; each label must be in 0..{classes - 1}.", nameof(labels));
            }

            encoded[i, labels[i]] = 1f;
        }

        return encoded;
    }
}
