using System.Numerics;
using Perceptron.Diagnostics;
using Perceptron.Optimizers;
using static System.FormattableString;

namespace Perceptron.Explain;

/// <summary>
/// Takes the optimizer's step on the gradients the explained backward pass left in the model, and records, per
/// parameter tensor, the state before and after (velocity; Adam's m and v with their bias corrections; RMSprop's
/// mean square) and the new parameters. The new parameters and state are the optimizer's own; the intermediate
/// terms it folds together (m̂, v̂, the step) are derived for display from them, in double precision.
/// </summary>
internal static class OptimizerExplainer
{
    public static void Explain<T>(EngineStep<T> step)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var model = step.Model;
        Optimizer optimizer = model.Optimizer!;
        double[] before = EngineStep<T>.ToDoubles(model.Parameters);
        double[] gradients = EngineStep<T>.ToDoubles(model.Gradients);
        double[][] stateBefore = State<T>(optimizer, before.Length);
        optimizer.Step<T>(model.Parameters, model.Gradients);
        double[] after = EngineStep<T>.ToDoubles(model.Parameters);
        double[][] stateAfter = State<T>(optimizer, before.Length);
        double learningRate = optimizer.LearningRate;
        var values = step.Values;
        long t = optimizer.Iterations;

        if (optimizer is Adam adam)
        {
            values.Scalar("update.t", "update", null, "t", "the step number (Adam's bias corrections depend on it)", "t ← t + 1", t, []);
            values.Scalar("update.correction1", "update", null, "1 − β1^t", "the first moment's bias correction", Invariant($"1 − {adam.Beta1}^{t}"), 1 - Math.Pow(adam.Beta1, t), [SourceLines.AdamCorrection1]);
            values.Scalar("update.correction2", "update", null, "1 − β2^t", "the second moment's bias correction", Invariant($"1 − {adam.Beta2}^{t}"), 1 - Math.Pow(adam.Beta2, t), [SourceLines.AdamCorrection2]);
        }

        foreach (ParameterTensor tensor in ParameterTensor.Of(model))
        {
            var record = new TensorRecorder(values, tensor);
            double[] p = Slice(before, tensor), g = Slice(gradients, tensor), pNew = Slice(after, tensor);
            record.Add("g", "∂L/∂{0}", "the gradient the optimizer receives", "from the backward pass", g, []);
            switch (optimizer)
            {
                case Sgd sgd:
                    ExplainSgd(record, sgd, tensor, p, g, pNew, stateBefore, stateAfter, learningRate);
                    break;
                case Adam a:
                    ExplainAdam(record, a, tensor, p, g, pNew, stateBefore, stateAfter, learningRate, t);
                    break;
                case RmsProp rms:
                    ExplainRmsProp(record, rms, tensor, p, g, pNew, stateBefore, stateAfter, learningRate);
                    break;
                default:
                    record.Add("new", "{0}", $"the new {tensor.Name} ({optimizer.Name})", $"p ← {optimizer.Name} step", pNew, []);
                    break;
            }

            record.Add("delta", "Δ{0}", "the change the step made", "Δ = p_new − p", [.. pNew.Select((v, i) => v - p[i])], [],
                "Computed from the parameters before and after the step, in double precision.");
        }
    }

    private static void ExplainSgd(TensorRecorder record, Sgd sgd, ParameterTensor tensor, double[] p, double[] g, double[] pNew, double[][] before, double[][] after, double eta)
    {
        double[] direction = g;
        if (sgd.WeightDecay > 0)
        {
            direction = [.. g.Select((gi, i) => gi + sgd.WeightDecay * p[i])];
            record.Add("g_decayed", "g({0}) + λ_wd·{0}", "the gradient with weight decay added", Invariant($"g ← g + {sgd.WeightDecay}·p"), direction, [SourceLines.SgdDecay]);
        }

        if (sgd.Momentum > 0)
        {
            record.Add("velocity_prev", "b_prev({0})", "the velocity before this step", "b", Slice(before[0], tensor), []);
            double[] velocity = Slice(after[0], tensor);
            record.Add("velocity", "b({0})", "the velocity", Invariant($"b ← {sgd.Momentum}·b + g"), velocity, [SourceLines.SgdVelocity]);
            direction = sgd.Nesterov ? [.. direction.Select((gi, i) => gi + sgd.Momentum * velocity[i])] : velocity;
            if (sgd.Nesterov)
            {
                record.Add("direction", "d({0})", "the Nesterov direction", Invariant($"d = g + {sgd.Momentum}·b"), direction, [SourceLines.SgdDirection]);
            }
        }

        record.Add("new", "{0}", "the new values", $"p ← p − η·{(sgd.Momentum > 0 ? sgd.Nesterov ? "d" : "b" : "g")}, η = {eta}", pNew, [SourceLines.SgdStep]);
    }

    private static void ExplainAdam(TensorRecorder record, Adam adam, ParameterTensor tensor, double[] p, double[] g, double[] pNew, double[][] before, double[][] after, double eta, long t)
    {
        bool decoupled = adam is AdamW;
        double[] start = p;
        if (adam.WeightDecay > 0 && decoupled)
        {
            start = [.. p.Select(pi => pi * (1 - eta * adam.WeightDecay))];
            record.Add("decayed", "{0}·(1 − η·λ_wd)", "the values after decoupled weight decay", Invariant($"p ← p·(1 − η·λ_wd), λ_wd = {adam.WeightDecay}"), start, [SourceLines.AdamShrink]);
        }
        else if (adam.WeightDecay > 0)
        {
            g = [.. g.Select((gi, i) => gi + adam.WeightDecay * p[i])];
            record.Add("g_decayed", "g({0}) + λ_wd·{0}", "the gradient with weight decay added (L2, coupled)", Invariant($"g ← g + {adam.WeightDecay}·p"), g, [SourceLines.AdamDecay]);
        }

        double[] m = Slice(after[0], tensor), v = Slice(after[1], tensor);
        double c1 = 1 - Math.Pow(adam.Beta1, t), c2 = 1 - Math.Pow(adam.Beta2, t);
        record.Add("m_prev", "m_prev({0})", "the first moment (mean of gradients) before this step", "m", Slice(before[0], tensor), []);
        record.Add("m", "m({0})", "the first moment", Invariant($"m ← {adam.Beta1}·m + (1 − {adam.Beta1})·g"), m, [SourceLines.AdamFirstMoment]);
        record.Add("v_prev", "v_prev({0})", "the second moment (mean of squared gradients) before this step", "v", Slice(before[1], tensor), []);
        record.Add("v", "v({0})", "the second moment", Invariant($"v ← {adam.Beta2}·v + (1 − {adam.Beta2})·g²"), v, [SourceLines.AdamSecondMoment]);
        double[] mHat = [.. m.Select(mi => mi / c1)], vHat = [.. v.Select(vi => vi / c2)];
        const string Folded = "Derived for display: the engine folds the corrections into the step size, η/(1 − β1^t) and √(1 − β2^t).";
        record.Add("m_hat", "m̂({0})", "the bias-corrected first moment", "m̂ = m / (1 − β1^t)", mHat, [], Folded);
        record.Add("v_hat", "v̂({0})", "the bias-corrected second moment", "v̂ = v / (1 − β2^t)", vHat, [], Folded);
        record.Add("step", "η·m̂/(√v̂ + ε) for {0}", "the step", Invariant($"η·m̂ / (√v̂ + ε), η = {eta}, ε = {adam.Epsilon}"), [.. mHat.Select((mi, i) => eta * mi / (Math.Sqrt(vHat[i]) + adam.Epsilon))], [], Folded);
        record.Add("new", "{0}", "the new values", "p ← p − η·m̂ / (√v̂ + ε)", pNew, [SourceLines.AdamStep]);
    }

    private static void ExplainRmsProp(TensorRecorder record, RmsProp rms, ParameterTensor tensor, double[] p, double[] g, double[] pNew, double[][] before, double[][] after, double eta)
    {
        if (rms.WeightDecay > 0)
        {
            g = [.. g.Select((gi, i) => gi + rms.WeightDecay * p[i])];
            record.Add("g_decayed", "g({0}) + λ_wd·{0}", "the gradient with weight decay added", Invariant($"g ← g + {rms.WeightDecay}·p"), g, [SourceLines.RmsPropDecay]);
        }

        double[] square = Slice(after[0], tensor);
        record.Add("square_prev", "s_prev({0})", "the mean square of gradients before this step", "s", Slice(before[0], tensor), []);
        record.Add("square", "s({0})", "the mean square of gradients", Invariant($"s ← {rms.Rho}·s + (1 − {rms.Rho})·g²"), square, [SourceLines.RmsPropSquare]);
        double[] scaled = [.. g.Select((gi, i) => gi / (Math.Sqrt(square[i]) + rms.Epsilon))];
        record.Add("scaled", "g/(√s + ε) for {0}", "the scaled gradient", Invariant($"g / (√s + ε), ε = {rms.Epsilon}"), scaled, [SourceLines.RmsPropScaled], "Derived for display from g and s.");
        if (rms.Momentum > 0)
        {
            record.Add("velocity_prev", "b_prev({0})", "the velocity before this step", "b", Slice(before[1], tensor), []);
            record.Add("velocity", "b({0})", "the velocity", Invariant($"b ← {rms.Momentum}·b + g/(√s + ε)"), Slice(after[1], tensor), [SourceLines.RmsPropVelocity]);
        }

        record.Add("new", "{0}", "the new values", $"p ← p − η·{(rms.Momentum > 0 ? "b" : "g/(√s + ε)")}, η = {eta}", pNew, [SourceLines.RmsPropStep]);
    }

    /// <summary>The optimizer's state buffers as doubles (zeros for a buffer not created yet, as the optimizer would start it).</summary>
    private static double[][] State<T>(Optimizer optimizer, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var state = new double[Math.Max(optimizer.State.Length, 2)][];
        for (int i = 0; i < state.Length; i++)
        {
            state[i] = i < optimizer.State.Length && optimizer.State[i] is T[] buffer ? EngineStep<T>.ToDoubles(buffer) : new double[length];
        }

        return state;
    }

    private static double[] Slice(double[] values, ParameterTensor tensor) => values[tensor.Offset..(tensor.Offset + tensor.Length)];

    /// <summary>Adds "update.{layer}.{W|b|tensor name}[.{what}]" values shaped as the tensor.</summary>
    private sealed class TensorRecorder(ExplanationBuilder values, ParameterTensor tensor)
    {
        private readonly string _symbol = tensor.Name switch { "kernel" => "W", "bias" => "b", var name => name };

        public void Add(string what, string symbolFormat, string label, string formula, double[] numbers, SourceLine[] sources, string? note = null)
        {
            string id = what == "new" ? $"update.{tensor.LayerIndex}.{_symbol}" : $"update.{tensor.LayerIndex}.{_symbol}.{what}";
            string symbol = symbolFormat.Replace("{0}", $"{_symbol}[{tensor.LayerIndex}]", StringComparison.Ordinal);
            int[] shape = tensor.Rows > 1 || tensor.Name == "kernel" ? [tensor.Rows, tensor.Columns] : [tensor.Length];
            values.Add(id, "update", tensor.LayerIndex, symbol, $"{tensor.Layer} {tensor.Name}: {label}", formula, shape, numbers, sources, note);
        }
    }
}
