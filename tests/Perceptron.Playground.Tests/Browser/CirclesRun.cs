using System.Diagnostics;
using Microsoft.Playwright;
using Perceptron.Playground.Sessions;
using Perceptron.Playground.Tests.Support;
using Perceptron.Tabular;

namespace Perceptron.Playground.Tests.Browser;

/// <summary>
/// One run driven only through the page, shared by the tests that look at its result: the circles, one hidden layer of
/// 4 tanh units (after adding and removing a layer with the buttons), stopped at epoch 100, then the model downloaded.
/// </summary>
public sealed class CirclesRun : IAsyncLifetime
{
    /// <summary>The epoch the run stops at; with the seed, the test loss there is fixed, whatever the machine's speed.</summary>
    public const int Epochs = 100;

    /// <summary>The setup the page builds (the page's defaults, stopped at <see cref="Epochs"/>).</summary>
    internal static PlaygroundSetup Setup { get; } = new() { Epochs = Epochs };

    public BrowserFixture Browser { get; } = new();

    public IPage Page { get; private set; } = null!;

    /// <summary>Wall time from pressing play to the page showing the finished run.</summary>
    public TimeSpan PlayToFinished { get; private set; }

    /// <summary>Epoch and test loss as the page shows them when finished.</summary>
    public (int Epoch, double TestLoss) Shown { get; private set; }

    /// <summary>The model as downloaded from the page's link.</summary>
    public TabularModel Model { get; private set; } = null!;

    public string ModelPath => Folder.File("downloaded.json");

    internal TempFolder Folder { get; } = new();

    public async ValueTask InitializeAsync()
    {
        await Browser.InitializeAsync();
        Page = await Browser.NewPageAsync("?data=xor&layers=3");

        // Pick the data set, add a layer and take it away again, choose tanh and where to stop: all with the page's controls.
        await Page.ClickAsync("#dataset-circles");
        await Settled();
        await Page.ClickAsync("#removeUnit1");
        await Settled();
        await Page.ClickAsync("#addUnit1");
        await Settled();
        await Page.ClickAsync("#addUnit1");
        await Settled();
        await Page.ClickAsync("#addLayer");
        await Settled();
        await Page.WaitForSelectorAsync("#addUnit2");
        await Page.ClickAsync("#removeLayer");
        await Settled();
        await Page.SelectOptionAsync("#activation", "tanh");
        await Settled();
        await Page.FillAsync("#epochs", Epochs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Page.DispatchEventAsync("#epochs", "change");
        await Settled();
        Assert.Null(await Page.QuerySelectorAsync("#addUnit2"));
        Assert.Equal(4, await Page.Locator("#network .unit[data-layer='1']").CountAsync());

        var clock = Stopwatch.StartNew();
        await Page.ClickAsync("#play");
        await Page.WaitForSelectorAsync("#play[data-state='finished']", new() { Timeout = (float)PlaygroundApi.HangGuard.TotalMilliseconds });
        PlayToFinished = clock.Elapsed;
        Shown = (
            int.Parse(await Page.GetAttributeAsync("#epoch", "data-value") ?? "-1", System.Globalization.CultureInfo.InvariantCulture),
            double.Parse(await Page.GetAttributeAsync("#testLoss", "data-value") ?? "NaN", System.Globalization.CultureInfo.InvariantCulture));

        var download = await Page.RunAndWaitForDownloadAsync(() => Page.ClickAsync("#downloadModel"));
        await download.SaveAsAsync(ModelPath);
        Model = TabularModel.Load(ModelPath);
    }

    /// <summary>Waits until the page has applied the last change (its request answered and the diagram rebuilt).</summary>
    public Task Settled() => Page.WaitForSelectorAsync("body:not([data-busy])", new() { State = WaitForSelectorState.Attached });

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        Folder.Dispose();
    }
}
