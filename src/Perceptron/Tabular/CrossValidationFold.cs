using Perceptron.Training;

namespace Perceptron.Tabular;

/// <summary>One fold of a cross-validation: the model trained on the other folds, measured on this one.</summary>
/// <param name="Fold">The fold's number, 1 … k.</param>
/// <param name="TrainRows">Rows trained on (the other folds, less any validation rows).</param>
/// <param name="TestRows">Rows of this fold, held out from training.</param>
/// <param name="Evaluation">The model's metrics on this fold's rows.</param>
/// <param name="Epochs">Epochs trained.</param>
/// <param name="Outcome">How training ended (completed, stopped early or diverged).</param>
public sealed record CrossValidationFold(int Fold, int TrainRows, int TestRows, TabularEvaluation Evaluation, int Epochs, TrainingOutcome Outcome);
