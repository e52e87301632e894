namespace Perceptron.Data;

/// <summary>What a dataset's target asks a model to do.</summary>
public enum TaskKind
{
    /// <summary>Predict one of a fixed set of classes; the target is an integer label per row.</summary>
    Classification,

    /// <summary>Predict a real number; the target is a float per row.</summary>
    Regression,
}
