// The data README's examples train on: the original's task, pairs of numbers in [0, 0.5) and their sums, as in
// samples/SumOfTwoNumbers. A block marked <!-- snippet: prelude=SumOfTwoNumbers --> uses these as plain names.
using Perceptron.Data;
using Perceptron.Tensors;

internal static class SumOfTwoNumbers
{
    private static readonly (Matrix<float> X, Matrix<float> Y) Pairs = MakePairs(5000, seed: 42);
    private static readonly SplitIndices Split = DataSplit.TrainTestIndices(5000, testFraction: 0.3, seed: 42);

    // The classic class: one sample per row, as arrays of double.
    public static readonly double[][] inputs = Rows(Pairs.X, 500);
    public static readonly double[][] targets = Rows(Pairs.Y, 500);

    // The engine: a 70/30 split of the 5,000 pairs, and two new pairs to predict.
    public static readonly Matrix<float> xTrain = Pairs.X.SelectRows(Split.Train), yTrain = Pairs.Y.SelectRows(Split.Train);
    public static readonly Matrix<float> xTest = Pairs.X.SelectRows(Split.Test), yTest = Pairs.Y.SelectRows(Split.Test);
    public static readonly Matrix<float> xNew = new(new float[,] { { 0.1f, 0.2f }, { 0.2f, 0.2f } });

    private static (Matrix<float> X, Matrix<float> Y) MakePairs(int rows, int seed)
    {
        var random = new Random(seed);
        var x = new Matrix<float>(rows, 2);
        var y = new Matrix<float>(rows, 1);
        for (int i = 0; i < rows; i++)
        {
            x[i, 0] = (float)(random.NextDouble() / 2);
            x[i, 1] = (float)(random.NextDouble() / 2);
            y[i, 0] = x[i, 0] + x[i, 1];
        }

        return (x, y);
    }

    private static double[][] Rows(Matrix<float> m, int count)
        => [.. Enumerable.Range(0, count).Select(i => Enumerable.Range(0, m.Columns).Select(j => (double)m[i, j]).ToArray())];
}
