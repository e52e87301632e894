using System.Buffers.Binary;
using System.Text.Json;

namespace Perceptron.Serialization;

/// <summary>
/// Typed, checked access to the fields of a JSON file, shared by the model and checkpoint readers: every failure is a
/// <see cref="ModelFormatException"/> naming the file and the field's path, and what was expected.
/// </summary>
internal sealed class JsonFields(string path)
{
    /// <summary>Bytes read before the first check of the JSON: a file that is not JSON fails after reading this much.</summary>
    internal const int FirstChunkBytes = 64 * 1024;

    /// <summary>Parses a JSON file of at most <paramref name="maxBytes"/> bytes, rejecting duplicate fields and deep nesting.</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The largest file accepted.</param>
    /// <param name="maxDepth">The deepest nesting accepted.</param>
    /// <param name="what">What the file should be, for messages ("a model file").</param>
    /// <exception cref="ModelFormatException">Too large, or not valid JSON.</exception>
    public static JsonDocument ParseFile(string path, long maxBytes, int maxDepth, string what)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        return Parse(stream, path, maxBytes, maxDepth, what);
    }

    /// <summary>
    /// Parses JSON from <paramref name="stream"/>, checking the syntax as the bytes arrive: a file that is not JSON is
    /// rejected after its first <see cref="FirstChunkBytes"/> bytes, not after being read whole, and what is read is
    /// never more than the file's own length (nor <paramref name="maxBytes"/>).
    /// </summary>
    /// <param name="stream">The content; its length is checked first, so it must be seekable.</param>
    /// <param name="path">The file, for messages.</param>
    /// <param name="maxBytes">The largest file accepted.</param>
    /// <param name="maxDepth">The deepest nesting accepted.</param>
    /// <param name="what">What the file should be, for messages ("a model file").</param>
    internal static JsonDocument Parse(Stream stream, string path, long maxBytes, int maxDepth, string what)
    {
        long length = stream.Length;
        if (length > maxBytes)
        {
            throw new ModelFormatException(path, null, $"is {Data.MessageText.Count(length)} bytes, more than the {Data.MessageText.Count(maxBytes)} {what} may have.");
        }

        // One buffer that grows as the file is read (never to more than it holds), checked by a reader that carries
        // its state from one read to the next; the document is then built over the same bytes, without a copy.
        byte[] buffer = new byte[(int)Math.Min(length + 1, FirstChunkBytes)];
        int filled = 0, start = 0, checkedUpTo = 0;
        var state = new JsonReaderState(new JsonReaderOptions { MaxDepth = maxDepth });
        while (true)
        {
            if (filled == buffer.Length)
            {
                if (filled > maxBytes || filled >= System.Array.MaxLength)
                {
                    throw new ModelFormatException(path, null, $"grew while being read to more than the {Data.MessageText.Count(maxBytes)} bytes {what} may have.");
                }

                System.Array.Resize(ref buffer, (int)Math.Min(Math.Min(2L * buffer.Length, Math.Max(length + 1, buffer.Length + 1L)), System.Array.MaxLength));
            }

            int read = stream.Read(buffer, filled, buffer.Length - filled);
            filled += read;
            bool final = read == 0;
            if (start == 0 && checkedUpTo == 0 && filled >= 3 && buffer.AsSpan(0, 3).SequenceEqual("\uFEFF"u8))
            {
                start = checkedUpTo = 3; // a UTF-8 byte order mark is allowed and skipped
            }

            var reader = new Utf8JsonReader(buffer.AsSpan(checkedUpTo, filled - checkedUpTo), final, state);
            try
            {
                while (reader.Read())
                {
                }
            }
            catch (JsonException exception)
            {
                throw NotJson(path, what, exception);
            }

            checkedUpTo += (int)reader.BytesConsumed;
            state = reader.CurrentState;
            if (final)
            {
                break;
            }
        }

        try
        {
            return JsonDocument.Parse(buffer.AsMemory(start, filled - start), new JsonDocumentOptions { MaxDepth = maxDepth, AllowDuplicateProperties = false });
        }
        catch (JsonException exception)
        {
            throw NotJson(path, what, exception);
        }
        catch (InvalidOperationException exception)
        {
            // The duplicate-name check decodes every name, and a lone surrogate escape in one throws this.
            throw new ModelFormatException(path, null, "has a field name that is not valid text (a broken \\u escape or invalid UTF-8).", exception);
        }
    }

    /// <summary>"is not valid JSON at line L, byte B": the position, not the parser's own text (which names .NET types and positions).</summary>
    private static ModelFormatException NotJson(string path, string what, JsonException exception)
    {
        string at = exception.LineNumber is long line && exception.BytePositionInLine is long column
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $" at line {line + 1}, byte {column + 1}")
            : "";
        return new ModelFormatException(path, null, $"is not valid JSON{at}; it may be truncated or not {what}.", exception);
    }

    public ModelFormatException Error(string? field, string problem) => new(path, field, problem);

    /// <summary>Fails on any field of <paramref name="element"/> not in <paramref name="allowed"/> (a version of a format is closed).</summary>
    public void CheckOnly(JsonElement element, string? at, IReadOnlyCollection<string> allowed, string owner)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
            {
                throw Error(Join(at, property.Name), $"is not part of {owner}; expected only {string.Join(", ", allowed)}.");
            }
        }
    }

    /// <summary>An optional whole number; absent or null gives null.</summary>
    public int? OptionalInt(JsonElement parent, string name, int min, int max, string? at = null) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? Int(parent, name, min, max, at) : null;

    /// <summary>An optional finite number; absent or null gives null.</summary>
    public double? OptionalDouble(JsonElement parent, string name, double min, double max, string? at = null) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? Double(parent, name, min, max, at) : null;

    /// <summary>An optional string; absent or null gives null.</summary>
    public string? OptionalString(JsonElement parent, string name, string? at = null) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? String(parent, name, at) : null;

    /// <summary>Runs <paramref name="action"/>, turning its ArgumentException into this field's format error.</summary>
    public void Wrap(string field, Action action) => Wrap(field, () =>
    {
        action();
        return 0;
    });

    /// <summary>Runs <paramref name="create"/>, turning its ArgumentException into this field's format error.</summary>
    public T Wrap<T>(string field, Func<T> create)
    {
        try
        {
            return create();
        }
        catch (ArgumentException exception)
        {
            throw Error(field, Data.MessageText.Plain(exception));
        }
    }

    /// <summary>
    /// Decodes every field name once, up front: a name with a lone surrogate escape or invalid UTF-8 would otherwise
    /// make each later lookup throw InvalidOperationException instead of a format error.
    /// </summary>
    public void CheckNames(JsonElement element, string? at)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            int i = 0;
            foreach (var item in element.EnumerateArray())
            {
                CheckNames(item, $"{at}[{i++}]");
            }
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                string name;
                try
                {
                    name = property.Name;
                }
                catch (InvalidOperationException)
                {
                    throw Error(at, "has a field name that is not valid text (a broken \\u escape or invalid UTF-8).");
                }

                CheckNames(property.Value, Join(at, name));
            }
        }
    }

    /// <summary>A JSON string's text; a lone surrogate escape or invalid UTF-8 is a format error, not a crash.</summary>
    public string Text(JsonElement value, string field)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw Error(field, "is not valid text (a broken \\u escape or invalid UTF-8).");
        }
    }

    public JsonElement Get(JsonElement parent, string name, string? at)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            throw Error(Join(at, name), "is missing.");
        }

        return value;
    }

    public string String(JsonElement parent, string name, string? at = null)
    {
        var value = Get(parent, name, at);
        string? text = value.ValueKind == JsonValueKind.String ? Text(value, Join(at, name)) : null;
        if (text is null || text.Length > 10_000)
        {
            throw Error(Join(at, name), value.ValueKind == JsonValueKind.String ? "is longer than 10,000 characters." : $"must be a string; found {value.ValueKind}.");
        }

        return text;
    }

    public bool Bool(JsonElement parent, string name, string? at) => Get(parent, name, at).ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        var kind => throw Error(Join(at, name), $"must be true or false; found {kind}."),
    };

    public int Int(JsonElement parent, string name, int min, int max, string? at = null)
    {
        var value = Get(parent, name, at);
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out int number) || number < min || number > max)
        {
            throw Error(Join(at, name), $"must be a whole number in [{min}, {max}]; found {Shorten(Raw(value))}.");
        }

        return number;
    }

    public double Double(JsonElement parent, string name, double min, double max, string? at = null)
    {
        var value = Get(parent, name, at);
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double number) || !double.IsFinite(number) || number < min || number > max)
        {
            throw Error(Join(at, name), $"must be a finite number in [{min}, {max}].");
        }

        return number;
    }

    public T Lookup<T>(JsonElement parent, string name, string? at, Func<string, T> find)
    {
        string text = String(parent, name, at);
        return Wrap(Join(at, name), () => find(text));
    }

    public JsonElement Array(JsonElement parent, string name, int min, int max, string? at = null)
    {
        var value = Get(parent, name, at);
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() < min || value.GetArrayLength() > max)
        {
            throw Error(Join(at, name), $"must be an array of {min} to {Data.MessageText.Count(max)} entries.");
        }

        return value;
    }

    public string[] Strings(JsonElement parent, string name, int maxCount)
    {
        if (!parent.TryGetProperty(name, out _))
        {
            return [];
        }

        var array = Array(parent, name, 0, maxCount);
        var values = new string[array.GetArrayLength()];
        int i = 0;
        foreach (var item in array.EnumerateArray())
        {
            values[i] = item.ValueKind == JsonValueKind.String ? Text(item, $"{name}[{i}]") : throw Error($"{name}[{i}]", "must be a string.");
            i++;
        }

        return values;
    }

    public float[] Floats(JsonElement parent, string name, int count, string at)
    {
        var array = Array(parent, name, count, count, at);
        var values = new float[count];
        int i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetSingle(out values[i]) || !float.IsFinite(values[i]))
            {
                throw Error($"{at}.{name}[{i}]", "must be a finite number.");
            }

            i++;
        }

        return values;
    }

    /// <summary>A tensor field: its shape must be the one the architecture implies, and its data exactly that many finite floats.</summary>
    public float[] Tensor(JsonElement parent, string name, int[] expectedShape, string at) =>
        Tensor(Get(parent, name, at), expectedShape, Join(at, name));

    /// <summary>A tensor given as the element itself (e.g. an array item), whose path is <paramref name="field"/>.</summary>
    public float[] Tensor(JsonElement tensor, int[] expectedShape, string field)
    {
        if (tensor.ValueKind != JsonValueKind.Object)
        {
            throw Error(field, "must be an object with shape, dtype and data.");
        }

        var shape = Array(tensor, "shape", expectedShape.Length, expectedShape.Length, field);
        int d = 0;
        foreach (var dimension in shape.EnumerateArray())
        {
            if (dimension.ValueKind != JsonValueKind.Number || !dimension.TryGetInt32(out int size) || size != expectedShape[d])
            {
                string found = string.Join(", ", shape.EnumerateArray().Select(e => Shorten(Raw(e))));
                throw Error($"{field}.shape", $"is [{found}], but the architecture needs [{string.Join(", ", expectedShape)}].");
            }

            d++;
        }

        if (String(tensor, "dtype", field) != "float32-le")
        {
            throw Error($"{field}.dtype", "must be 'float32-le'.");
        }

        var data = Get(tensor, "data", field);
        long count = expectedShape.Aggregate(1L, (a, b) => a * b);
        // Check the encoded length before decoding, so a hostile file cannot make us allocate more than it justifies.
        string? base64 = data.ValueKind == JsonValueKind.String ? Text(data, $"{field}.data") : null;
        if (base64 is null || base64.Length != (count * sizeof(float) + 2) / 3 * 4 || !data.TryGetBytesFromBase64(out byte[]? bytes) || bytes.Length != count * sizeof(float))
        {
            throw Error($"{field}.data", $"must be base64 of exactly {Data.MessageText.Count(count * sizeof(float))} bytes ({Data.MessageText.Count(count)} little-endian float32 values).");
        }

        var values = new float[count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
            if (!float.IsFinite(values[i]))
            {
                throw Error($"{field}.data", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"value {i} is {values[i]}; every weight must be finite."));
            }
        }

        return values;
    }

    public static string Join(string? at, string name) => at is null ? name : $"{at}.{name}";

    /// <summary>The element's JSON text, or a placeholder when it is not valid UTF-8.</summary>
    private static string Raw(JsonElement element)
    {
        try
        {
            return element.GetRawText();
        }
        catch (InvalidOperationException)
        {
            return "(invalid text)";
        }
    }

    /// <summary>Raw JSON on one line and at most 40 characters, for messages.</summary>
    private static string Shorten(string raw)
    {
        string line = string.Join(' ', raw.Split((char[])['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(part => part.Trim()));
        return line.Length <= 40 ? line : line[..40] + "…";
    }
}
