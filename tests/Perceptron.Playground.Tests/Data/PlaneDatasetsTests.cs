using Perceptron.Playground.Data;
using Perceptron.Playground.Sessions;

namespace Perceptron.Playground.Tests.Data;

public class PlaneDatasetsTests
{
    public static TheoryData<string> Names => [.. PlaneDatasets.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryDataSet_IsAFunctionOfItsSeed_WithinThePlane(string name)
    {
        PlanePoint[] points = PlaneDatasets.Generate(name, 500, 0.2, seed: 3);
        Assert.Equal(points, PlaneDatasets.Generate(name, 500, 0.2, seed: 3));
        Assert.NotEqual(points, PlaneDatasets.Generate(name, 500, 0.2, seed: 4));
        Assert.All(points, p => Assert.True(Math.Abs(p.X1) <= 9 && Math.Abs(p.X2) <= 9, $"{p} is far outside the plane"));
        if (!PlaneDatasets.IsRegression(name))
        {
            Assert.All(points, p => Assert.Contains(p.Label, new[] { -1.0, 1.0 }));
            int blue = points.Count(p => p.Label > 0);
            Assert.InRange(blue, 150, 350);
        }
    }

    [Fact]
    public void Circles_WithoutNoise_AreSeparatedByRadius()
    {
        Assert.All(PlaneDatasets.Generate("circles", 500, 0, 1), p =>
            Assert.Equal(Math.Sqrt(p.X1 * p.X1 + p.X2 * p.X2) < 2.5 ? 1 : -1, p.Label));
    }

    [Fact]
    public void Features_AreComputedFromThePoints_AndTheSplitFollowsTheRatio()
    {
        var setup = new PlaygroundSetup { Data = "xor", Features = ["x1", "x1_times_x2", "sin_x2"], TrainPercent = 70 };
        var data = SessionData.FromPlane(setup);
        Assert.Equal(350, data.Train.Rows);
        Assert.Equal(150, data.Test.Rows);
        var (x1, x2, _) = data.Plane!.TrainPoints[9];
        Assert.Equal((float)x1, data.Train.Features[9, 0]);
        Assert.Equal((float)(x1 * x2), data.Train.Features[9, 1]);
        Assert.Equal((float)Math.Sin(x2), data.Train.Features[9, 2]);
    }
}
