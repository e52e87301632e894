using Perceptron.Playground.Tests.Support;

namespace Perceptron.Playground.Tests.Browser;

public class ScreenshotTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Screenshot()
    {
        var page = await browser.NewPageAsync();
        await page.ClickAsync("#play");
        await page.WaitForFunctionAsync("() => Number(document.getElementById('epoch').dataset.value) >= 60");
        await page.ClickAsync("#play");
        await page.WaitForFunctionAsync("() => document.getElementById('play').dataset.state === 'paused'");
        await page.ClickAsync("#network .unit[data-layer='1'][data-unit='0']");
        await page.WaitForSelectorAsync("#inspect-h");
        await page.ScreenshotAsync(new() { Path = "/tmp/shot1.png", FullPage = true });
    }
}
