using Perceptron.Tests.ArchitectureFixture.Low;

namespace Perceptron.Tests.ArchitectureFixture.High;

// The upper namespace of ArchitectureTests' fixture: it may use the lower one.

/// <summary>A type of the upper namespace, used upwards by the lower namespace's types.</summary>
internal class Upper
{
    public static int Count() => 1;
}

/// <summary>An attribute of the upper namespace.</summary>
[AttributeUsage(AttributeTargets.All)]
internal sealed class UpperAttribute : Attribute;

/// <summary>The allowed direction: the upper namespace uses the lower one.</summary>
internal sealed class UsesLow
{
    public object Value { get; } = new Lower();
}
