using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Perceptron.Data;
using Perceptron.Playground.Data;
using Perceptron.Playground.Engine;
using Perceptron.Playground.Sessions;

namespace Perceptron.Playground.Web;

/// <summary>The page's API: sessions, play/pause/step/reset, the frame stream, uploads, inspection and downloads.</summary>
internal static class ApiEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Maps every route.</summary>
    public static void Map(IEndpointRouteBuilder app, SessionStore sessions, PlaygroundOptions options)
    {
        app.MapPost("/api/sessions", async (HttpRequest request) =>
        {
            var (setup, error) = await ReadSetupAsync(request);
            if (error is not null)
            {
                return error;
            }

            PlaygroundSession? session = sessions.Create(setup!);
            return session is null
                ? ApiError.Of(StatusCodes.Status503ServiceUnavailable, $"The playground already has {options.MaxSessions} open tabs, its limit; close one and reload.")
                : Results.Json(await SessionState.DescribeAsync(session, options), Json);
        });

        var one = app.MapGroup("/api/sessions/{id}");
        one.MapGet("", async (string id) => sessions.Find(id) is { } session
            ? Results.Json(await SessionState.DescribeAsync(session, options), Json)
            : ApiError.NoSession());
        one.MapDelete("", (string id) =>
        {
            sessions.End(id);
            return Results.NoContent();
        });
        one.MapPost("/play", (string id) => Command(sessions, id, s => s.Play()));
        one.MapPost("/pause", (string id) => Command(sessions, id, s => s.Pause()));
        one.MapPost("/reset", (string id) => Command(sessions, id, s => s.Reset()));
        one.MapPost("/step", (string id, int? count) => count is < 1 or > 10_000
            ? ApiError.Of(StatusCodes.Status400BadRequest, "count must be 1..10,000 mini-batches.")
            : Command(sessions, id, s => s.Step(count ?? 1)));
        one.MapPost("/setup", async (string id, HttpRequest request) =>
        {
            if (sessions.Find(id) is not { } session)
            {
                return ApiError.NoSession();
            }

            var (setup, error) = await ReadSetupAsync(request);
            if (error is not null)
            {
                return error;
            }

            if (setup!.Data == "csv" && session.Upload is null)
            {
                return ApiError.Of(StatusCodes.Status400BadRequest, "No CSV file has been uploaded in this tab; upload one first.");
            }

            session.Reset(setup);
            return Results.Json(await SessionState.DescribeAsync(session, options), Json);
        });
        one.MapPost("/upload", async (string id, HttpRequest request, string? name, string? target, string? task) =>
        {
            if (sessions.Find(id) is not { } session)
            {
                return ApiError.NoSession();
            }

            try
            {
                TabularDataset data = await UploadReader.ReadAsync(request.Body, name, target, task, options, request.HttpContext.RequestAborted);
                var setup = session.Setup with
                {
                    Data = "csv",
                    Scaling = "standard",
                    Problem = data.Task == TaskKind.Classification ? "classification" : "regression",
                    TrainPercent = 80,
                    Layers = session.Setup.Layers.Count == 0 ? [8] : session.Setup.Layers,
                };
                session.UseUpload(data, setup);
                return Results.Json(await SessionState.DescribeAsync(session, options), Json);
            }
            catch (UploadException exception)
            {
                return ApiError.Of(StatusCodes.Status400BadRequest, exception.Message);
            }
            catch (BadHttpRequestException)
            {
                return ApiError.Of(StatusCodes.Status413PayloadTooLarge, $"The file is larger than the playground's upload limit of {options.MaxUploadBytes / (1024 * 1024)} MB.");
            }
        });
        one.MapGet("/events", (string id, HttpContext context) => Events(sessions, id, context));
        one.MapGet("/inspect", (string id, int layer, int unit, string? set, int? sample) => Inspect(sessions, id, layer, unit, set ?? "train", sample ?? 0));
        one.MapGet("/model", (string id) => Download(sessions, id, onnx: false));
        one.MapGet("/model.onnx", (string id) => Download(sessions, id, onnx: true));
    }

    private static IResult Command(SessionStore sessions, string id, Action<PlaygroundSession> command)
    {
        if (sessions.Find(id) is not { } session)
        {
            return ApiError.NoSession();
        }

        command(session);
        return Results.Json(new { state = session.State }, Json);
    }

    /// <summary>Server-sent events: the latest frame whenever there is a new one (a slow page skips frames, it never queues them).</summary>
    private static async Task<IResult> Events(SessionStore sessions, string id, HttpContext context)
    {
        if (sessions.Find(id) is not { } session)
        {
            return ApiError.NoSession();
        }

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        CancellationToken aborted = context.RequestAborted;
        using IDisposable listener = session.Listen();
        await context.Response.WriteAsync(": connected\n\n", aborted);
        await context.Response.Body.FlushAsync(aborted);
        long seen = 0;
        while (!aborted.IsCancellationRequested)
        {
            using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(aborted);
            heartbeat.CancelAfter(TimeSpan.FromSeconds(15));
            try
            {
                (seen, byte[] frame) = await session.NextFrameAsync(seen, heartbeat.Token);
                await context.Response.Body.WriteAsync("data: "u8.ToArray(), aborted);
                await context.Response.Body.WriteAsync(frame, aborted);
                await context.Response.Body.WriteAsync("\n\n"u8.ToArray(), aborted);
            }
            catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
            {
                // Nothing new for a while: a comment line keeps proxies and the browser from giving up on the stream.
                await context.Response.WriteAsync(": keep-alive\n\n", aborted);
            }
            catch (ObjectDisposedException)
            {
                break;
            }

            session.Touch();
            await context.Response.Body.FlushAsync(aborted);
        }

        return Results.Empty;
    }

    private static async Task<IResult> Inspect(SessionStore sessions, string id, int layer, int unit, string set, int sample)
    {
        if (sessions.Find(id) is not { } session)
        {
            return ApiError.NoSession();
        }

        if (set is not ("train" or "test"))
        {
            return ApiError.Of(StatusCodes.Status400BadRequest, "set must be train or test.");
        }

        try
        {
            object result = await session.Invoke(context =>
            {
                if (context is null)
                {
                    throw new InvalidOperationException("The run did not start, so there is no network to inspect.");
                }

                TabularDataset rows = set == "train" ? context.Data.Train : context.Data.Test;
                if (sample < 0 || sample >= rows.Rows)
                {
                    throw new ArgumentOutOfRangeException(nameof(sample), $"The {set} set has samples 0..{rows.Rows - 1}; got {sample}.");
                }

                var (x, y) = set == "train" ? (context.Prepared.TrainX, context.Prepared.TrainY) : (context.Prepared.TestX, context.Prepared.TestY);
                UnitNumbers numbers = UnitInspector.Inspect(context.Model, x.Row(sample).ToArray(), y.Row(sample).ToArray(), layer, unit, rows.FeatureNames, session.LastUpdate());
                return new
                {
                    epoch = session.Epochs,
                    step = session.Steps,
                    sample = new
                    {
                        set,
                        index = sample,
                        features = rows.FeatureNames.Select((name, i) => new { name, value = rows.Features[sample, i] }),
                        label = rows.Task == TaskKind.Classification ? rows.ClassNames![rows.Labels![sample]] : rows.Targets![sample].ToString("G6", CultureInfo.InvariantCulture),
                    },
                    numbers,
                    sources = numbers.Sources.Select(s => new { s.Label, s.File, s.Line, url = $"/source/{s.File}#L{s.Line}" }),
                };
            });
            return Results.Json(result, Json);
        }
        catch (ObjectDisposedException)
        {
            return ApiError.NoSession();
        }
        catch (Exception exception) when (exception is ArgumentOutOfRangeException or InvalidOperationException)
        {
            return ApiError.Of(StatusCodes.Status400BadRequest, exception is ArgumentOutOfRangeException range ? range.Message.Split(" (Parameter")[0] : exception.Message);
        }
    }

    private static async Task<IResult> Download(SessionStore sessions, string id, bool onnx)
    {
        if (sessions.Find(id) is not { } session)
        {
            return ApiError.NoSession();
        }

        try
        {
            byte[] bytes = await session.Invoke(context => context is null
                ? throw new InvalidOperationException("The run did not start, so there is no model to download.")
                : onnx
                    ? ModelExport.Onnx(context.Model, context.Data, context.Prepared, context.Setup, session.Epochs)
                    : ModelExport.ModelJson(context.Model, context.Data, context.Prepared, context.Setup, session.Epochs));
            string name = $"perceptron-{UploadReader.SafeName(session.Setup.Data == "csv" ? session.Upload?.Source : session.Setup.Data).Replace(".csv", "", StringComparison.Ordinal)}";
            return onnx
                ? Results.File(bytes, "application/octet-stream", name + ".onnx")
                : Results.File(bytes, "application/json", name + ".json");
        }
        catch (ObjectDisposedException)
        {
            return ApiError.NoSession();
        }
        catch (InvalidOperationException exception)
        {
            return ApiError.Of(StatusCodes.Status409Conflict, exception.Message);
        }
    }

    private static async Task<(PlaygroundSetup? Setup, IResult? Error)> ReadSetupAsync(HttpRequest request)
    {
        PlaygroundSetup? setup;
        try
        {
            setup = request.ContentLength is 0 or null && !request.Headers.ContentType.Any()
                ? new PlaygroundSetup()
                : await JsonSerializer.DeserializeAsync<PlaygroundSetup>(request.Body, Json, request.HttpContext.RequestAborted) ?? new PlaygroundSetup();
        }
        catch (JsonException exception)
        {
            string where = exception.Path is { Length: > 1 } path ? $" at {path}" : "";
            return (null, ApiError.Of(StatusCodes.Status400BadRequest, $"The setup is not valid{where}: expected the page's JSON setup."));
        }

        return setup.Problems() is string problem
            ? (null, ApiError.Of(StatusCodes.Status400BadRequest, "Setup: " + problem))
            : (setup, null);
    }
}
