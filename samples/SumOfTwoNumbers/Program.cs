// The educational original's second script, step for step in Perceptron's engine: the same network the
// classic class trains one sample at a time, rebuilt "in a framework" in a dozen lines.
//
//   dotnet run --project samples/SumOfTwoNumbers -c Release

using System.Globalization;
using Perceptron.Activations;
using Perceptron.Classic;
using Perceptron.Data;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Optimizers;
using Perceptron.Tensors;
using Perceptron.Training;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// generate_dataset(5000, 0.3): pairs in [0, 0.5) and their sums, split 70/30. The data and the initial weights
// come from two streams derived from one seed (SumOfTwoNumbers.DataSeed and WeightSeed), as in `perceptron demo`.
var (pairs, _) = SumOfTwoNumbers.Generate(samples: 5000, seed: 42);
var x = new Matrix<float>(5000, 2);
var y = new Matrix<float>(5000, 1);
for (int i = 0; i < x.Rows; i++)
{
    x[i, 0] = (float)pairs[i][0];
    x[i, 1] = (float)pairs[i][1];
    y[i, 0] = x[i, 0] + x[i, 1];
}

var split = DataSplit.TrainTestIndices(x.Rows, testFraction: 0.3, seed: 42);
Matrix<float> xTrain = x.SelectRows(split.Train), yTrain = y.SelectRows(split.Train);
Matrix<float> xTest = x.SelectRows(split.Test), yTest = y.SelectRows(split.Test);

// model: 2 → 5 (relu) → 1 (linear)
var model = new Sequential(
    new Dense(5, Activation.Relu, inputs: 2),
    new Dense(1))
{ Seed = SumOfTwoNumbers.WeightSeed(42) };

// compile: SGD with learning rate 0.1, mean squared error
model.Compile(new Sgd(learningRate: 0.1), new MeanSquaredError());
Console.WriteLine(model.Summary());

// train: 100 epochs, batches of 32
History history = model.Fit(xTrain, yTrain, epochs: 100, batchSize: 32);
Console.WriteLine($"final training loss: {history["loss"][^1]:E3}");

// evaluate on the held-out 30%
double testMse = model.Evaluate(xTest, yTest)["loss"];
Console.WriteLine($"test MSE: {testMse:E3}");

// predict 0.1 + 0.2 and 0.2 + 0.2
Matrix<float> predictions = model.Predict(new Matrix<float>(new float[,] { { 0.1f, 0.2f }, { 0.2f, 0.2f } }));
Console.WriteLine($"0.1 + 0.2 = {predictions[0, 0]:0.0000}");
Console.WriteLine($"0.2 + 0.2 = {predictions[1, 0]:0.0000}");
return testMse < 1e-3 ? 0 : 1;
