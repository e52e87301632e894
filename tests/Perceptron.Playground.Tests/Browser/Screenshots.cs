using Perceptron.Playground.Tests.Support;

namespace Perceptron.Playground.Tests.Browser;

/// <summary>
/// Takes the screenshots in docs/images. Not part of the suite (Explicit); run it with
/// <c>dotnet test tests/Perceptron.Playground.Tests -c Release -- --filter-class *Screenshots --explicit only</c>
/// after changing the page, then look at them.
/// </summary>
[Collection(nameof(BrowserCollection))]
public class Screenshots(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static string Target(string name)
    {
        string folder = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(folder, "Perceptron.slnx")))
        {
            folder = Path.GetDirectoryName(folder) ?? throw new InvalidOperationException("Run from inside the repository.");
        }

        return Path.Combine(folder, "docs", "images", name);
    }

    [Fact(Explicit = true)]
    public async Task TakeScreenshots()
    {
        // Circles, one hidden layer of four tanh units, trained to epoch 100, a unit inspected.
        var page = await browser.NewPageAsync("?epochs=100");
        await page.ClickAsync("#play");
        await page.WaitForSelectorAsync("#play[data-state='finished']");
        await page.CheckAsync("#showTest");
        await page.ClickAsync("#network .unit[data-layer='1'][data-unit='1']");
        await page.WaitForSelectorAsync("#inspect-h");
        await page.ScreenshotAsync(new() { Path = Target("playground-circles.png"), FullPage = true });
        await page.Context.CloseAsync();

        // The spiral with sine features and two ReLU layers, paused mid-run; a weight clicked.
        page = await browser.NewPageAsync("?data=spiral&noise=10&layers=8,6&activation=relu&features=x1,x2,sin_x1,sin_x2&learningRate=0.01&epochs=300");
        await page.ClickAsync("#play");
        await page.WaitForSelectorAsync("#play[data-state='finished']");
        await page.DispatchEventAsync(".weight-hit[data-layer='2'][data-from='3'][data-unit='2']", "click");
        await page.WaitForSelectorAsync("#inspect-h");
        await page.ScreenshotAsync(new() { Path = Target("playground-spiral.png"), FullPage = true });
        await page.Context.CloseAsync();

        // Your own data: four features, three classes, so curves and a confusion matrix instead of a plane.
        page = await browser.NewPageAsync();
        await page.SetInputFilesAsync("#file", Path.Combine(AppContext.BaseDirectory, "Files", "four-features.csv"));
        await page.ClickAsync("#uploadButton");
        await page.WaitForSelectorAsync("#uploadStatus:not(:empty)");
        await page.FillAsync("#epochs", "60");
        await page.DispatchEventAsync("#epochs", "change");
        await page.WaitForSelectorAsync("body:not([data-busy])", new() { State = Microsoft.Playwright.WaitForSelectorState.Attached });
        await page.ClickAsync("#play");
        await page.WaitForSelectorAsync("#play[data-state='finished']");
        await page.ScreenshotAsync(new() { Path = Target("playground-csv.png"), FullPage = true });
        await page.Context.CloseAsync();
    }
}
