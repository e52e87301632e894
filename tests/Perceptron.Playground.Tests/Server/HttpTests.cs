using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Perceptron.Playground.Tests.Support;

namespace Perceptron.Playground.Tests.Server;

/// <summary>The server's answers: security headers, refusals with one clear sentence, and no path from the client to the disk.</summary>
public class HttpTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/app.js")]
    [InlineData("/app.css")]
    [InlineData("/source/Dense.cs")]
    [InlineData("/api/sessions/0000")]
    public async Task EveryAnswer_CarriesTheSecurityHeaders(string path)
    {
        using var response = await server.Http.GetAsync(path);
        string policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.DoesNotContain("http", policy);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task ThePage_HasNoInlineScript_AndLoadsNothingFromElsewhere()
    {
        foreach (string file in new[] { "/", "/app.js", "/network.js", "/view.js", "/inspector.js", "/app.css" })
        {
            string text = await server.Http.GetStringAsync(file);
            // The SVG namespace is a name, not an address that is fetched.
            Assert.DoesNotMatch("https?://(?!www\\.w3\\.org/2000/svg)", text);
            if (file == "/")
            {
                Assert.DoesNotMatch("<script(?![^>]*src=)", text);
                Assert.DoesNotContain(" on", System.Text.RegularExpressions.Regex.Match(text, "<[^>]+ on[a-z]+=").Value);
            }
        }
    }

    [Fact]
    public async Task AnotherHostName_IsRefused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "attacker.example";
        using var response = await server.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AnUnknownSession_IsA404WithASentence()
    {
        using var response = await server.Http.PostAsync("/api/sessions/0123456789abcdef0123456789abcdef/play", null);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonNode>();
        Assert.StartsWith("This session has ended", (string)body!["error"]!);
    }

    [Theory]
    [InlineData("""{"noise": 80}""", "Setup: noise must be 0..50 (percent); got 80.")]
    [InlineData("""{"layers": [4, 0]}""", "Setup: every hidden layer needs 1..64 units; got 4,0.")]
    [InlineData("""{"data": "../etc/passwd"}""", "Setup: data must be one of circles, xor, gauss, spiral, moons, plane or csv; got '../etc/passwd'.")]
    [InlineData("""{"optimizer": "magic"}""", "Setup: unknown optimizer 'magic'; expected sgd, momentum, nesterov, adam, adamw, rmsprop.")]
    [InlineData("""{"learningRate": "fast"}""", "The setup is not valid at $.learningRate: expected the page's JSON setup.")]
    [InlineData("""{"noise": """, "The setup is not valid at $.noise: expected the page's JSON setup.")]
    public async Task ABadSetup_IsRefusedWithTheField(string json, string message)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await server.Http.PostAsync("/api/sessions", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, (string)(await response.Content.ReadFromJsonAsync<JsonNode>())!["error"]!);
    }

    [Theory]
    [InlineData("/source/..%2F..%2FPerceptron.csproj")]
    [InlineData("/source/%2Fetc%2Fpasswd")]
    [InlineData("/source/Program.cs")]
    [InlineData("/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/wwwroot/app.js")]
    public async Task NoClientPath_ReachesTheFileSystem(string path)
    {
        using var response = await server.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task TheSourceViewer_LinksEveryLine()
    {
        string page = await server.Http.GetStringAsync("/source/Dense.cs");
        Assert.Contains("id=\"L1\"", page);
        Assert.Contains("Gemm.Multiply&lt;T&gt;(x, _weights.Span, z,", page);
        Assert.DoesNotContain("<script", page);
    }

    [Fact]
    public async Task TheEventStream_SendsTheFirstFrame()
    {
        var api = new PlaygroundApi(server.Http);
        string id = (string)(await api.CreateAsync(new { data = "gauss" }))["id"]!;
        await api.WaitForStateAsync(id, "ready");
        using var response = await server.Http.GetAsync($"/api/sessions/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        string? line;
        while ((line = await reader.ReadLineAsync()) is not null && !line.StartsWith("data: ", StringComparison.Ordinal))
        {
        }

        var frame = JsonNode.Parse(line!["data: ".Length..])!;
        Assert.Equal("ready", (string)frame["state"]!);
        Assert.Equal(64 * 64, frame["boundary"]!["values"]!.AsArray().Count);
        Assert.Equal(4, frame["units"]!["layers"]![0]!.AsArray().Count);
    }

    [Fact]
    public async Task ModelAndOnnx_AreDownloads()
    {
        var api = new PlaygroundApi(server.Http);
        string id = (string)(await api.CreateAsync(new { data = "moons", epochs = 1 }))["id"]!;
        await api.WaitForStateAsync(id, "ready");
        using var model = await server.Http.GetAsync($"/api/sessions/{id}/model");
        Assert.Equal("attachment", model.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("perceptron-moons.json", model.Content.Headers.ContentDisposition.FileName);
        Assert.StartsWith("{", await model.Content.ReadAsStringAsync());
        using var onnx = await server.Http.GetAsync($"/api/sessions/{id}/model.onnx");
        Assert.Equal("perceptron-moons.onnx", onnx.Content.Headers.ContentDisposition!.FileName);
    }
}
