using Perceptron.Playground.Engine;

namespace Perceptron.Playground.Tests.Engine;

public class SourceLinksTests
{
    public static TheoryData<string, string> Fragments => [.. SourceLinks.Fragments.Select(f => (f.File, f.Fragment))];

    /// <summary>If the engine's code moves or changes, the inspector's links must be updated: this fails first.</summary>
    [Theory]
    [MemberData(nameof(Fragments))]
    public void EveryLinkedLine_IsFoundInTheEmbeddedSource(string file, string fragment) => Assert.True(SourceLinks.Find(file, fragment) > 0, $"'{fragment}' is not in {file}");

    [Fact]
    public void EveryActivationLossAndOptimizer_HasItsFileEmbedded()
    {
        string[] files = [.. SourceLinks.FileNames];
        foreach (var type in new[] { typeof(Activations.Activation), typeof(Losses.Loss), typeof(Optimizers.Optimizer) })
        {
            foreach (var concrete in type.Assembly.GetTypes().Where(t => t.IsSubclassOf(type) && !t.IsAbstract && t.IsPublic))
            {
                Assert.Contains(concrete.Name + ".cs", files);
            }
        }
    }
}
