using Perceptron.Playground.Data;
using Perceptron.Playground.Engine;
using Perceptron.Training;

namespace Perceptron.Playground.Sessions;

/// <summary>A run's model and data, as the training thread hands them to work items (only ever touched on that thread).</summary>
/// <param name="Setup">The run's setup.</param>
/// <param name="Data">The run's rows.</param>
/// <param name="Prepared">The rows as the network sees them.</param>
/// <param name="Model">The network.</param>
internal sealed record RunContext(PlaygroundSetup Setup, SessionData Data, PreparedData Prepared, Sequential<float> Model);
