// A process for AtomicFileTests to kill in the middle of saving a model file.
//   pause TARGET  writes half of a model file through AtomicFile.Write into TARGET, prints "paused", then waits forever
//   loop  TARGET  saves reference copies a.json and b.json beside TARGET and a as TARGET, prints "ready", then re-saves TARGET as b, a, b, … forever
using Perceptron.Activations;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Optimizers;
using Perceptron.Serialization;
using Perceptron.Tabular;
using Perceptron.Training;

if (args.Length != 2 || args[0] is not ("pause" or "loop"))
{
    Console.Error.WriteLine("usage: Perceptron.CrashHelper pause|loop TARGET");
    return 2;
}

string target = args[1];
string folder = Path.GetDirectoryName(Path.GetFullPath(target))!;
TabularModel a = Model(seed: 1), b = Model(seed: 2);
if (args[0] == "pause")
{
    string scratch = Path.Combine(Path.GetTempPath(), $"crash-helper-{Environment.ProcessId}.json");
    b.Save(scratch);
    byte[] bytes = File.ReadAllBytes(scratch);
    File.Delete(scratch);
    AtomicFile.Write(target, stream =>
    {
        stream.Write(bytes, 0, bytes.Length / 2);
        stream.Flush();
        Console.WriteLine("paused");
        Thread.Sleep(Timeout.Infinite);
    });
    return 1; // never reached
}

a.Save(Path.Combine(folder, "a.json"));
b.Save(Path.Combine(folder, "b.json"));
a.Save(target);
Console.WriteLine("ready");
for (long i = 1; ; i++)
{
    (i % 2 == 0 ? a : b).Save(target);
}

// 64 → 256 → 10: about 19k parameters, a 100 kB file, so a kill often lands inside a save.
static TabularModel Model(int seed)
{
    var model = new Sequential(new Dense(256, Activation.Relu), new Dense(10, Activation.Softmax)) { Seed = seed };
    model.Compile(new Adam(), new SparseCategoricalCrossEntropy());
    model.Build(64);
    return new TabularModel(model);
}
