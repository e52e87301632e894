namespace Perceptron.Onnx;

/// <summary>A model that cannot be written as ONNX: the message names the layer (or part) and why, and what to do instead.</summary>
public sealed class OnnxExportException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="part">The layer or part that cannot be exported, e.g. "dense_1" or "scaler", or null for the model as a whole.</param>
    /// <param name="problem">What is wrong and how to fix it.</param>
    public OnnxExportException(string? part, string problem)
        : base(part is null ? $"Cannot export to ONNX: {problem}" : $"Cannot export '{part}' to ONNX: {problem}")
    {
        Part = part;
    }

    /// <summary>The layer or part that cannot be exported, or null for the model as a whole.</summary>
    public string? Part { get; }
}
