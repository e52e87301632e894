using Perceptron.Data;
using Perceptron.Losses;
using Perceptron.Metrics;
using Perceptron.Tensors;

namespace Perceptron.Tabular;

public sealed partial class TabularModel
{
    /// <summary>Measures the model on a labelled data set whose columns and classes are matched to the model's by name.</summary>
    /// <param name="data">Labelled rows; its feature columns must include the model's features.</param>
    /// <returns>Accuracy, losses, per-class report, ROC-AUC (two classes) and confusion matrix, or R², RMSE, MAE, MSE and loss.</returns>
    /// <remarks>
    /// Every number comes from <c>Metrics/</c> and <c>Losses/</c>: the loss is the model's own loss on the network's
    /// outputs (from the logits when it absorbs the last activation; for regression, on the standardised target the
    /// network was trained on), without the L2 penalty; the other metrics are in the data's own units.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The model has no task (a bare network).</exception>
    /// <exception cref="ArgumentException">A feature is missing, a class is unknown to the model, or the task differs.</exception>
    public TabularEvaluation Evaluate(TabularDataset data) => Evaluate(data, networkInputs: null);

    /// <summary>As <see cref="Evaluate(TabularDataset)"/>, given the rows already through <see cref="Pipeline"/> when the caller
    /// has them (the training rows after training), so they are not transformed again.</summary>
    internal TabularEvaluation Evaluate(TabularDataset data, Matrix<float>? networkInputs)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (Task is not TaskKind task)
        {
            throw new InvalidOperationException("This model has no task (classification or regression) recorded; evaluate it with Sequential.Evaluate instead.");
        }

        if (data.Task != task)
        {
            throw new ArgumentException($"The model does {task.ToString().ToLowerInvariant()} but the data's target '{data.TargetName}' looks like {data.Task.ToString().ToLowerInvariant()}; pass the task explicitly when loading.", nameof(data));
        }

        Matrix<float> scaled, outputs;
        if (networkInputs is null)
        {
            Matrix<float> features = FeatureNames.Count == 0 ? data.Features : Pipeline.EncodeForReading(data); // AlignFeatures, read only
            outputs = Predict(features, firstRow: 0, out scaled);
        }
        else
        {
            scaled = networkInputs;
            outputs = PredictTransformed(scaled, firstRow: 0);
        }

        return task == TaskKind.Classification ? EvaluateClassification(data, scaled, outputs) : EvaluateRegression(data, scaled, outputs);
    }

    private TabularEvaluation EvaluateClassification(TabularDataset data, Matrix<float> scaled, Matrix<float> probabilities)
    {
        // Map the data's class names onto the model's: a test file may hold only some classes, in another order.
        var modelIndex = new int[data.ClassCount];
        for (int c = 0; c < modelIndex.Length; c++)
        {
            modelIndex[c] = ClassNames.ToList().IndexOf(data.ClassNames![c]);
            if (modelIndex[c] < 0)
            {
                throw new ArgumentException($"{data.Source} has class '{data.ClassNames[c]}', which the model never saw; it knows {string.Join(", ", ClassNames)}.", nameof(data));
            }
        }

        int[] truth = [.. data.Labels!.Select(label => modelIndex[label])];
        var labels = new Matrix<float>(data.Rows, 1, [.. truth.Select(label => (float)label)]);
        Loss loss = Loss ?? (probabilities.Columns == 1 ? new BinaryCrossEntropy() : new SparseCategoricalCrossEntropy());
        double measuredLoss = Network.Evaluate(scaled, labels, loss, [])["loss"];

        int classes = Math.Max(probabilities.Columns, ClassNames.Count);
        var report = ClassificationReport.FromPredictions(truth, PredictedClasses(probabilities), classes);
        double? auc = null;
        if (classes == 2)
        {
            // The second class is the positive one: its probability is the score.
            double[] scores = new double[data.Rows];
            for (int row = 0; row < scores.Length; row++)
            {
                scores[row] = probabilities.Columns == 1 ? probabilities[row, 0] : probabilities[row, 1];
            }

            auc = Metrics.RocAuc.Compute(scores, [.. truth.Select(label => label == 1)]);
        }

        return new TabularEvaluation
        {
            Task = TaskKind.Classification,
            Rows = data.Rows,
            Loss = measuredLoss,
            Accuracy = report.Accuracy,
            Report = report,
            LogLoss = Metrics.LogLoss.Compute(probabilities.Data, truth, probabilities.Columns),
            RocAuc = auc,
        };
    }

    private TabularEvaluation EvaluateRegression(TabularDataset data, Matrix<float> scaled, Matrix<float> predictions)
    {
        var targets = new Matrix<float>(data.Rows, 1, data.Targets!);

        // The training objective, on the standardised target the network learnt.
        Matrix<float> networkTargets = TargetScaler is null ? targets : TargetScaler.Transform(targets);
        double loss = Network.Evaluate(scaled, networkTargets, Loss ?? new MeanSquaredError(), [])["loss"];

        // The data's own units, in double as the metrics accumulate.
        double[] p = [.. predictions.Data.Select(v => (double)v)], y = [.. targets.Data.Select(v => (double)v)];
        var r2 = new R2Score();
        var mae = new MeanAbsoluteErrorMetric();
        r2.Update<double>(p, y, data.Rows, 1, 1);
        mae.Update<double>(p, y, data.Rows, 1, 1);
        return new TabularEvaluation
        {
            Task = TaskKind.Regression,
            Rows = data.Rows,
            Mse = new MeanSquaredError().Compute<double>(p, y, default, data.Rows, 1),
            Mae = mae.Result,
            R2 = r2.Result,
            Loss = loss,
        };
    }
}
