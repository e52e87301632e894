namespace Perceptron.Playground.Data;

/// <summary>A point of a 2-D data set: its coordinates and its label (−1 or +1 for classes, a value in [−1, 1] for regression).</summary>
/// <param name="X1">First coordinate, in [−6, 6].</param>
/// <param name="X2">Second coordinate, in [−6, 6].</param>
/// <param name="Label">−1 (orange) or +1 (blue) for classification; the target value for regression.</param>
internal readonly record struct PlanePoint(double X1, double X2, double Label);
