using Perceptron.Activations;
using Perceptron.Data;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Optimizers;
using Perceptron.Tensors;
using Perceptron.Training;

namespace Perceptron.Benchmarks.Quick;

/// <summary>
/// <c>w2</c>: the framework replica (<c>perceptron demo --engine</c>). 2-5 ReLU-1 linear with biases, MSE, SGD 0.1,
/// batch 32, shuffled, 3500 training and 1500 test pairs, 100 epochs (10 with --quick): median seconds per epoch
/// and the test MSE. Exports w2-{xtrain,ytrain,xtest,ytest}.f32, the initial w2-{w0,b0,w1,b1}.f32 and the
/// per-epoch shuffle order w2-order.i32, so the PyTorch peer makes the same updates in the same order.
/// </summary>
internal static class W2Framework
{
    private const int Seed = 42;

    public static int Run(string[] args)
    {
        if (Comparison.Parse(args, "w2") is not { } options)
        {
            return 2;
        }

        int epochs = options.Quick ? 10 : 100;
        var random = new Random(Seed);
        var x = new Matrix<float>(5000, 2);
        var y = new Matrix<float>(5000, 1);
        for (int i = 0; i < x.Rows; i++)
        {
            x[i, 0] = (float)(random.NextDouble() / 2);
            x[i, 1] = (float)(random.NextDouble() / 2);
            y[i, 0] = x[i, 0] + x[i, 1];
        }

        var split = DataSplit.TrainTestIndices(x.Rows, testFraction: 0.3, seed: Seed);
        Matrix<float> xTrain = x.SelectRows(split.Train), yTrain = y.SelectRows(split.Train);
        Matrix<float> xTest = x.SelectRows(split.Test), yTest = y.SelectRows(split.Test);
        options.Export<float>("w2-xtrain.f32", xTrain.Data);
        options.Export<float>("w2-ytrain.f32", yTrain.Data);
        options.Export<float>("w2-xtest.f32", xTest.Data);
        options.Export<float>("w2-ytest.f32", yTest.Data);
        options.ExportShuffleOrders("w2-order.i32", Seed, epochs, xTrain.Rows);

        Comparison.WarmUp(() => Train(xTrain, yTrain, 10, new EpochTimer(), null));
        var timer = new EpochTimer();
        var model = Train(xTrain, yTrain, epochs, timer, options);
        double testMse = model.Evaluate(xTest, yTest)["loss"];
        options.Record("W2-framework", "perceptron", options.Threads, timer.SteadyMedian, "per-epoch", testMse, "test_mse",
            "2-5-1, batch 32, 110 steps/epoch");
        return 0;
    }

    private static Sequential<float> Train(Matrix<float> x, Matrix<float> y, int epochs, EpochTimer timer, Comparison? export)
    {
        var model = new Sequential(new Dense(5, Activation.Relu, inputs: 2), new Dense(1)) { Seed = Seed };
        model.Compile(new Sgd(0.1), new MeanSquaredError());
        if (export is not null)
        {
            var (hidden, output) = ((Dense<float>)model.Layers[0], (Dense<float>)model.Layers[1]);
            export.Export<float>("w2-w0.f32", hidden.Weights);
            export.Export<float>("w2-b0.f32", hidden.Bias);
            export.Export<float>("w2-w1.f32", output.Weights);
            export.Export<float>("w2-b1.f32", output.Bias);
        }

        model.Fit(x, y, new TrainingOptions { Epochs = epochs, BatchSize = 32, Shuffle = true, Callbacks = [timer] });
        return model;
    }
}
