using Perceptron.Data;
using Perceptron.Playground.Tests.Support;

namespace Perceptron.Playground.Tests.Browser;

/// <summary>Own data through the page, and a server that outlives reloads and closed tabs.</summary>
[Collection(nameof(BrowserCollection))]
public class UploadAndResilienceTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static string File(string name) => Path.Combine(AppContext.BaseDirectory, "Files", name);

    [Fact]
    public async Task AGoodCsv_Trains_AndABadOne_ShowsTheLoadersMessage()
    {
        var page = await browser.NewPageAsync();

        // Four features: no plane; the curves and the confusion matrix instead.
        await page.SetInputFilesAsync("#file", File("four-features.csv"));
        await page.ClickAsync("#uploadButton");
        await page.WaitForSelectorAsync("#uploadStatus:text-matches('four-features.csv: 150 rows, 4 features, classification')");
        Assert.True(await page.IsVisibleAsync("#noPlane"));
        Assert.Equal(4, await page.Locator("#network .unit.feature").CountAsync());
        Assert.Equal(["A", "B", "C"], await page.Locator("#network .unit.output").AllTextContentsAsync());
        await page.ClickAsync("#step");
        await page.WaitForSelectorAsync("#confusion table");
        Assert.Equal("step 1", await page.TextContentAsync("#steps"));

        // Two features in their own units: the boundary is drawn over the data's range.
        await page.SetInputFilesAsync("#file", File("two-features.csv"));
        await page.ClickAsync("#uploadButton");
        await page.WaitForSelectorAsync("#uploadStatus:text-matches('two-features.csv: 120 rows, 2 features')");
        Assert.True(await page.IsVisibleAsync("#boundary"));

        // A malformed file: the loader's own message, in the page; the previous data stays.
        using var ragged = System.IO.File.OpenRead(File("ragged.csv"));
        string expected = Assert.Throws<DataFormatException>(() => CsvLoader.Load(ragged, "ragged.csv")).Message;
        await page.SetInputFilesAsync("#file", File("ragged.csv"));
        await page.ClickAsync("#uploadButton");
        await page.WaitForSelectorAsync("#uploadError:not(:empty)");
        Assert.Equal(expected, await page.TextContentAsync("#uploadError"));
        Assert.Equal("ragged.csv, line 3: the row has 4 fields but the header has 3; every row needs one field per header column (check the quotes and the delimiter: --quote, --delimiter)", expected);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AReload_KeepsTheSession_AndAClosedTab_LeavesTheServerServing()
    {
        var page = await browser.NewPageAsync("?data=spiral&layers=8,8&features=x1,x2,sin_x1,sin_x2");
        string id = await page.EvaluateAsync<string>("() => sessionStorage.getItem('perceptron-playground-session')");
        await page.ClickAsync("#play");
        await page.WaitForFunctionAsync("() => Number(document.getElementById('epoch').dataset.value) >= 3");
        int before = int.Parse(await page.GetAttributeAsync("#epoch", "data-value") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#network .unit");
        Assert.Equal(id, await page.EvaluateAsync<string>("() => sessionStorage.getItem('perceptron-playground-session')"));
        Assert.Contains("data=spiral", page.Url);
        await page.WaitForFunctionAsync($"() => Number(document.getElementById('epoch').dataset.value) > {before}");
        Assert.Equal(1, await page.Locator("#addUnit2").CountAsync()); // both hidden layers are back

        // Close the tab mid-training: the session trains on, the server answers, and a new tab gets its own session.
        await page.Context.CloseAsync();
        var api = new PlaygroundApi(browser.Server.Http);
        Assert.Equal("running", (string)(await api.StateAsync(id))["state"]!);
        var other = await browser.NewPageAsync();
        Assert.NotEqual(id, await other.EvaluateAsync<string>("() => sessionStorage.getItem('perceptron-playground-session')"));
        await api.PostAsync(id, "pause");
        await other.Context.CloseAsync();
    }
}
