namespace Perceptron.Metrics;

/// <summary>Precision, recall and F1 of one class (or an average over classes), with its support.</summary>
/// <param name="Precision">Of the rows predicted as the class, the fraction that belong to it: TP / (TP + FP); 0 when nothing was predicted as it.</param>
/// <param name="Recall">Of the rows that belong to the class, the fraction predicted as it: TP / (TP + FN); 0 when no row belongs to it.</param>
/// <param name="F1">The harmonic mean 2·P·R / (P + R); 0 when both are 0.</param>
/// <param name="Support">Rows that belong to the class (for an average, the rows averaged over).</param>
public readonly record struct ClassScores(double Precision, double Recall, double F1, int Support);
