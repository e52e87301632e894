namespace Perceptron.Optimizers;

/// <summary>Sets the learning rate at the start of each epoch from the optimizer's initial rate.</summary>
public abstract class LearningRateSchedule
{
    /// <summary>The learning rate for an epoch.</summary>
    /// <param name="epoch">The epoch about to start, counting from 0.</param>
    /// <param name="initialRate">The optimizer's initial learning rate η₀.</param>
    /// <returns>The rate to use for that epoch, &gt; 0.</returns>
    public abstract double Rate(int epoch, double initialRate);
}
