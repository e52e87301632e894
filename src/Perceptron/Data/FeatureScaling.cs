namespace Perceptron.Data;

/// <summary>How features are scaled before training, fitted on the training rows only.</summary>
public enum FeatureScaling
{
    /// <summary>Standardise each feature: (x − mean) / std (<see cref="StandardScaler"/>).</summary>
    Standard,

    /// <summary>Rescale each feature to [0, 1]: (x − min) / (max − min) (<see cref="MinMaxScaler"/>).</summary>
    MinMax,

    /// <summary>Leave the features as they are.</summary>
    None,
}
