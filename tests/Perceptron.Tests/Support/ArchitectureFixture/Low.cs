// The lower namespace of ArchitectureTests' fixture: each type uses the upper namespace in one way the checker must see.
// Nothing here runs; the types exist to be read from the compiled test assembly.
#pragma warning disable CA1812, CA1822, IDE0051, IDE0059, IDE0060

namespace Perceptron.Tests.ArchitectureFixture.Low
{
    /// <summary>A type of the lower namespace that uses nothing above it.</summary>
    internal sealed class Lower;
}

namespace Perceptron.Tests.ArchitectureFixture.Low.BaseType
{
    internal sealed class Derived : High.Upper;
}

namespace Perceptron.Tests.ArchitectureFixture.Low.Field
{
    internal sealed class Holder
    {
        private readonly High.Upper? _upper = null;

        public bool HasUpper => _upper is not null;
    }
}

namespace Perceptron.Tests.ArchitectureFixture.Low.Signature
{
    internal static class Takes
    {
        public static void Method(High.Upper upper) => GC.KeepAlive(upper);
    }
}

namespace Perceptron.Tests.ArchitectureFixture.Low.Local
{
    internal static class Makes
    {
        public static object Method() => new High.Upper();
    }
}

namespace Perceptron.Tests.ArchitectureFixture.Low.Call
{
    internal static class Calls
    {
        public static int Method() => High.Upper.Count();
    }
}

namespace Perceptron.Tests.ArchitectureFixture.Low.GenericArgument
{
    internal static class Lists
    {
        public static int Method() => new List<List<High.Upper>>().Count;
    }
}

namespace Perceptron.Tests.ArchitectureFixture.Low.Attribute
{
    [High.UpperAttribute]
    internal sealed class Marked;
}

namespace Perceptron.Tests.ArchitectureFixture.Low.NestedTypeCode
{
    internal sealed class Outer
    {
        private sealed class Inner
        {
            public static Func<object> Make() => () => new High.Upper();
        }

        public static object Run() => Inner.Make()();
    }
}
