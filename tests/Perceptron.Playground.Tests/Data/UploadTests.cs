using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Perceptron.Data;
using Perceptron.Playground.Data;
using Perceptron.Playground.Tests.Support;

namespace Perceptron.Playground.Tests.Data;

/// <summary>Uploads: the CLI's loader and its messages, the playground's limits, and nothing written to disk.</summary>
public class UploadTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static string File(string name) => Path.Combine(AppContext.BaseDirectory, "Files", name);

    [Fact]
    public async Task AGoodCsv_StartsARunOnIt()
    {
        string id = await NewSessionAsync();
        JsonNode state = await UploadAsync(id, "four-features.csv", System.IO.File.ReadAllBytes(File("four-features.csv")), HttpStatusCode.OK);
        Assert.Equal("csv", (string)state["setup"]!["data"]!);
        Assert.Equal(4, (int)state["upload"]!["features"]!);
        Assert.Equal(["A", "B", "C"], state["data"]!["classes"]!.AsArray().Select(c => (string)c!));
        Assert.Null(state["data"]!["plane"]);
        var api = new PlaygroundApi(server.Http);
        await api.PostAsync(id, "step?count=3");
        await api.WaitForStepAsync(id, 3);
    }

    [Theory]
    [InlineData("ragged.csv", "ragged.csv, line 3: the row has 4 fields but the header has 3; every row needs one field per header column (check the quotes and the delimiter: --quote, --delimiter)")]
    [InlineData("not-a-number.csv", null)]
    public async Task AMalformedCsv_ShowsTheLoadersOwnMessage(string name, string? expected)
    {
        byte[] bytes = System.IO.File.ReadAllBytes(File(name));
        string loaderMessage = Assert.Throws<DataFormatException>(() => CsvLoader.Load(new MemoryStream(bytes), name)).Message;
        if (expected is not null)
        {
            Assert.Equal(expected, loaderMessage);
        }

        JsonNode answer = await UploadAsync(await NewSessionAsync(), name, bytes, HttpStatusCode.BadRequest);
        Assert.Equal(loaderMessage, (string)answer["error"]!);
    }

    [Fact]
    public async Task OneClass_EndsTheRunWithTheTrainersMessage()
    {
        string id = await NewSessionAsync();
        await UploadAsync(id, "one-class.csv", System.IO.File.ReadAllBytes(File("one-class.csv")), HttpStatusCode.OK);
        JsonNode state = await new PlaygroundApi(server.Http).WaitForStateAsync(id, "error");
        Assert.Equal("one-class.csv has 1 class in its target 'label'; classification needs at least 2. (Parameter 'train')".Split(" (Parameter")[0], ((string)state["message"]!).Split(" (Parameter")[0]);
    }

    [Fact]
    public async Task Limits_AreCheckedWithClearMessages()
    {
        await using var small = await PlaygroundServer.StartAsync(new PlaygroundOptions { MaxUploadBytes = 2000, MaxUploadRows = 50, MaxUploadFeatures = 3 });
        using var http = new HttpClient { BaseAddress = small.Url };
        string id = (string)(await new PlaygroundApi(http).CreateAsync(new { }))["id"]!;

        byte[] big = Encoding.UTF8.GetBytes("x,y,label\n" + string.Concat(Enumerable.Repeat("1,2,a\n3,4,b\n", 200)));
        Assert.Equal("big.csv is larger than 0 MB, the playground's upload limit; use a sample of its rows, or 'perceptron train' for the whole file.",
            (string)(await UploadAsync(id, "big.csv", big, HttpStatusCode.BadRequest, http))["error"]!);
        byte[] rows = Encoding.UTF8.GetBytes("x,y,label\n" + string.Concat(Enumerable.Repeat("1,2,a\n3,4,b\n", 30)));
        Assert.Equal("rows.csv has 60 rows; the playground takes at most 50. Use a sample, or 'perceptron train' for the whole file.",
            (string)(await UploadAsync(id, "rows.csv", rows, HttpStatusCode.BadRequest, http))["error"]!);
        byte[] wide = Encoding.UTF8.GetBytes("a,b,c,d,label\n1,2,3,4,a\n5,6,7,8,b\n");
        Assert.Equal("wide.csv has 4 feature columns; the playground takes at most 3.",
            (string)(await UploadAsync(id, "wide.csv", wide, HttpStatusCode.BadRequest, http))["error"]!);
        Assert.Equal("empty.csv is empty; choose a CSV file with a header row and data rows.",
            (string)(await UploadAsync(id, "empty.csv", [], HttpStatusCode.BadRequest, http))["error"]!);
    }

    [Fact]
    public async Task CategoriesAndMissingCells_AreRefusedWithAPointerToTrain()
    {
        string id = await NewSessionAsync();
        byte[] text = Encoding.UTF8.GetBytes("x,colour,label\n" + string.Concat(Enumerable.Repeat("1,red,a\n3,blue,b\n", 4)));
        Assert.Equal("text.csv: 'colour' holds text (categories); the playground takes numeric features only. Leave it out, or use 'perceptron train', which one-hot encodes categories.",
            (string)(await UploadAsync(id, "text.csv", text, HttpStatusCode.BadRequest))["error"]!);
        byte[] gaps = Encoding.UTF8.GetBytes("x,y,label\n1,,a\n3,4,b\n5,NA,a\n7,8,b\n");
        Assert.Equal("gaps.csv has 2 missing cells; the playground takes complete rows. Fill them in, or use 'perceptron train', which imputes them.",
            (string)(await UploadAsync(id, "gaps.csv", gaps, HttpStatusCode.BadRequest))["error"]!);
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Windows\\win.ini", "CWindowswin.ini")]
    [InlineData("<script>.csv", "script.csv")]
    [InlineData("..", "upload.csv")]
    [InlineData(null, "upload.csv")]
    public void TheBrowsersFileName_IsOnlyALabel(string? given, string label) => Assert.Equal(label, UploadReader.SafeName(given));

    private async Task<string> NewSessionAsync() => (string)(await new PlaygroundApi(server.Http).CreateAsync(new { }))["id"]!;

    private async Task<JsonNode> UploadAsync(string id, string name, byte[] bytes, HttpStatusCode expected, HttpClient? http = null)
    {
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("text/csv");
        using var response = await (http ?? server.Http).PostAsync($"/api/sessions/{id}/upload?name={Uri.EscapeDataString(name)}", content);
        var body = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.True(response.StatusCode == expected, body.ToJsonString());
        return body;
    }
}
