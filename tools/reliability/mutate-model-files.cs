#:project ../../src/Perceptron/Perceptron.csproj
#:property PublishAot=false

// Measures what the model reader does with damaged files: N copies of a saved model, each with a few random byte
// mutations (insert, overwrite, truncate, flip a bit), loaded one by one. Every load must end in a model or a
// ModelFormatException within 5 s; the interesting count is "loaded but changed": damage that went unnoticed.
// Run: dotnet run tools/reliability/mutate-model-files.cs -- [cases=20000] [seed=1]
// It loads the same mutations twice: into a file with its digest, and into the same file with the digest removed
// (as files without one, e.g. format version 1, are read).
using System.Diagnostics;
using System.Text.Json.Nodes;
using Perceptron.Activations;
using Perceptron.Data;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Optimizers;
using Perceptron.Serialization;
using Perceptron.Tabular;
using Perceptron.Training;

int cases = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 20_000;
int seed = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1;
string folder = Directory.CreateTempSubdirectory("perceptron-mutations-").FullName;
try
{
    // The model of the reader's tests: 2 → 3 (relu) → dropout → 2 (softmax), every optional field set.
    var network = new Sequential(new Dense(3, Activation.Relu), new Dropout(0.2), new Dense(2, Activation.Softmax)) { Seed = 7 };
    network.Compile(new Adam(0.01), new SparseCategoricalCrossEntropy());
    network.Build(2);
    var model = new TabularModel(network)
    {
        Task = TaskKind.Classification,
        FeatureNames = ["a", "b"],
        TargetName = "label",
        ClassNames = ["x", "y"],
        Scaler = new StandardScaler([1f, 2f], [0.5f, 4f]),
        Training = new TrainingFacts { Data = "test.csv", Epochs = 3 },
    };
    string original = Path.Combine(folder, "original.json");
    model.Save(original);
    byte[] withDigest = File.ReadAllBytes(original);
    var root = JsonNode.Parse(withDigest)!.AsObject();
    root.Remove("digest");
    byte[] withoutDigest = System.Text.Encoding.UTF8.GetBytes(root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));

    foreach (var (name, bytes) in new[] { ("with digest", withDigest), ("without digest", withoutDigest) })
    {
        string reference = Canonical(bytes, folder);
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < cases; i++)
        {
            string outcome = Outcome(Mutate(bytes, random), folder, reference);
            counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
        }

        Console.WriteLine($"{name}: {cases:N0} mutated files ({bytes.Length:N0} bytes each, seed {seed}), {clock.Elapsed.TotalSeconds:F1} s");
        foreach (var (outcome, count) in counts)
        {
            Console.WriteLine($"  {count,7:N0}  {outcome}");
        }
    }
}
finally
{
    Directory.Delete(folder, recursive: true);
}

// 1 to 4 mutations, each at a uniform position: insert a byte, overwrite one, truncate, or flip one bit.
static byte[] Mutate(byte[] seed, Random random)
{
    var bytes = new List<byte>(seed);
    int mutations = random.Next(1, 5);
    for (int m = 0; m < mutations; m++)
    {
        int at = random.Next(bytes.Count + 1);
        ReadOnlySpan<byte> syntax = "{}[]\",:0123456789-eE.AZaz+/=\\ "u8;
        byte value = random.Next(2) == 0 ? (byte)random.Next(256) : syntax[random.Next(syntax.Length)];
        switch (random.Next(4))
        {
            case 0: bytes.Insert(at, value); break;
            case 1 when at < bytes.Count: bytes[at] = value; break;
            case 2 when random.Next(8) == 0: bytes.RemoveRange(at, bytes.Count - at); break; // truncation, rarer
            case 3 when at < bytes.Count: bytes[at] ^= (byte)(1 << random.Next(8)); break;
        }
    }

    return [.. bytes];
}

// "loaded, same content", "loaded, CHANGED content" (damage not noticed), "rejected: <kind>", "CRASH: <type>" or "HANG".
static string Outcome(byte[] bytes, string folder, string reference)
{
    string path = Path.Combine(folder, "mutant.json");
    File.WriteAllBytes(path, bytes);
    var load = Task.Run(() =>
    {
        try
        {
            TabularModel.Load(path);
            return Canonical(bytes, folder) == reference ? "loaded, same content" : "loaded, CHANGED content";
        }
        catch (ModelFormatException e)
        {
            return "rejected: " + Kind(e);
        }
        catch (Exception e)
        {
            return "CRASH: " + e.GetType().Name + ": " + e.Message;
        }
    });
    return load.Wait(TimeSpan.FromSeconds(5)) ? load.Result : "HANG";
}

static string Kind(ModelFormatException e) =>
    e.Message.Contains("is not valid JSON", StringComparison.Ordinal) ? "not valid JSON"
    : e.Message.Contains("does not match its SHA-256", StringComparison.Ordinal) ? "digest of a tensor (named)"
    : e.Message.Contains("content does not match its digest", StringComparison.Ordinal) ? "digest of the content"
    : e.Field?.StartsWith("digest", StringComparison.Ordinal) == true ? "the digest field itself"
    : "a field's rule";

// What a loaded file means, as bytes: loaded and saved again (digest removed, so it compares content only).
static string Canonical(byte[] bytes, string folder)
{
    string path = Path.Combine(folder, "canonical-in.json"), again = Path.Combine(folder, "canonical-out.json");
    File.WriteAllBytes(path, bytes);
    TabularModel.Load(path).Save(again);
    var root = JsonNode.Parse(File.ReadAllBytes(again))!.AsObject();
    root.Remove("digest");
    return root.ToJsonString();
}
