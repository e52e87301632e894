using System.Globalization;
using System.Text;
using Perceptron.Layers;

namespace Perceptron.Training;

public partial class Sequential<T>
{
    /// <summary>A table of the layers with their output shapes and parameter counts, as Keras's <c>model.summary()</c>.</summary>
    /// <returns>The table as text (one line per layer, then the total).</returns>
    public string Summary()
    {
        var rows = new List<(string Layer, string Shape, string Parameters)>();
        foreach (var layer in _layers)
        {
            rows.Add(($"{layer.Name} ({layer.SummaryDetail})", IsBuilt ? $"(batch, {layer.Outputs})" : "(unbuilt)", layer.ParameterCount.ToString("N0", CultureInfo.InvariantCulture)));
        }

        int nameWidth = Math.Max("Layer (type)".Length, rows.Count == 0 ? 0 : rows.Max(r => r.Layer.Length)) + 2;
        int shapeWidth = Math.Max("Output shape".Length, rows.Count == 0 ? 0 : rows.Max(r => r.Shape.Length)) + 2;
        int width = nameWidth + shapeWidth + 12;
        var text = new StringBuilder();
        text.AppendLine(IsBuilt ? $"Sequential<{typeof(T).Name}>: {Inputs} inputs, seed {Seed}" : $"Sequential<{typeof(T).Name}>: not built yet, seed {Seed}");
        text.AppendLine(new string('─', width));
        text.Append("Layer (type)".PadRight(nameWidth)).Append("Output shape".PadRight(shapeWidth)).AppendLine("Param #");
        text.AppendLine(new string('═', width));
        foreach (var (layer, shape, parameters) in rows)
        {
            text.Append(layer.PadRight(nameWidth)).Append(shape.PadRight(shapeWidth)).AppendLine(parameters);
        }

        text.AppendLine(new string('═', width));
        text.Append("Total params: ").AppendLine(ParameterCount.ToString("N0", CultureInfo.InvariantCulture));
        if (Optimizer is not null)
        {
            text.Append("Optimizer: ").Append(Optimizer).Append("   Loss: ").AppendLine(Loss!.ToString());
        }

        return text.ToString();
    }

    /// <summary>Describes the model, e.g. "Sequential(2 → 5 → 1)".</summary>
    /// <returns>The input width and the output width of each layer with parameters (dropout and the like, which keep the width, are left out).</returns>
    public override string ToString() => IsBuilt
        ? $"Sequential({Inputs} → {string.Join(" → ", _layers.Where(l => l.ParameterCount > 0).Select(l => l.Outputs))})"
        : $"Sequential({_layers.Count} layers, unbuilt)";
}
