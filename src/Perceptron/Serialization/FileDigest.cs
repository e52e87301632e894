using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Perceptron.Serialization;

/// <summary>
/// The <c>digest</c> field of model and checkpoint state files: a SHA-256 of each tensor's bytes, so damage to weights
/// is found and named, and a SHA-256 of the whole content, so damage anywhere else is found (docs/model-format.md).
/// </summary>
/// <remarks>
/// <para>The content hash is over a canonical encoding of the parsed document without its top-level <c>digest</c>
/// member: layout, member order and string escapes do not count, values do. Every field, including fields added to the
/// format later, is covered without listing it. The encoding of a value:</para>
/// <code>
/// null 'n'   true 't'   false 'f'
/// number     'd' + the nearest float64 to its text, 8 bytes little-endian
/// string     's' + UTF-8 length (uint32 little-endian) + UTF-8 bytes, escapes decoded
/// array      'a' + item count (uint32 LE) + each item
/// object     'o' + member count (uint32 LE) + for each member, sorted by name (ordinal UTF-16): its name as a string, its value
/// </code>
/// <para>A tensor is any object with <c>shape</c>, <c>dtype</c> and <c>data</c> members; its digest is the SHA-256 of
/// its base64-decoded data, listed under its JSON path (<c>layers[0].kernel</c>).</para>
/// </remarks>
internal static class FileDigest
{
    /// <summary>The top-level field that holds the digest.</summary>
    public const string FieldName = "digest";

    private const string Algorithm = "sha256";

    private static readonly string[] Fields = ["algorithm", "tensors", "content"];

    /// <summary>
    /// Writes a JSON file atomically (<see cref="AtomicFile"/>): the object that <paramref name="writeObject"/> writes,
    /// with its digest added as the last member. The digest is computed from that object as a reader will parse it.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="maxDepth">The nesting the file's reader accepts.</param>
    /// <param name="writeObject">Writes one JSON object (start, members, end).</param>
    public static void WriteFile(string path, int maxDepth, Action<Utf8JsonWriter> writeObject)
    {
        var options = new JsonWriterOptions { Indented = true };
        var body = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(body, options))
        {
            writeObject(json);
        }

        using var document = JsonDocument.Parse(body.WrittenMemory, new JsonDocumentOptions { MaxDepth = maxDepth });
        var digest = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(digest, options))
        {
            json.WriteStartObject();
            Write(json, document.RootElement);
            json.WriteEndObject();
        }

        // Spliced, not rewritten: the object's bytes stay as written, and "{ digest }" joins them after a comma.
        int end = body.WrittenSpan[..^1].TrimEnd(" \t\r\n"u8).Length;
        AtomicFile.Write(path, stream =>
        {
            stream.Write(body.WrittenSpan[..end]);
            stream.WriteByte((byte)',');
            stream.Write(digest.WrittenSpan[1..]);
        });
    }

    /// <summary>Writes the <c>digest</c> member of <paramref name="root"/> (whose own digest member, if any, is ignored).</summary>
    /// <param name="json">The writer, inside the top-level object.</param>
    /// <param name="root">The document the digest is for.</param>
    private static void Write(Utf8JsonWriter json, JsonElement root)
    {
        json.WriteStartObject(FieldName);
        json.WriteString("algorithm", Algorithm);
        json.WriteStartObject("tensors");
        foreach (var (path, tensor) in Tensors(root))
        {
            json.WriteString(path, TensorHash(tensor) ?? throw new InvalidOperationException($"Tensor '{path}' has no base64 data to digest."));
        }

        json.WriteEndObject();
        json.WriteString("content", ContentHash(root));
        json.WriteEndObject();
    }

    /// <summary>
    /// Checks <paramref name="root"/> against its digest, if it has one (a file without is read unchecked): first each
    /// tensor, so damaged weights are named, then the whole content, then the digest's own list of tensors.
    /// </summary>
    /// <exception cref="ModelFormatException">A mismatch or a malformed digest, naming the tensor or the file's content.</exception>
    public static void Verify(JsonFields f, JsonElement root)
    {
        if (!root.TryGetProperty(FieldName, out var digest))
        {
            return;
        }

        if (digest.ValueKind != JsonValueKind.Object)
        {
            throw f.Error(FieldName, "must be an object with algorithm, tensors and content.");
        }

        f.CheckOnly(digest, FieldName, Fields, "a digest");
        string algorithm = f.String(digest, "algorithm", FieldName);
        if (algorithm != Algorithm)
        {
            throw f.Error($"{FieldName}.algorithm", $"is '{algorithm}', expected '{Algorithm}'.");
        }

        var listed = f.Get(digest, "tensors", FieldName);
        if (listed.ValueKind != JsonValueKind.Object)
        {
            throw f.Error($"{FieldName}.tensors", "must be an object of SHA-256 digests by tensor path.");
        }

        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in listed.EnumerateObject())
        {
            expected[entry.Name] = Hex(f, listed, entry.Name, $"{FieldName}.tensors");
        }

        string content = Hex(f, digest, "content", FieldName);
        var tensors = Tensors(root).ToList();
        foreach (var (path, tensor) in tensors)
        {
            if (expected.TryGetValue(path, out string? hash) && !string.Equals(hash, TensorHash(tensor), StringComparison.OrdinalIgnoreCase))
            {
                throw f.Error(path, "does not match its SHA-256 in the file's digest: the weights were damaged or changed after the file was saved.");
            }
        }

        if (!string.Equals(content, ContentHash(root), StringComparison.OrdinalIgnoreCase))
        {
            throw f.Error(null, $"the file's content does not match its digest ('{FieldName}.content'): it was damaged or edited after it was saved. HINT: if you edited it on purpose, delete its '{FieldName}' field to read it unchecked.");
        }

        // The content is intact, so a difference here is damage to the digest itself.
        foreach (var (path, _) in tensors)
        {
            if (!expected.ContainsKey(path))
            {
                throw f.Error($"{FieldName}.tensors", $"has no digest for the tensor '{path}'.");
            }
        }

        foreach (string path in expected.Keys.Where(path => !tensors.Exists(t => t.Path == path)))
        {
            throw f.Error($"{FieldName}.tensors", $"names '{path}', which is not a tensor of the file.");
        }
    }

    /// <summary>SHA-256 (lower-case hex) of the canonical encoding of <paramref name="root"/> without its top-level digest.</summary>
    internal static string ContentHash(JsonElement root)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(sha, root, topLevel: true);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>Every tensor in the document (outside the digest), with its JSON path, in document order.</summary>
    internal static IEnumerable<(string Path, JsonElement Tensor)> Tensors(JsonElement element, string? at = null)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            int i = 0;
            foreach (var item in element.EnumerateArray())
            {
                foreach (var found in Tensors(item, $"{at}[{i++}]"))
                {
                    yield return found;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            if (at is not null && element.TryGetProperty("shape", out _) && element.TryGetProperty("dtype", out _) && element.TryGetProperty("data", out _))
            {
                yield return (at, element);
                yield break;
            }

            foreach (var member in element.EnumerateObject())
            {
                if (at is null && member.NameEquals(FieldName))
                {
                    continue;
                }

                foreach (var found in Tensors(member.Value, JsonFields.Join(at, member.Name)))
                {
                    yield return found;
                }
            }
        }
    }

    /// <summary>SHA-256 (lower-case hex) of a tensor's base64-decoded data, or null when the data is not base64 text.</summary>
    internal static string? TensorHash(JsonElement tensor)
    {
        var data = tensor.GetProperty("data");
        if (data.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        ReadOnlySpan<byte> base64 = StringBytes(data);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] chunk = ArrayPool<byte>.Shared.Rent(48 * 1024);
        try
        {
            // Decode piece by piece: hashing a large tensor needs no buffer of its size.
            while (true)
            {
                var status = Base64.DecodeFromUtf8(base64, chunk, out int consumed, out int written, isFinalBlock: true);
                sha.AppendData(chunk, 0, written);
                base64 = base64[consumed..];
                if (status == OperationStatus.Done)
                {
                    return Convert.ToHexStringLower(sha.GetHashAndReset());
                }

                if (status != OperationStatus.DestinationTooSmall)
                {
                    return null;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static void Append(IncrementalHash sha, JsonElement element, bool topLevel = false)
    {
        Span<byte> head = stackalloc byte[9];
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var members = element.EnumerateObject().Where(m => !(topLevel && m.NameEquals(FieldName))).Select(m => (m.Name, m.Value))
                    .OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
                Count(sha, (byte)'o', members.Count);
                foreach (var (name, value) in members)
                {
                    AppendString(sha, Encoding.UTF8.GetBytes(name));
                    Append(sha, value);
                }

                break;
            case JsonValueKind.Array:
                Count(sha, (byte)'a', element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    Append(sha, item);
                }

                break;
            case JsonValueKind.String:
                AppendString(sha, StringBytes(element));
                break;
            case JsonValueKind.Number:
                head[0] = (byte)'d';
                BinaryPrimitives.WriteDoubleLittleEndian(head[1..], double.Parse(JsonMarshal.GetRawUtf8Value(element), NumberStyles.Float, CultureInfo.InvariantCulture));
                sha.AppendData(head);
                break;
            default:
                head[0] = element.ValueKind switch { JsonValueKind.True => (byte)'t', JsonValueKind.False => (byte)'f', _ => (byte)'n' };
                sha.AppendData(head[..1]);
                break;
        }
    }

    private static void AppendString(IncrementalHash sha, ReadOnlySpan<byte> utf8)
    {
        Count(sha, (byte)'s', utf8.Length);
        sha.AppendData(utf8);
    }

    private static void Count(IncrementalHash sha, byte tag, int count)
    {
        Span<byte> head = stackalloc byte[5];
        head[0] = tag;
        BinaryPrimitives.WriteUInt32LittleEndian(head[1..], (uint)count);
        sha.AppendData(head);
    }

    /// <summary>A string's UTF-8 bytes with escapes decoded: the file's own bytes when it has no escape (no copy).</summary>
    private static ReadOnlySpan<byte> StringBytes(JsonElement value)
    {
        ReadOnlySpan<byte> raw = JsonMarshal.GetRawUtf8Value(value);
        if (raw.Length >= 2 && raw[0] == (byte)'"')
        {
            raw = raw[1..^1];
        }

        return raw.Contains((byte)'\\') ? Encoding.UTF8.GetBytes(value.GetString()!) : raw;
    }

    private static string Hex(JsonFields f, JsonElement parent, string name, string at)
    {
        string text = f.String(parent, name, at);
        if (text.Length != 64 || !text.All(char.IsAsciiHexDigit))
        {
            throw f.Error(JsonFields.Join(at, name), "must be 64 hexadecimal digits (a SHA-256).");
        }

        return text;
    }
}
