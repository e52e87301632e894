using Microsoft.Playwright;

namespace Perceptron.Playground.Tests.Support;

/// <summary>
/// Debian's chromium, headless, driven by Playwright (browsers cannot be downloaded here, so Playwright is pointed at
/// the installed executable), plus a playground server for it to open.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Where Debian installs chromium; PLAYWRIGHT_CHROMIUM overrides it.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("PLAYWRIGHT_CHROMIUM") ?? "/usr/bin/chromium";

    private IPlaywright? _playwright;

    /// <summary>The browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The server the pages open.</summary>
    public ServerFixture Server { get; } = new();

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"No chromium at {ChromiumPath}: install it with 'apt-get install -y chromium' (.ci/run does), or set PLAYWRIGHT_CHROMIUM.");
        }

        await Server.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh browser context (its own session storage, so its own playground session) and page.</summary>
    public async Task<IPage> NewPageAsync(string query = "")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 }, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout((float)PlaygroundApi.HangGuard.TotalMilliseconds); // a bound for hangs, not a speed test
        await page.GotoAsync(new Uri(Server.Host.Url, query).ToString());
        await page.WaitForSelectorAsync("#network .unit");
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Server.DisposeAsync();
    }
}
