using Onnx;

namespace Perceptron.Onnx;

/// <summary>
/// Builds one ONNX graph node by node: float initializers, operator nodes, and a 2-D float input and output whose
/// first dimension is the symbolic batch size. Every tensor name is made unique.
/// </summary>
internal sealed class OnnxGraph
{
    private readonly GraphProto _graph;
    private readonly HashSet<string> _names = [];

    /// <summary>Starts a graph whose input is <c>float[batch, inputs]</c>.</summary>
    public OnnxGraph(string name, string inputName, int inputs)
        : this(name)
    {
        Current = AddInput(inputName, TensorProto.Types.DataType.Float, inputs);
    }

    /// <summary>Starts a graph without inputs (add them with <see cref="AddInput"/>).</summary>
    public OnnxGraph(string name)
    {
        _graph = new GraphProto { Name = name };
        Current = "";
    }

    /// <summary>Whether any node of the <c>ai.onnx.ml</c> domain was added (the model must then import that operator set).</summary>
    public bool UsesMlDomain { get; private set; }

    /// <summary>Adds a graph input <c>type[batch, width]</c> and returns its name.</summary>
    public string AddInput(string name, TensorProto.Types.DataType type, int width)
    {
        _graph.Input.Add(ValueInfo(name, width, type));
        _names.Add(name);
        return name;
    }

    /// <summary>Adds an int64 initializer and returns its name.</summary>
    /// <param name="name">Wanted name; made unique.</param>
    /// <param name="values">The values.</param>
    /// <param name="dimensions">The shape; empty for a scalar.</param>
    public string Int64s(string name, long[] values, params long[] dimensions)
    {
        var tensor = new TensorProto { Name = Unique(name), DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.AddRange(dimensions);
        tensor.Int64Data.AddRange(values);
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>Adds a node of the <c>ai.onnx.ml</c> domain (LabelEncoder…) with one output and returns the output's name.</summary>
    public string MlNode(string opType, string name, IReadOnlyList<string> inputs, params AttributeProto[] attributes)
    {
        string output = Node(opType, name, inputs, attributes);
        _graph.Node[^1].Domain = OnnxExporter.MlDomain;
        UsesMlDomain = true;
        return output;
    }

    /// <summary>The tensor that the next step reads: the input, then each node's output in turn.</summary>
    public string Current { get; set; }

    /// <summary>Number of operator nodes so far.</summary>
    public int NodeCount => _graph.Node.Count;

    /// <summary>Adds a float initializer (a constant tensor) and returns its name.</summary>
    /// <param name="name">Wanted name; made unique.</param>
    /// <param name="values">The values, row-major.</param>
    /// <param name="dimensions">The shape; empty for a scalar.</param>
    public string Constant(string name, ReadOnlySpan<float> values, params long[] dimensions)
    {
        var tensor = new TensorProto { Name = Unique(name), DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dimensions);
        // float_data rather than raw_data: the protobuf library writes it little-endian on any machine.
        tensor.FloatData.AddRange(values.ToArray());
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>Adds a scalar float initializer.</summary>
    public string Scalar(string name, float value) => Constant(name, [value]);

    /// <summary>Adds a node with one output and returns the output's name (also the node's name).</summary>
    /// <param name="opType">The ONNX operator, e.g. "Gemm".</param>
    /// <param name="name">Wanted name of the node and its output; made unique.</param>
    /// <param name="inputs">The input tensors, in the operator's order.</param>
    /// <param name="attributes">The operator's attributes.</param>
    public string Node(string opType, string name, IReadOnlyList<string> inputs, params AttributeProto[] attributes)
    {
        string output = Unique(name);
        var node = new NodeProto { OpType = opType, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return output;
    }

    /// <summary>Applies a one-input operator to <see cref="Current"/> and makes its output current.</summary>
    public void Apply(string opType, string name, params AttributeProto[] attributes) => Current = Node(opType, name, [Current], attributes);

    /// <summary>Applies a two-input operator to <see cref="Current"/> and <paramref name="other"/> and makes its output current.</summary>
    public void Apply(string opType, string name, string other) => Current = Node(opType, name, [Current, other]);

    /// <summary>Declares <see cref="Current"/> as the graph's output <c>float[batch, outputs]</c> under <paramref name="outputName"/>.</summary>
    /// <returns>The finished graph.</returns>
    public GraphProto Finish(string outputName, int outputs, string docString)
    {
        NodeProto? last = _graph.Node.LastOrDefault();
        if (last is not null && last.Output[0] == Current)
        {
            // Rename the last node's output rather than add an Identity node.
            last.Output[0] = outputName;
        }
        else
        {
            // Nothing computed (a network of dropout layers only): the output is a copy of the input.
            var identity = new NodeProto { OpType = "Identity", Name = Unique("identity") };
            identity.Input.Add(Current);
            identity.Output.Add(outputName);
            _graph.Node.Add(identity);
        }

        _graph.Output.Add(ValueInfo(outputName, outputs, TensorProto.Types.DataType.Float));
        _graph.DocString = docString;
        return _graph;
    }

    /// <summary>An integer attribute.</summary>
    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    /// <summary>A list-of-strings attribute (UTF-8).</summary>
    public static AttributeProto Strings(string name, IEnumerable<string> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Strings };
        attribute.Strings.AddRange(values.Select(Google.Protobuf.ByteString.CopyFromUtf8));
        return attribute;
    }

    /// <summary>A list-of-integers attribute.</summary>
    public static AttributeProto Ints(string name, IEnumerable<long> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    /// <summary>A float attribute.</summary>
    public static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    /// <summary>The description of a <c>type[batch, width]</c> tensor.</summary>
    private static ValueInfoProto ValueInfo(string name, int width, TensorProto.Types.DataType type)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = OnnxExporter.BatchDimension });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = width });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }

    private string Unique(string name)
    {
        string candidate = name;
        for (int i = 1; !_names.Add(candidate); i++)
        {
            candidate = $"{name}_{i}";
        }

        return candidate;
    }
}
