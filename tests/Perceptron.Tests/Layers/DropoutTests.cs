using Perceptron.Layers;

namespace Perceptron.Tests.Layers;

public class DropoutTests
{
    [Fact]
    public void Forward_Inference_IsTheIdentity()
    {
        var dropout = new Dropout(0.5);
        dropout.Build(4);
        float[] x = [1, 2, 3, 4, 5, 6, 7, 8], y = new float[8];

        dropout.Forward(x, y, 2, training: false);

        Assert.Equal(x, y);
    }

    [Fact]
    public void Forward_Training_DropsAboutTheRate_AndScalesTheRest()
    {
        var dropout = new Dropout(0.3);
        dropout.Build(1000);
        dropout.PrepareTraining(10);
        dropout.StartEpoch(seed: 1, epoch: 0, layerIndex: 0);
        float[] x = [.. Enumerable.Repeat(1f, 10_000)], y = new float[10_000];

        dropout.Forward(x, y, 10, training: true);

        double dropped = y.Count(v => v == 0) / 10_000.0;
        Assert.Equal(0.3, dropped, 0.02);
        Assert.All(y.Where(v => v != 0), v => Assert.Equal(1 / 0.7f, v, 1e-6f));
        Assert.Equal(1.0, y.Average(), 0.03); // inverted dropout keeps the expectation
    }

    [Fact]
    public void Backward_UsesTheForwardMask()
    {
        var dropout = new Dropout(0.5);
        dropout.Build(8);
        dropout.PrepareTraining(1);
        dropout.StartEpoch(seed: 3, epoch: 0, layerIndex: 0);
        float[] x = [.. Enumerable.Repeat(1f, 8)], y = new float[8], dY = [.. Enumerable.Repeat(1f, 8)], dX = new float[8];

        dropout.Forward(x, y, 1, training: true);
        dropout.Backward(x, y, dY, dX, 1);

        Assert.Equal(y, dX);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    public void Constructor_ThrowsOnRateOutsideZeroToOne(double rate) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(rate));
}
