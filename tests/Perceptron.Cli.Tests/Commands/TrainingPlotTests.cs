using Perceptron.Activations;
using Perceptron.Cli.Commands;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Optimizers;
using Perceptron.Tensors;
using Perceptron.Training;
using ScottPlot;

namespace Perceptron.Cli.Tests.Commands;

public class TrainingPlotTests
{
    [Fact]
    public void Curves_PlotTheDataLoss_AndThePenaltyDashed_WhenL2IsOn()
    {
        History history = Train(l2: 0.05);

        var curves = TrainingPlot.CurvesOf(history, "accuracy", "mse");

        Assert.Equal(["loss", "val_loss", "penalty"], curves.Select(c => c.Key));
        // The loss curve is the data loss the report prints (Evaluate's loss), not loss + penalty.
        Assert.Equal(history["loss"], curves[0].Values);
        Assert.Equal(LinePattern.Dashed, curves.Single(c => c.Key == "penalty").Pattern);
        Assert.Equal(LinePattern.Solid, curves[0].Pattern);
        Assert.Contains("training loss: mse", curves[0].Label, StringComparison.Ordinal);
    }

    [Fact]
    public void Curves_HaveNoPenalty_WithoutL2()
    {
        Assert.DoesNotContain(TrainingPlot.CurvesOf(Train(l2: 0), "accuracy", "mse"), c => c.Key == "penalty");
    }

    private static History Train(double l2)
    {
        var x = new Matrix<float>(new float[,] { { 0, 1 }, { 1, 0 }, { 1, 1 }, { 0, 0 } });
        var y = new Matrix<float>(new float[,] { { 1 }, { 1 }, { 0 }, { 0 } });
        var model = new Sequential(new Dense(3, Activation.Tanh, l2: l2, inputs: 2), new Dense(1, l2: l2)) { Seed = 1 };
        model.Compile(new Sgd(0.1), new MeanSquaredError());
        return model.Fit(x, y, new TrainingOptions { Epochs = 3, BatchSize = 4 }, x, y);
    }
}
