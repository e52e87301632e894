using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Perceptron.Serialization;
using Perceptron.Tabular;
using Perceptron.Tensors;

namespace Perceptron.Tests.Serialization;

/// <summary>The digest every saved model file carries: damaged weights are rejected naming the tensor, damage anywhere
/// else naming the file's content; layout does not count. (The corpus holds files whose digest Python computed.)</summary>
public sealed class FileDigestTests : IDisposable
{
    private static readonly string[] TensorPaths = ["layers[0].kernel", "layers[0].bias", "layers[2].kernel", "layers[2].bias"];

    private readonly string _folder = Directory.CreateTempSubdirectory("perceptron-digest-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string ModelPath => Path.Combine(_folder, "model.json");

    public static TheoryData<string, int> TensorBits
    {
        get
        {
            var cases = new TheoryData<string, int>();
            foreach (string path in TensorPaths)
            {
                foreach (int bit in (int[])[0, 22, 31])
                {
                    cases.Add(path, bit);
                }
            }

            return cases;
        }
    }

    /// <summary>One bit of one weight flipped, as a bad sector would: the value stays finite, so only the digest can tell.</summary>
    [Theory]
    [MemberData(nameof(TensorBits))]
    public void Load_OneFlippedBitInATensor_IsRejectedNamingTheTensor(string path, int bit)
    {
        string text = SavedText();
        string data = Tensor(JsonNode.Parse(text)!, path)["data"]!.GetValue<string>();
        byte[] bytes = Convert.FromBase64String(data);
        bytes[bit / 8] ^= (byte)(1 << (bit % 8));
        Assert.All(FloatsOf(bytes), value => Assert.True(float.IsFinite(value)));
        File.WriteAllText(ModelPath, ReplaceOnce(text, $"\"{data}\"", $"\"{Convert.ToBase64String(bytes)}\""));

        var e = Assert.Throws<ModelFormatException>(() => TabularModel.Load(ModelPath));

        Assert.StartsWith($"model.json: field '{path}': does not match its SHA-256 in the file's digest", e.Message, StringComparison.Ordinal);
        Assert.Equal(path, e.Field);
    }

    [Theory]
    [InlineData("\"seed\": 7", "\"seed\": 8")]
    [InlineData("\"rate\": 0.2", "\"rate\": 0.25")]
    [InlineData("\"y\"", "\"z\"")]
    [InlineData("\"data\": \"test.csv\"", "\"data\": \"other.csv\"")]
    [InlineData("\"epochs\": 3", "\"epochs\": 4")]
    public void Load_ValueChangedOutsideTheWeights_IsRejectedAsTheFilesContent(string before, string after)
    {
        File.WriteAllText(ModelPath, ReplaceOnce(SavedText(), before, after));

        var e = Assert.Throws<ModelFormatException>(() => TabularModel.Load(ModelPath));

        Assert.StartsWith("model.json: the file's content does not match its digest", e.Message, StringComparison.Ordinal);
        Assert.Contains("HINT:", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Indentation, line ends, member order and escapes are layout, not content: the digest still matches.</summary>
    [Fact]
    public void Load_ReformattedFile_StillMatchesItsDigest()
    {
        var saved = ModelFiles.Classifier();
        var root = JsonNode.Parse(SavedText())!.AsObject();
        var reordered = new JsonObject();
        foreach (var (name, value) in root.Reverse().ToList())
        {
            root.Remove(name);
            reordered[name] = value;
        }

        // Compact, CRLF between members, and the default encoder's escapes (the base64 '+' and '/' become \u002B, \/ …).
        string text = reordered.ToJsonString().Replace(",\"", ",\r\n\"", StringComparison.Ordinal);
        File.WriteAllText(ModelPath, text);

        var loaded = TabularModel.Load(ModelPath);

        var x = new Matrix<float>(2, 2, [0.5f, -1f, 3f, 2f]);
        Assert.Equal(saved.Predict(x).Data, loaded.Predict(x).Data);
    }

    [Fact]
    public void Save_DigestHoldsTheSha256OfEveryTensorsBytes()
    {
        var root = JsonNode.Parse(SavedText())!;
        var digest = root["digest"]!;

        Assert.Equal(2, root["version"]!.GetValue<int>());
        Assert.Equal("sha256", digest["algorithm"]!.GetValue<string>());
        Assert.Equal(TensorPaths, digest["tensors"]!.AsObject().Select(entry => entry.Key));
        foreach (string path in TensorPaths)
        {
            byte[] bytes = Convert.FromBase64String(Tensor(root, path)["data"]!.GetValue<string>());
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), digest["tensors"]![path]!.GetValue<string>());
        }

        Assert.Matches("^[0-9a-f]{64}$", digest["content"]!.GetValue<string>());
    }

    /// <summary>The digest is optional: a file without one (written by hand, or whose owner deleted it to edit it) is read unchecked.</summary>
    [Fact]
    public void Load_FileWithoutDigest_IsReadUnchecked()
    {
        var root = JsonNode.Parse(SavedText())!.AsObject();
        root.Remove("digest");
        File.WriteAllText(ModelPath, root.ToJsonString().Replace("\"seed\":7", "\"seed\":8", StringComparison.Ordinal));

        Assert.Equal(8, TabularModel.Load(ModelPath).Network.Seed);
    }

    [Theory]
    [InlineData("drop-tensor", "field 'digest.tensors': has no digest for the tensor 'layers[2].bias'")]
    [InlineData("extra-tensor", "field 'digest.tensors': names 'layers[9].kernel', which is not a tensor of the file")]
    [InlineData("not-object", "field 'digest': must be an object")]
    [InlineData("unknown-field", "field 'digest.salt': is not part of a digest")]
    [InlineData("short-hash", "field 'digest.tensors.layers[0].bias': must be 64 hexadecimal digits")]
    public void Load_DamagedDigest_NamesTheDigestField(string damage, string expected)
    {
        var root = JsonNode.Parse(SavedText())!.AsObject();
        var digest = root["digest"]!.AsObject();
        var tensors = digest["tensors"]!.AsObject();
        switch (damage)
        {
            case "drop-tensor": tensors.Remove("layers[2].bias"); break;
            case "extra-tensor": tensors["layers[9].kernel"] = tensors["layers[0].kernel"]!.GetValue<string>(); break;
            case "not-object": root["digest"] = "sha256"; break;
            case "unknown-field": digest["salt"] = 1; break;
            case "short-hash": tensors["layers[0].bias"] = "abc"; break;
        }

        File.WriteAllText(ModelPath, root.ToJsonString());

        var e = Assert.Throws<ModelFormatException>(() => TabularModel.Load(ModelPath));
        Assert.StartsWith($"model.json: {expected}", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A checkpoint's model file is an ordinary model file, digest included.</summary>
    [Fact]
    public void CheckpointModelFile_CarriesADigest()
    {
        var file = ModelFiles.Classifier();
        TrainingCheckpoint.Save(_folder, file.ToDocument(), 0, new Perceptron.Training.History());

        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_folder, "model-epoch-0.json")));
        Assert.True(json.RootElement.TryGetProperty("digest", out _));
    }

    private string SavedText()
    {
        ModelFiles.Classifier().Save(ModelPath);
        return File.ReadAllText(ModelPath);
    }

    private static JsonNode Tensor(JsonNode root, string path)
    {
        // "layers[2].kernel" → root["layers"][2]["kernel"]
        int open = path.IndexOf('['), close = path.IndexOf(']');
        return root["layers"]![int.Parse(path[(open + 1)..close], System.Globalization.CultureInfo.InvariantCulture)]![path[(close + 2)..]]!;
    }

    private static float[] FloatsOf(byte[] bytes) =>
        [.. Enumerable.Range(0, bytes.Length / 4).Select(i => BitConverter.ToSingle(bytes, i * 4))];

    private static string ReplaceOnce(string text, string before, string after)
    {
        int at = text.IndexOf(before, StringComparison.Ordinal);
        Assert.True(at >= 0 && text.IndexOf(before, at + 1, StringComparison.Ordinal) < 0, $"'{before}' must occur exactly once");
        return string.Concat(text.AsSpan(0, at), after, text.AsSpan(at + before.Length));
    }
}
