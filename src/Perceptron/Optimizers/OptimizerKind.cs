namespace Perceptron.Optimizers;

/// <summary>The optimizers <see cref="OptimizerFactory"/> can create by kind (the command line's --optimizer).</summary>
public enum OptimizerKind
{
    /// <summary>Plain stochastic gradient descent (<see cref="Sgd"/>, learning rate 0.01).</summary>
    Sgd,

    /// <summary>SGD with momentum μ = 0.9.</summary>
    Momentum,

    /// <summary>SGD with Nesterov momentum μ = 0.9.</summary>
    Nesterov,

    /// <summary><see cref="Optimizers.Adam"/> (learning rate 1e-3, β = 0.9, 0.999).</summary>
    Adam,

    /// <summary><see cref="Optimizers.AdamW"/>: Adam with decoupled weight decay 0.01.</summary>
    AdamW,

    /// <summary><see cref="Optimizers.RmsProp"/>.</summary>
    RmsProp,
}
