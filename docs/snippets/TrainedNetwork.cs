// A network for docs/onnx.md's export example: a block marked <!-- snippet: prelude=TrainedNetwork --> may use
// `network` as a plain name. (Untrained here: exporting does not care.)
using Perceptron.Activations;
using Perceptron.Layers;
using Perceptron.Training;

internal static class TrainedNetwork
{
    public static readonly Sequential<float> network = Build();

    private static Sequential<float> Build()
    {
        var model = new Sequential(new Dense(8, Activation.Relu, inputs: 4), new Dense(3, Activation.Softmax)) { Seed = 42 };
        model.Build(4);
        return model;
    }
}
