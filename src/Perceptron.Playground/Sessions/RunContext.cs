using Perceptron.Playground.Data;
using Perceptron.Playground.Engine;
using Perceptron.Training;

namespace Perceptron.Playground.Sessions;

/// <summary>A run's setup, data and model; read and trained only under the session's model lock.</summary>
/// <param name="Setup">The run's setup.</param>
/// <param name="Data">The run's rows.</param>
/// <param name="Prepared">The rows as the network sees them.</param>
/// <param name="Model">The network.</param>
internal sealed record RunContext(PlaygroundSetup Setup, SessionData Data, PreparedData Prepared, Sequential<float> Model);
