using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Perceptron.Playground.Tests.Support;

/// <summary>The page's API, called as the page calls it.</summary>
internal sealed class PlaygroundApi(HttpClient http)
{
    /// <summary>Hang guard for conditions that hold within seconds on a quiet machine. With every core taken by other
    /// processes and the other test assemblies running beside this one, a 100-epoch run in the page has taken over
    /// 2 minutes; 4 minutes stays under the 5 minutes after which the hang collector ends the run.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(4);

    public async Task<JsonNode> CreateAsync(object setup)
    {
        var response = await http.PostAsJsonAsync("api/sessions", setup);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    public async Task<JsonNode> StateAsync(string id) => (await http.GetFromJsonAsync<JsonNode>($"api/sessions/{id}"))!;

    public async Task PostAsync(string id, string command)
    {
        var response = await http.PostAsync($"api/sessions/{id}/{command}", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<JsonNode> InspectAsync(string id, int layer, int unit, string set, int sample)
    {
        var response = await http.GetAsync($"api/sessions/{id}/inspect?layer={layer}&unit={unit}&set={set}&sample={sample}");
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!;
    }

    public async Task<byte[]> DownloadAsync(string id, string what = "model") => await http.GetByteArrayAsync($"api/sessions/{id}/{what}");

    /// <summary>Waits for the session to reach a state (polling; the hang guard only stops a broken run).</summary>
    public async Task<JsonNode> WaitForStateAsync(string id, params string[] states)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            JsonNode state = await StateAsync(id);
            if (states.Contains((string)state["state"]!))
            {
                return state;
            }

            Assert.True(clock.Elapsed < HangGuard, $"The session stayed '{state["state"]}' ({state["message"]}) instead of reaching {string.Join(" or ", states)}.");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until the paused run has taken exactly <paramref name="steps"/> steps.</summary>
    public async Task WaitForStepAsync(string id, long steps)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            JsonNode inspection = await InspectAsync(id, 1, 0, "train", 0);
            if ((long)inspection["step"]! == steps && (string)(await StateAsync(id))["state"]! == "paused")
            {
                return;
            }

            Assert.True(clock.Elapsed < HangGuard, $"The run is at step {inspection["step"]}, not {steps}.");
            await Task.Delay(50);
        }
    }

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}
