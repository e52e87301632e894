using Perceptron.Classic;
using Perceptron.Explain;
using Spectre.Console;

namespace Perceptron.Cli.Commands;

/// <summary>The demo's --verbose trace: the first sample's training step, every value as 'perceptron explain --classic' shows it.</summary>
internal static class ClassicTrace
{
    /// <summary>Explains the step on the first sample (on a copy: the network itself is not updated here) and prints it.</summary>
    public static void WriteFirstSample(IAnsiConsole console, MultilayerPerceptron mlp, double[] input, double[] target, double learningRate)
    {
        SectionRule.Write(console, "the first sample's training step (perceptron explain --classic shows any sample)");
        ExplainRenderer.WriteTerminal(console, ClassicExplainer.Explain(mlp, input, target, learningRate), full: false);
        SectionRule.Write(console);
    }
}
