using System.Globalization;
using System.Text.RegularExpressions;

namespace Perceptron.Data;

/// <summary>What a column was declared as: inferred, categorical (<c>--categorical</c>) or numeric.</summary>
internal enum ColumnDeclaration
{
    Inferred,
    Categorical,
    Numeric,
}

/// <summary>The kind a column was found to be, or why it cannot be a feature.</summary>
internal enum ColumnVerdict
{
    Numeric,
    Categorical,
    Unusable,
}

/// <summary>
/// Watches one feature column cell by cell and then decides its kind: numbers, categories, or a column that cannot be a
/// feature (dates, free text, identifiers, nothing but missing cells). Row by row, so a streaming reader can profile a
/// file (or its first rows) the same way the loader does.
/// </summary>
/// <remarks>
/// Rules (docs/data.md, "Column kinds"): a column whose non-missing cells are all numbers is numeric, unless its values
/// are all different whole numbers and its name says it is an identifier (id, index, *_id, *Id). A column with more numbers than text is numeric and its text cells are invalid. Otherwise
/// the column holds text: dates (most cells look like a date or time) and identifiers (every cell different, at least
/// 10 cells) cannot be features; more than max(50, half the cells) distinct values is free text; anything else is
/// categorical. Declared columns skip the inference, and listed features (<c>--features</c>) are never set aside.
/// </remarks>
internal sealed partial class ColumnProfile(string name, int fileIndex, ColumnDeclaration declared, bool listed)
{
    /// <summary>Fewest cells before "every value differs" means an identifier rather than a small sample.</summary>
    private const int MinCellsForIdentifier = 10;

    /// <summary>Distinct whole numbers tracked for the identifier rule; past this a column that is still all different counts as such.</summary>
    private const int MaxTrackedIntegers = 1 << 20;

    /// <summary>Fewest distinct values that can make free text (below this, many categories are still categories).</summary>
    private const int MinDistinctForFreeText = 50;

    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
    private readonly List<string> _categories = [];
    private readonly List<int> _categoryCounts = [];
    private readonly HashSet<int> _invalidNumberCodes = [];
    private HashSet<float>? _distinctIntegers = [];

    public string Name { get; } = name;

    /// <summary>The column's index in the file.</summary>
    public int FileIndex { get; } = fileIndex;

    public ColumnDeclaration Declared { get; } = declared;

    /// <summary>Named in the feature list: used even if it looks unusable.</summary>
    public bool Listed { get; } = listed;

    public int Numbers { get; private set; }

    public int InvalidNumbers { get; private set; }

    public int Texts { get; private set; }

    public int Missing { get; private set; }

    /// <summary>For undeclared columns, the rows and codes of cells that are not valid numbers, in row order.</summary>
    public List<(int Row, int Code)> Deferred { get; } = [];

    /// <summary>The category text of each code, in order of first appearance.</summary>
    public IReadOnlyList<string> Categories => _categories;

    public int NonMissing => Numbers + InvalidNumbers + Texts;

    /// <summary>The code of a category's text, adding it on first sight.</summary>
    public int Intern(ReadOnlySpan<char> text)
    {
        var lookup = _codes.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(text, out int code))
        {
            code = _categories.Count;
            string name = text.ToString();
            _codes[name] = code;
            _categories.Add(name);
            _categoryCounts.Add(0);
        }

        _categoryCounts[code]++;
        return code;
    }

    /// <summary>A missing cell.</summary>
    public void AddMissing()
    {
        Missing++;
        _distinctIntegers = null;
    }

    /// <summary>A cell of a declared categorical column (numbers too are categories, by their text).</summary>
    public float AddCategory(ReadOnlySpan<char> text)
    {
        Texts++;
        return Intern(text);
    }

    /// <summary>A number in an undeclared or numeric column.</summary>
    public void AddNumber(float value)
    {
        Numbers++;
        if (_distinctIntegers is not null && (value != MathF.Floor(value) || (_distinctIntegers.Count < MaxTrackedIntegers && !_distinctIntegers.Add(value))))
        {
            _distinctIntegers = null; // not all different whole numbers: stop tracking, it costs memory
        }
    }

    /// <summary>A cell that is not a valid number, kept until the column's kind is known.</summary>
    public void AddDeferred(ReadOnlySpan<char> text, int row, bool invalidNumber)
    {
        int code = Intern(text);
        if (invalidNumber)
        {
            InvalidNumbers++;
            _invalidNumberCodes.Add(code);
        }
        else
        {
            Texts++;
        }

        _distinctIntegers = null;
        Deferred.Add((row, code));
    }

    /// <summary>Whether a deferred cell's code is a number that is not finite or out of range (not text).</summary>
    public bool IsInvalidNumber(int code) => _invalidNumberCodes.Contains(code);

    /// <summary>Decides the column's kind; for an unusable column, <paramref name="reason"/> says why in a few words.</summary>
    public ColumnVerdict Decide(out string? reason)
    {
        reason = null;
        if (Declared == ColumnDeclaration.Categorical)
        {
            return NonMissing > 0 ? ColumnVerdict.Categorical : Unusable("no values: every cell is missing", out reason);
        }

        if (NonMissing == 0)
        {
            return Unusable("no values: every cell is missing", out reason);
        }

        if (Declared == ColumnDeclaration.Numeric || Texts == 0 || Numbers + InvalidNumbers > Texts)
        {
            bool identifier = Texts == 0 && !Listed && Declared == ColumnDeclaration.Inferred && _distinctIntegers is not null
                && Numbers >= MinCellsForIdentifier && LooksLikeIdentifierName(Name);
            return identifier ? Unusable("identifiers: a different whole number in every row", out reason) : ColumnVerdict.Numeric;
        }

        if (Listed)
        {
            return ColumnVerdict.Categorical;
        }

        int dates = Enumerable.Range(0, _categories.Count).Where(c => DatePattern().IsMatch(_categories[c])).Sum(c => _categoryCounts[c]);
        if (dates * 10 >= Texts * 8)
        {
            return Unusable("dates", out reason);
        }

        int distinct = _categories.Count;
        if (distinct == NonMissing && NonMissing >= MinCellsForIdentifier)
        {
            bool prose = _categories.Count(c => c.Trim().Contains(' ', StringComparison.Ordinal)) * 2 > distinct;
            return Unusable(prose ? "free text: a different text in every row" : "identifiers: a different value in every row", out reason);
        }

        if (distinct > Math.Max(MinDistinctForFreeText, NonMissing / 2))
        {
            return Unusable($"free text: {MessageText.Count(distinct)} distinct values in {MessageText.Count(NonMissing)} rows", out reason);
        }

        return ColumnVerdict.Categorical;
    }

    /// <summary>The first deferred cell that looks like a number with a decimal comma, when most of the column does.</summary>
    public (int Row, string Text)? DecimalCommaColumn(CellParser cells)
    {
        if (Declared != ColumnDeclaration.Inferred || cells.DecimalSeparator != '.' || Texts == 0)
        {
            return null;
        }

        int commaCells = Enumerable.Range(0, _categories.Count).Where(c => cells.LooksLikeDecimalComma(_categories[c])).Sum(c => _categoryCounts[c]);
        if (commaCells == 0 || (commaCells + Numbers) * 10 < NonMissing * 9)
        {
            return null;
        }

        var first = Deferred.First(d => cells.LooksLikeDecimalComma(_categories[d.Code]));
        return (first.Row, _categories[first.Code]);
    }

    /// <summary>The text a number has as a category: the shortest that round-trips the float ("1", "2.5").</summary>
    public static string CategoryText(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>id, index, *_id, *-id, "* id", and camel-case *Id or *ID; not valid, fluid or acid.</summary>
    private static bool LooksLikeIdentifierName(string name)
    {
        string trimmed = name.Trim();
        string lower = trimmed.ToLowerInvariant();
        return lower is "id" or "index" or "unnamed: 0" || lower.EndsWith("_id", StringComparison.Ordinal) || lower.EndsWith("-id", StringComparison.Ordinal)
            || lower.EndsWith(" id", StringComparison.Ordinal)
            || (trimmed.Length > 2 && (trimmed.EndsWith("Id", StringComparison.Ordinal) || trimmed.EndsWith("ID", StringComparison.Ordinal)) && char.IsLower(trimmed[^3]));
    }

    private static ColumnVerdict Unusable(string why, out string? reason)
    {
        reason = why;
        return ColumnVerdict.Unusable;
    }

    /// <summary>Dates and times as spreadsheets and databases write them: 2024-01-31, 2024-01-31T12:00:00Z, 31/01/2024,
    /// 1/31/24 9:30, 19-Sep-03, Sep 19, 2003, 12:30:00.</summary>
    [GeneratedRegex(@"^\s*(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}([T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}( \d{1,2}:\d{2}(:\d{2})?)?|\d{1,2}[- ][A-Za-z]{3,9}[- ]\d{2,4}|[A-Za-z]{3,9}\.? \d{1,2},? \d{4}|\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*([AaPp][Mm])?)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();
}
