using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using Perceptron.Serialization;
using Perceptron.Tabular;
using static Perceptron.Tests.Data.DataTestFiles;

namespace Perceptron.Tests.Serialization;

/// <summary>Property tests: random, byte-mutated and structurally mutated model files fed to <see cref="TabularModel.Load"/>
/// must load or raise <see cref="ModelFormatException"/> (one line, naming the file) or <see cref="IOException"/>;
/// any other exception, or a load over the time bound, fails.</summary>
/// <remarks>Fixed FsCheck seed and case count: the class runs in a few seconds and a failure replays identically.
/// For a longer local hunt set PERCEPTRON_FUZZ_CASES (e.g. 20000) and PERCEPTRON_FUZZ_SEED.</remarks>
public sealed class ModelReaderPropertyTests : IDisposable
{
    private static readonly int Cases = int.TryParse(Environment.GetEnvironmentVariable("PERCEPTRON_FUZZ_CASES"), out int cases) ? cases : 300;

    private static readonly ulong Seed = ulong.TryParse(Environment.GetEnvironmentVariable("PERCEPTRON_FUZZ_SEED"), out ulong seed) ? seed : 20250301UL;

    private static readonly byte[] ValidBytes = ModelFiles.Bytes(ModelFiles.Classifier());

    /// <summary>Replacement values for structural mutations: wrong types, extremes, huge and negative sizes, names the reader must reject.</summary>
    private static readonly string[] HostileValues =
    [
        "null", "true", "0", "-1", "1", "2", "3", "1.5", "2147483648", "-2147483649", "1e309", "-1e309", "1e-400", "3.5e38", "1e39",
        "\"\"", "\"NaN\"", "\"Infinity\"", "\"dense\"", "\"dropout\"", "\"conv2d\"", "\"relu\"", "\"softmax\"", "\"swish\"", "\"AAAA\"",
        "\"AACAfw==\"", "\"AADAfw==\"", "\"////\"", "\"float64-le\"", "\"adam\"", "\"standard\"", "\"minmax\"", "\"classification\"",
        "\"\\u0000\"", "\"a\\nb\"", "\"@@LONE@@\"", "\"@@BADUTF8@@\"", "[]", "[0]", "[1,1]", "[2,3]", "[1000000,1000000]", "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]",
        "{}", "{\"kind\":\"dense\"}", "{\"shape\":[2,3],\"dtype\":\"float32-le\",\"data\":\"\"}",
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("perceptron-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Load_ValidFile_Loads() => Load(ValidBytes, mustLoad: true);

    [Fact]
    public void Load_RandomBytes_RaisesModelFormatException()
    {
        byte[][] prefixes = [[], [.. "{"u8], [.. "{\"format\":\"perceptron-model\",\"version\":1,"u8], [0xEF, 0xBB, 0xBF], [0xFF, 0xFE]];
        Gen<byte[]> bytes = Gen.Zip(Gen.Elements(prefixes), ArbMap.Default.GeneratorFor<byte[]>()).Select(p => (byte[])[.. p.Item1, .. p.Item2]);
        Check(bytes, b => Load(b));
    }

    [Fact]
    public void Load_ByteMutatedFile_LoadsOrRaisesModelFormatException()
    {
        Gen<(int Position, int Kind, byte Value)> mutation =
            from position in Gen.Choose(0, ValidBytes.Length)
            from kind in Gen.Choose(0, 3)
            from value in Gen.OneOf(ArbMap.Default.GeneratorFor<byte>(), Gen.Elements("{}[]\",:0123456789-eE.AZaz+/=\\"u8.ToArray()))
            select (position, kind, value);
        Check(mutation.ArrayOf().Select(m => Mutate(ValidBytes, m)), b => Load(b));
    }

    [Fact]
    public void Load_StructurallyMutatedFile_LoadsOrRaisesModelFormatException()
    {
        // Each mutation picks a node of the JSON tree (by index in document order) and replaces, removes or duplicates it.
        Gen<(int Node, int Kind, int Value)> mutation =
            from node in Gen.Choose(0, 1000)
            from kind in Gen.Choose(0, 3)
            from value in Gen.Choose(0, HostileValues.Length - 1)
            select (node, kind, value);
        Check(mutation.ArrayOf().Select(m => MutateTree(m)), b => Load(b));
    }

    /// <summary>Runs the property for <see cref="Cases"/> cases from a fixed seed; throws on the first failure.</summary>
    private static void Check<T>(Gen<T> generator, Action<T> property)
    {
        Config config = Config.QuickThrowOnFailure.WithMaxTest(Cases).WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(Seed), FSharpOption<int>.None)));
        Prop.ForAll(generator.ToArbitrary(), property).Check(config);
    }

    /// <summary>Writes the bytes to model.json and loads it within the time bound; only the documented exceptions pass.</summary>
    private void Load(byte[] bytes, bool mustLoad = false)
    {
        string path = Path.Combine(_folder, "model.json");
        File.WriteAllBytes(path, bytes);
        Bounded(() =>
        {
            try
            {
                TabularModel file = TabularModel.Load(path);
                Assert.All(file.Network.Parameters.ToArray(), w => Assert.True(float.IsFinite(w)));
            }
            catch (ModelFormatException e) when (!mustLoad)
            {
                Assert.StartsWith("model.json: ", e.Message, StringComparison.Ordinal);
                Assert.DoesNotContain('\n', e.Message);
                Assert.Equal(path, e.FilePath);
            }
        });
    }

    private static byte[] Mutate(byte[] seed, (int Position, int Kind, byte Value)[] mutations)
    {
        var bytes = new List<byte>(seed);
        foreach (var (position, kind, value) in mutations)
        {
            int at = Math.Min(position, bytes.Count);
            switch (kind)
            {
                case 0: bytes.Insert(at, value); break;
                case 1 when at < bytes.Count: bytes[at] = value; break;
                case 2: bytes.RemoveRange(at, bytes.Count - at); break; // truncate
                case 3 when at < bytes.Count: bytes[at] ^= (byte)(1 << (value % 8)); break; // flip a bit
            }
        }

        return [.. bytes];
    }

    private static byte[] MutateTree((int Node, int Kind, int Value)[] mutations)
    {
        JsonNode root = JsonNode.Parse(ValidBytes)!;
        foreach (var (node, kind, value) in mutations)
        {
            List<JsonNode> nodes = [.. Walk(root).Skip(1)];
            if (nodes.Count == 0)
            {
                break;
            }

            JsonNode target = nodes[node % nodes.Count];
            JsonNode? replacement = JsonNode.Parse(HostileValues[value]);
            switch (target.Parent, kind)
            {
                case (JsonObject parent, 0):
                    parent[target.GetPropertyName()] = replacement;
                    break;
                case (JsonObject parent, 1):
                    parent.Remove(target.GetPropertyName());
                    break;
                case (JsonObject parent, 2):
                    parent[value % 3 == 0 ? "@@LONE@@" : "extra_" + value] = replacement; // an unknown field beside a known one
                    break;
                case (JsonArray parent, 0 or 2):
                    parent[parent.IndexOf(target)] = replacement;
                    break;
                case (JsonArray parent, 1):
                    parent.Remove(target);
                    break;
                case (JsonArray parent, _):
                    parent.Add(target.DeepClone()); // one layer, name or number too many
                    break;
                case (JsonObject parent, _):
                    parent[target.GetPropertyName()] = JsonNode.Parse($"[{target.ToJsonString()}]"); // wrapped one level deeper
                    break;
            }
        }

        // JsonNode cannot hold a lone surrogate or invalid UTF-8, so those are spliced in as text afterwards.
        string text = root.ToJsonString().Replace("@@LONE@@", "\\ud800", StringComparison.Ordinal);
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        byte[] marker = "@@BADUTF8@@"u8.ToArray();
        int at;
        while ((at = bytes.AsSpan().IndexOf(marker)) >= 0)
        {
            bytes = [.. bytes[..at], 0xC3, 0x28, .. bytes[(at + marker.Length)..]];
        }

        return bytes;
    }

    private static IEnumerable<JsonNode> Walk(JsonNode node)
    {
        yield return node;
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            foreach (var descendant in Walk(child))
            {
                yield return descendant;
            }
        }
    }
}
