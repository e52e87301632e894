using Perceptron.Optimizers;
using Perceptron.Tests.Support;

namespace Perceptron.Tests.Optimizers;

/// <summary>Three steps of each optimizer on fixed gradients, against values computed independently (a plain Python rendering of each update rule).</summary>
public class OptimizerTests
{
    private static readonly double[][] GradientSteps = [[0.1, -0.2, 0.05], [0.3, 0.1, -0.4], [-0.2, 0.25, 0.15]];

    public static TheoryData<string, double[]> References => new()
    {
        { "sgd", [0.48, -0.315, 0.8200000000000001] },
        { "sgd momentum", [0.43589999999999995, -0.28979999999999995, 0.84745] },
        { "sgd nesterov", [0.42230999999999996, -0.30582000000000004, 0.862705] },
        { "sgd momentum weight decay", [0.4331653895, -0.2881844197, 0.8429448342] },
        { "adam", [0.4782431522889793, -0.2907281284004677, 0.7990718246131086] },
        { "adam weight decay", [0.47608694955069863, -0.2877288060545298, 0.793678446788786] },
        { "adamw", [0.4767738195977597, -0.2898516814696963, 0.7966876605431784] },
        { "rmsprop", [0.3587476078474066, -0.3197355343532159, 0.7642047686912928] },
        { "rmsprop momentum weight decay", [0.2302895485762987, -0.24377380834295584, 0.7109871917273758] },
    };

    [Theory]
    [MemberData(nameof(References))]
    public void Step_ThreeSteps_MatchesHandComputedReference(string name, double[] expected)
    {
        Optimizer optimizer = Create(name);
        double[] parameters = [0.5, -0.3, 0.8];
        foreach (double[] gradients in GradientSteps)
        {
            optimizer.Step<double>(parameters, gradients);
        }

        AssertClose.Values(expected, parameters, 1e-14, 1e-12, name);
        Assert.Equal(3, optimizer.Iterations);
    }

    /// <summary>The vectorised loop and its scalar tail must agree: every length crosses a different remainder.</summary>
    [Theory]
    [MemberData(nameof(References))]
    public void Step_Float32_AgreesWithFloat64AtEveryLength(string name, double[] unused)
    {
        _ = unused;
        var random = new Random(42);
        for (int length = 1; length <= 40; length++)
        {
            Optimizer single = Create(name), reference = Create(name);
            float[] p32 = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
            double[] p64 = p32.Select(v => (double)v).ToArray();
            for (int step = 0; step < 3; step++)
            {
                float[] g32 = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
                single.Step<float>(p32, g32);
                reference.Step<double>(p64, g32.Select(v => (double)v).ToArray());
            }

            AssertClose.Values(p64, p32.Select(v => (double)v).ToArray(), 1e-6, 1e-5, $"{name} at length {length}");
        }
    }

    [Fact]
    public void Step_ThrowsOnLengthMismatch() =>
        Assert.Throws<ArgumentException>(() => new Sgd(0.1).Step<float>(new float[3], new float[2]));

    [Fact]
    public void Step_ThrowsWhenReusedForAnotherParameterCount()
    {
        var adam = new Adam();
        adam.Step<float>(new float[3], new float[3]);
        Assert.Throws<ArgumentException>(() => adam.Step<float>(new float[4], new float[4]));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void Constructor_ThrowsOnBadLearningRate(double rate) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(rate));

    [Fact]
    public void Schedules_FollowTheirFormulas()
    {
        Assert.Equal(0.1 * 0.5 * 0.5, new StepDecay(10, 0.5).Rate(25, 0.1), 1e-15);
        Assert.Equal(0.1 * Math.Pow(0.9, 3), new ExponentialDecay(0.9).Rate(3, 0.1), 1e-15);
        Assert.Equal(0.1, new CosineDecay(10).Rate(0, 0.1), 1e-15);
        Assert.Equal(0.05, new CosineDecay(10).Rate(5, 0.1), 1e-15);
        Assert.Equal(0.001, new CosineDecay(10, 0.001).Rate(12, 0.1), 1e-15);
    }

    internal static Optimizer Create(string name) => name switch
    {
        "sgd" => new Sgd(0.1),
        "sgd momentum" => new Sgd(0.1, momentum: 0.9),
        "sgd nesterov" => new Sgd(0.1, momentum: 0.9, nesterov: true),
        "sgd momentum weight decay" => new Sgd(0.1, momentum: 0.9, weightDecay: 0.01),
        "adam" => new Adam(0.01),
        "adam weight decay" => new Adam(0.01, weightDecay: 0.1),
        "adamw" => new AdamW(0.01, weightDecay: 0.1),
        "rmsprop" => new RmsProp(0.01),
        "rmsprop momentum weight decay" => new RmsProp(0.01, momentum: 0.5, weightDecay: 0.1),
        _ => throw new ArgumentException(name),
    };
}
