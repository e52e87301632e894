using ScottPlot;

namespace Perceptron.Cli.Pictures;

/// <summary>
/// The computation graph of a small network for one sample, as micrograd draws it: every input, weight, bias,
/// pre-activation z, activation a and the loss as a box with its value and its gradient ∂L/∂value, and the operations
/// (Σ for z = Σ a·w + b, the activation, the loss) as circles between them. Values and gradients are the engine's own
/// (an <see cref="EnginePass"/> on the one row).
/// </summary>
internal sealed class ComputationGraph
{
    /// <summary>Networks with more weights and biases than this are refused: every one is a box, and more do not stay readable.</summary>
    public const int MaxParameters = 40;

    // Graph units to pixels: a column step and a row step.
    private const double PixelsPerColumn = 150, PixelsPerRow = 48;

    // The inputs stand a little further left than a column step: their names make their boxes the widest.
    private const double InputX = -0.35;

    private readonly List<(double X1, double Y1, double X2, double Y2)> _edges = [];
    private readonly List<(string Symbol, double X, double Y)> _operations = [];

    private readonly string _target;
    private readonly bool _scaled;
    private bool _penalty;

    private ComputationGraph(string target, bool scaled)
    {
        _target = target;
        _scaled = scaled;
    }

    /// <summary>The value boxes.</summary>
    public List<GraphNode> Nodes { get; } = [];

    /// <summary>The picture's natural size in pixels.</summary>
    public (int Width, int Height) Size { get; private set; }

    /// <summary>The network's weights and biases.</summary>
    public static int Parameters(NetworkView network) => network.Layers.Sum(layer => layer.Weights.Length + layer.Bias.Length);

    /// <summary>Lays out the graph of <paramref name="network"/> for the single row of <paramref name="pass"/>.</summary>
    /// <param name="network">The network (at most <see cref="MaxParameters"/> weights and biases).</param>
    /// <param name="pass">The engine's pass over one row.</param>
    /// <param name="target">The target as the learner gave it, e.g. "0.9" or "class versicolor".</param>
    /// <param name="targetValue">The target as the loss takes it (a scaled value or a class index).</param>
    /// <exception cref="ArgumentException">The pass has more than one row, or the network is too large.</exception>
    public static ComputationGraph Of(NetworkView network, EnginePass pass, string target, double targetValue)
    {
        if (pass.Rows != 1)
        {
            throw new ArgumentException("The graph shows one sample.", nameof(pass));
        }

        if (Parameters(network) > MaxParameters)
        {
            throw new ArgumentException($"The graph takes at most {MaxParameters} weights and biases.", nameof(network));
        }

        var graph = new ComputationGraph(target, network.Model.Scaler is not null);
        graph.Lay(network, pass, target, targetValue);
        return graph;
    }

    private void Lay(NetworkView network, EnginePass pass, string target, double targetValue)
    {
        int layers = network.Layers.Count;
        bool fused = pass.Layers[^1].OutputGradients is null;

        // Each layer's parameters stand in one column, grouped by the unit they feed; the unit's z and a stand level with its group.
        double[][] unitY = new double[layers][];
        for (int l = 0; l < layers; l++)
        {
            int group = network.Layers[l].Inputs + (network.Layers[l].UseBias ? 1 : 0), units = network.Layers[l].Units;
            double height = (units * group) + ((units - 1) * 0.5) - 1;
            unitY[l] = [.. Enumerable.Range(0, units).Select(j => (height / 2) - (j * (group + 0.5)) - ((group - 1) / 2.0))];
        }

        // Inputs: spread over the first layer's height, at least a row apart.
        int inputs = network.Layers[0].Inputs;
        double spread = Math.Max(inputs - 1, unitY[0][0] - unitY[0][^1]);
        double[] levelY = [.. Enumerable.Range(0, inputs).Select(k => inputs == 1 ? 0 : (spread / 2) - (k * spread / (inputs - 1)))];
        string[] levelIds = new string[inputs];
        for (int k = 0; k < inputs; k++)
        {
            levelIds[k] = $"x{k + 1}";
            Nodes.Add(new GraphNode(levelIds[k], $"x{k + 1} ({network.InputNames[k]})", pass.Input[k], pass.InputGradient[k], InputX, levelY[k]));
        }

        double x = 0;
        for (int l = 0; l < layers; l++)
        {
            var dense = network.Layers[l];
            LayerPass values = pass.Layers[l];
            bool last = l == layers - 1;
            double parameterX = x + 1.0, sumX = x + 1.75, zX = x + 2.4, activationX = x + 3.1, aX = x + 3.75;
            var nextIds = new string[dense.Units];
            var nextY = new double[dense.Units];
            int group = dense.Inputs + (dense.UseBias ? 1 : 0);
            for (int j = 0; j < dense.Units; j++)
            {
                double y = unitY[l][j], top = y + ((group - 1) / 2.0);
                string unit = $"{l + 1}[{j + 1}]";
                for (int k = 0; k < dense.Inputs; k++)
                {
                    string id = $"W{l + 1}[{k + 1},{j + 1}]";
                    Nodes.Add(new GraphNode(id, id, network.Weight(l, k, j), values.WeightGradients[(k * dense.Units) + j], parameterX, top - k));
                    _edges.Add((parameterX, top - k, sumX, y));
                    _edges.Add((Node(levelIds[k]).X, levelY[k], sumX, y));
                }

                if (dense.UseBias)
                {
                    Nodes.Add(new GraphNode($"b{unit}", $"b{unit}", network.Bias(l, j)!.Value, values.BiasGradients![j], parameterX, top - dense.Inputs));
                    _edges.Add((parameterX, top - dense.Inputs, sumX, y));
                }

                _operations.Add(("Σ", sumX, y));
                _edges.Add((sumX, y, zX, y));
                Nodes.Add(new GraphNode($"z{unit}", $"z{unit}", values.PreActivations[j], values.Deltas[j], zX, y));

                // With a fused loss the output's activation is a side branch (the loss reads z), drawn above z's line.
                double ay = last && fused ? y + 0.55 : y;
                _operations.Add((Symbol(dense.Activation.Name), activationX, ay));
                _edges.Add((zX, y, activationX, ay));
                _edges.Add((activationX, ay, aX, ay));
                string aLabel = last ? OutputLabel(network, j) : $"a{unit}";
                Nodes.Add(new GraphNode($"a{unit}", aLabel, values.Activations[j], values.OutputGradients?[j], aX, ay));
                nextIds[j] = $"a{unit}";
                nextY[j] = y;
            }

            (levelIds, levelY, x) = (nextIds, nextY, aX);
        }

        // The loss: from the outputs (or, fused, from the last z) and the target.
        double lossX = x + 0.9, lossY = levelY.Average(), bottom = levelY.Min();
        string lossName = network.Model.Loss?.Name ?? network.Model.Network.Loss?.Name ?? "loss";
        _operations.Add((lossName == "mse" ? "MSE" : lossName.Contains("crossentropy", StringComparison.Ordinal) ? "CE" : lossName, lossX, lossY));
        for (int j = 0; j < levelIds.Length; j++)
        {
            var from = fused ? Node($"z{layers}[{j + 1}]") : Node(levelIds[j]);
            _edges.Add((from.X, from.Y, lossX, lossY));
        }

        Nodes.Add(new GraphNode("y", "y (target)", targetValue, null, x, bottom - 1.3));
        _edges.Add((x, bottom - 1.3, lossX, lossY));
        _edges.Add((lossX, lossY, lossX + 0.65, lossY));
        Nodes.Add(new GraphNode("L", pass.Penalty > 0 ? "L (loss + penalty)" : "L (loss)", pass.Loss, 1, lossX + 0.65, lossY));

        double minY = Nodes.Min(n => n.Y), maxY = Nodes.Max(n => n.Y), maxX = Nodes.Max(n => n.X);
        Size = ((int)Math.Max(900, (maxX - InputX + 1.5) * PixelsPerColumn), (int)Math.Max(500, (maxY - minY + 4.5) * PixelsPerRow));
        _penalty = pass.Penalty > 0;
    }

    /// <summary>The node with the given id.</summary>
    /// <exception cref="KeyNotFoundException">No node has it.</exception>
    public GraphNode Node(string id) => Nodes.Find(n => n.Id == id) ?? throw new KeyNotFoundException($"The graph has no node '{id}'.");

    /// <summary>Draws the graph.</summary>
    public Plot Draw(string title)
    {
        var plot = new Plot();
        foreach (var (x1, y1, x2, y2) in _edges)
        {
            var line = plot.Add.Line(x1, y1, x2, y2);
            line.Color = Colors.Gray.WithAlpha(0.6);
            line.LineWidth = 1;
        }

        foreach (var (symbol, x, y) in _operations)
        {
            plot.Add.Marker(x, y, MarkerShape.FilledCircle, 30, Color.FromHex("#e8e8e8"));
            plot.Add.Marker(x, y, MarkerShape.OpenCircle, 30, Colors.Gray);
            var text = plot.Add.Text(symbol, x, y);
            text.LabelAlignment = Alignment.MiddleCenter;
            text.LabelFontSize = symbol.Length > 2 ? 9 : 13;
        }

        double largest = Nodes.Where(n => n.Id != "L" && n.Gradient is double g && double.IsFinite(g)).Select(n => Math.Abs(n.Gradient!.Value)).DefaultIfEmpty(0).Max();
        foreach (GraphNode node in Nodes)
        {
            string value = node.Id == "y" ? $"{node.Label} = {_target}" : $"{node.Label} = {HistogramsPicture.Number(node.Value)}";
            string gradient = node.Gradient is double g ? $"grad {HistogramsPicture.Number(g)}" : "grad —";
            var box = plot.Add.Text($"{value}\n{gradient}", node.X, node.Y);
            box.LabelAlignment = Alignment.MiddleCenter;
            box.LabelFontSize = 11;
            box.LabelBorderColor = Colors.Gray;
            box.LabelBorderWidth = 1;
            box.LabelPadding = 4;
            box.LabelBackgroundColor = node.Gradient is double shade && node.Id != "L" && largest > 0 && double.IsFinite(shade)
                ? Palette.Diverging(0.6 * shade / largest)
                : Colors.White;
        }

        double minY = Nodes.Min(n => n.Y), maxY = Nodes.Max(n => n.Y), maxX = Nodes.Max(n => n.X);
        var key = plot.Add.Text(
            "Each box: a value for this sample and grad = ∂L/∂(that value), both from the engine's forward and backward pass; box colour: the gradient (blue +, red −).\n" +
            "Σ: z = Σ a·w + b over the unit's inputs and weights; the next circle is the activation a = f(z); the loss compares the output with the target y." + (_scaled ? " Inputs are shown after scaling." : "") +
            (_penalty ? "\nL includes the weight penalty, so each weight's grad also holds the penalty's share (2λw for L2): a weight can have a gradient where its unit's z has none." : "") +
            (Nodes.Any(n => n.Gradient is null && n.Id != "y") ? "\nThe loss reads the output layer's z directly (its stable fused form), so the probabilities beside it carry no gradient (—)." : ""),
            maxX / 2, minY - 1.6);
        key.LabelAlignment = Alignment.UpperCenter;
        key.LabelFontSize = 11;
        key.LabelFontColor = Colors.DimGray;
        plot.Axes.Frameless();
        plot.Title(title);
        plot.HideGrid();
        plot.Axes.SetLimits(InputX - 0.8, maxX + 0.7, minY - 3.2, maxY + 0.9);
        return plot;
    }

    private static string Symbol(string activation) => activation switch
    {
        "sigmoid" => "σ",
        "linear" => "lin",
        "softmax" => "smax",
        "leaky_relu" => "lrelu",
        _ => activation,
    };

    private static string OutputLabel(NetworkView network, int unit) => network.Model.ClassNames.Count == network.Widths[^1]
        ? $"out({network.Model.ClassNames[unit]})"
        : network.Widths[^1] == 1 ? "ŷ" : $"ŷ[{unit + 1}]";
}
