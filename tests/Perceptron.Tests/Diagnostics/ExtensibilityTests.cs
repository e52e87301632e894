using System.Reflection;
using Perceptron.Activations;
using Perceptron.Losses;

namespace Perceptron.Tests.Diagnostics;

/// <summary>
/// This test assembly sees the library's internals, so compiling <c>UserWritten.Softplus</c> here does not prove that
/// code outside could; these checks do: nothing a subclass must implement, or call to be constructed, is hidden.
/// </summary>
public class ExtensibilityTests
{
    [Theory]
    [InlineData(typeof(Activation))]
    [InlineData(typeof(Loss))]
    public void BaseClass_CanBeSubclassedOutsideTheLibrary(Type type)
    {
        const BindingFlags Everything = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;
        Assert.True(type.IsPublic && type.IsAbstract);
        Assert.Contains(type.GetConstructors(Everything), c => c.IsPublic || c.IsFamily || c.IsFamilyOrAssembly);
        var hidden = type.GetMethods(Everything).Where(m => m.IsAbstract && !(m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly));
        Assert.Empty(hidden.Select(m => m.Name));
        var hiddenProperties = type.GetProperties(Everything).Where(p => (p.GetMethod?.IsAbstract ?? false) && !(p.GetMethod.IsPublic || p.GetMethod.IsFamily));
        Assert.Empty(hiddenProperties.Select(p => p.Name));
    }
}
