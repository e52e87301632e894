namespace Perceptron.Tabular;

/// <summary>The outcome of <see cref="CrossValidation.Run"/>: every fold's metrics, and their mean and standard deviation.</summary>
/// <param name="Folds">The folds, in order.</param>
/// <param name="Stratified">Whether the folds kept each class's proportion (classification).</param>
public sealed record CrossValidationResult(IReadOnlyList<CrossValidationFold> Folds, bool Stratified)
{
    /// <summary>Each metric's mean over the folds, by the names of <see cref="TabularEvaluation.ToDictionary"/> (folds where
    /// a metric is undefined, such as roc_auc on a fold of one class, are left out of it).</summary>
    public IReadOnlyDictionary<string, double> Mean => Summarise(values => values.Average());

    /// <summary>Each metric's standard deviation over the folds: the population form √(Σ(x − mean)²/k), as numpy's
    /// <c>std()</c> gives for scikit-learn's <c>cross_val_score</c>.</summary>
    public IReadOnlyDictionary<string, double> StandardDeviation => Summarise(values =>
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
    });

    private Dictionary<string, double> Summarise(Func<List<double>, double> statistic)
    {
        var summary = new Dictionary<string, double>();
        foreach (string name in Folds.SelectMany(fold => fold.Evaluation.ToDictionary().Keys).Distinct())
        {
            List<double> values = [.. Folds.Select(fold => fold.Evaluation.ToDictionary().GetValueOrDefault(name, double.NaN)).Where(double.IsFinite)];
            summary[name] = values.Count == 0 ? double.NaN : statistic(values);
        }

        return summary;
    }
}
