using System.Text.RegularExpressions;
using Perceptron.Cli.Lessons;

namespace Perceptron.Cli.Tests.Lessons;

/// <summary>
/// Every number on docs/lessons/ comes from a fresh run of its lesson: the generated block must match the run (times
/// aside) and every number in the prose must be a fact of the run. Set PERCEPTRON_REGENERATE_LESSONS=1 (as
/// docs/lessons/regenerate.sh does) to rewrite the pages from the run instead of checking them.
/// </summary>
public partial class LessonPagesTests
{
    private const int PageSeed = 1;

    public static TheoryData<int> Lessons => [.. LessonCatalog.All.Select(lesson => lesson.Number)];

    private static bool Regenerate => Environment.GetEnvironmentVariable("PERCEPTRON_REGENERATE_LESSONS") == "1";

    [Theory]
    [MemberData(nameof(Lessons))]
    public void Page_QuotesOnlyNumbersAFreshRunProduces(int number)
    {
        Lesson lesson = LessonCatalog.Find(number)!;
        string path = RepositoryFiles.Path(lesson.Page);
        Assert.True(File.Exists(path), $"{lesson.Page} is missing; every lesson has a page.");
        string page = File.ReadAllText(path).ReplaceLineEndings("\n");
        LessonResult result = LessonRunner.Run(lesson, PageSeed);
        var facts = result.Facts();

        string block = LessonMarkdown.Render(result).ReplaceLineEndings("\n");
        int begin = page.IndexOf(LessonMarkdown.Begin, StringComparison.Ordinal), end = page.IndexOf(LessonMarkdown.End, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, $"{lesson.Page} has no generated block ({LessonMarkdown.Begin} … {LessonMarkdown.End}).");
        string quoted = page[(begin + LessonMarkdown.Begin.Length)..end].Trim('\n');

        if (Regenerate)
        {
            page = page[..(begin + LessonMarkdown.Begin.Length)] + "\n" + block + page[end..];
            page = Fact().Replace(page, match => facts.TryGetValue(match.Groups["key"].Value, out string? value)
                ? $"<!--f:{match.Groups["key"].Value}-->{value}<!--/f-->"
                : match.Value);
            File.WriteAllText(path, page);
            return;
        }

        Assert.True(LessonMarkdown.WithoutTimes(quoted) == LessonMarkdown.WithoutTimes(block.Trim('\n')),
            $"{lesson.Page}: the generated block differs from a fresh run of lesson {number} (seed {PageSeed}); run docs/lessons/regenerate.sh. Fresh run:\n{block}");

        var problems = new List<string>();
        foreach (Match match in Fact().Matches(page))
        {
            string key = match.Groups["key"].Value, value = match.Groups["value"].Value;
            if (!facts.TryGetValue(key, out string? fresh))
            {
                problems.Add($"fact '{key}' is not produced by the lesson (it has: {string.Join(", ", facts.Keys.Take(12))}, …)");
            }
            else if (fresh != value)
            {
                problems.Add($"fact '{key}' says {value} but a fresh run gives {fresh}");
            }
        }

        // Numbers typed into the prose by hand would not be checked: every result must be quoted as a fact.
        string prose = page[..begin] + page[(end + LessonMarkdown.End.Length)..];
        prose = Fact().Replace(prose, "");
        prose = CodeSpan().Replace(prose, "");
        prose = LinkTarget().Replace(prose, "]");
        foreach (Match typed in ResultLikeNumber().Matches(prose))
        {
            problems.Add($"'{typed.Value}' is typed into the prose; quote it as <!--f:KEY-->{typed.Value}<!--/f--> so a test checks it, or write it in `code`");
        }

        Assert.True(problems.Count == 0, $"{lesson.Page}:\n" + string.Join('\n', problems));
    }

    [Fact]
    public void EveryLesson_PointsAtTheCodeItQuotes()
    {
        var problems = new List<string>();
        foreach (Lesson lesson in LessonCatalog.All)
        {
            string[] lines = File.ReadAllLines(RepositoryFiles.Path(lesson.Code.File));
            if (lesson.Code.Line > lines.Length || !lines[lesson.Code.Line - 1].Contains(lesson.Code.Code, StringComparison.Ordinal))
            {
                int found = Array.FindIndex(lines, line => line.Contains(lesson.Code.Code, StringComparison.Ordinal)) + 1;
                problems.Add($"lesson {lesson.Number} points at {lesson.Code} for `{lesson.Code.Code}`; {(found > 0 ? $"it is now on line {found}" : "that code is gone")}");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void LessonIndex_LinksEveryPage()
    {
        string index = File.ReadAllText(RepositoryFiles.Path("docs/lessons/README.md"));
        foreach (Lesson lesson in LessonCatalog.All)
        {
            Assert.Contains($"]({Path.GetFileName(lesson.Page)})", index, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"<!--f:(?<key>[\w.]+)-->(?<value>.*?)<!--/f-->")]
    private static partial Regex Fact();

    [GeneratedRegex(@"```.*?```|`[^`\n]*`", RegexOptions.Singleline)]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\]\([^)]*\)")]
    private static partial Regex LinkTarget();

    /// <summary>Decimals (0.86), percentages (97 %) and scientific numbers (3.8e-04) in running text.</summary>
    [GeneratedRegex(@"(?<![\w.#/])\d+(\.\d+)?(e[-+]?\d+)?\s?%|(?<![\w.#/])\d+\.\d+(e[-+]?\d+)?(?![\w.])")]
    private static partial Regex ResultLikeNumber();
}
