using Perceptron.Layers;
using Perceptron.Tensors;
using Perceptron.Training;

namespace Perceptron.Playground.Engine;

/// <summary>
/// Adapter: the inference forward pass layer by layer, keeping every dense layer's pre-activations h and outputs a,
/// from the model's weights (<see cref="Dense{T}.Weights"/>, <see cref="Dense{T}.Bias"/>) and the engine's own
/// activation code (<see cref="Activations.Activation.Forward{T}"/>). Dropout is the identity at inference.
/// </summary>
internal static class NetworkTrace
{
    /// <summary>h and a of every dense layer for each row of <paramref name="x"/> (rows × units each).</summary>
    public static (float[][] H, float[][] A) Forward(Sequential<float> model, Matrix<float> x)
    {
        IReadOnlyList<Dense<float>> layers = EngineRun.DenseLayers(model);
        var h = new float[layers.Count][];
        var a = new float[layers.Count][];
        float[] input = x.Data;
        int rows = x.Rows;
        for (int l = 0; l < layers.Count; l++)
        {
            Dense<float> layer = layers[l];
            int inputs = layer.Inputs, units = layer.Units;
            ReadOnlySpan<float> w = layer.Weights, b = layer.Bias;
            h[l] = new float[rows * units];
            a[l] = new float[rows * units];
            for (int row = 0; row < rows; row++)
            {
                Span<float> z = h[l].AsSpan(row * units, units);
                for (int j = 0; j < units; j++)
                {
                    // h_j = b_j + Σ_i a_i·w_ij, summed in double so the shown value does not depend on the summation order.
                    double sum = b.IsEmpty ? 0 : b[j];
                    for (int i = 0; i < inputs; i++)
                    {
                        sum += (double)input[row * inputs + i] * w[i * units + j];
                    }

                    z[j] = (float)sum;
                }

                layer.Activation.Forward<float>(z, a[l].AsSpan(row * units, units), units);
            }

            input = a[l];
        }

        return (h, a);
    }
}
