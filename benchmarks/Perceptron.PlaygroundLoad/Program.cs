// The playground under load: N sessions (browser tabs) train at once on a loopback server for a fixed time, each with
// an open frame stream and the requests a page makes; reports step throughput, API latency and peak memory.
//
//   dotnet run -c Release --project benchmarks/Perceptron.PlaygroundLoad -- [--sessions 20] [--seconds 30]
//
// Bounded: at most 50 sessions and 120 seconds, loopback only, and it stops by itself.
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Perceptron.Playground;

int sessions = Argument("--sessions", 20, 1, 50);
int seconds = Argument("--seconds", 30, 1, 120);

await using PlaygroundHost server = await PlaygroundServer.StartAsync(new PlaygroundOptions { MaxSessions = Math.Max(32, sessions) });
using var http = new HttpClient { BaseAddress = server.Url, Timeout = TimeSpan.FromSeconds(30) };
Console.WriteLine($"{sessions} sessions for {seconds} s on {server.Url} ({Environment.ProcessorCount} cores, {new PlaygroundOptions().TrainingSlots} training slots)");

// Every session trains circles through two hidden layers of 8 tanh units, batch 10, as a page would set it up.
var setup = new { data = "circles", layers = new[] { 8, 8 }, activation = "tanh", batchSize = 10, epochs = 1_000_000 };
string[] ids = new string[sessions];
for (int i = 0; i < sessions; i++)
{
    var created = await (await http.PostAsJsonAsync("api/sessions", setup)).Content.ReadFromJsonAsync<JsonNode>();
    ids[i] = (string)created!["id"]!;
}

var latencies = new List<double>();
var frames = new long[sessions];
using var stop = new CancellationTokenSource();
long peakWorkingSet = 0;
var memory = Task.Run(async () =>
{
    using var process = Process.GetCurrentProcess();
    while (!stop.IsCancellationRequested)
    {
        process.Refresh();
        peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
        await Task.Delay(100);
    }
});

// A tab: the frame stream, plus the page's requests (state every 2 s, a unit's numbers every 0.5 s).
async Task Tab(int index)
{
    string id = ids[index];
    var stream = Task.Run(async () =>
    {
        try
        {
            using var response = await http.GetAsync($"api/sessions/{id}/events", HttpCompletionOption.ResponseHeadersRead, stop.Token);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref frames[index]);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    });
    await Timed(() => http.PostAsync($"api/sessions/{id}/play", null));
    for (int tick = 0; !stop.IsCancellationRequested; tick++)
    {
        await Timed(() => http.GetAsync($"api/sessions/{id}/inspect?layer=1&unit={tick % 8}&set=test&sample={tick % 200}"));
        if (tick % 4 == 0)
        {
            await Timed(() => http.GetAsync($"api/sessions/{id}"));
        }

        try
        {
            await Task.Delay(500, stop.Token);
        }
        catch (OperationCanceledException)
        {
            break;
        }
    }

    await stream;
}

async Task Timed(Func<Task<HttpResponseMessage>> request)
{
    var clock = Stopwatch.StartNew();
    using var response = await request();
    response.EnsureSuccessStatusCode();
    await response.Content.ReadAsByteArrayAsync();
    lock (latencies)
    {
        latencies.Add(clock.Elapsed.TotalMilliseconds);
    }
}

var runClock = Stopwatch.StartNew();
stop.CancelAfter(TimeSpan.FromSeconds(seconds));
await Task.WhenAll(Enumerable.Range(0, sessions).Select(Tab));
double elapsed = runClock.Elapsed.TotalSeconds;

long steps = 0;
foreach (string id in ids)
{
    await http.PostAsync($"api/sessions/{id}/pause", null);
}

foreach (string id in ids)
{
    var inspection = await http.GetFromJsonAsync<JsonNode>($"api/sessions/{id}/inspect?layer=1&unit=0");
    steps += (long)inspection!["step"]!;
    await http.DeleteAsync($"api/sessions/{id}");
}

await memory;
latencies.Sort();
double Percentile(double p) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
string F(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
Console.WriteLine($"| sessions | seconds | steps/s (all) | steps/s per session | frames/s per session | API requests | p50 ms | p95 ms | max ms | peak working set |");
Console.WriteLine($"|---|---|---|---|---|---|---|---|---|---|");
Console.WriteLine($"| {sessions} | {F(elapsed)} | {steps / elapsed:N0} | {steps / elapsed / sessions:N0} | {F(frames.Sum() / elapsed / sessions)} | {latencies.Count} | {F(Percentile(0.5))} | {F(Percentile(0.95))} | {F(latencies[^1])} | {peakWorkingSet / (1024 * 1024)} MB |");

int Argument(string name, int fallback, int min, int max)
{
    int at = Array.IndexOf(args, name);
    if (at < 0)
    {
        return fallback;
    }

    int value = at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out int parsed) ? parsed : -1;
    if (value < min || value > max)
    {
        Console.Error.WriteLine($"{name} must be {min}..{max}.");
        Environment.Exit(2);
    }

    return value;
}
