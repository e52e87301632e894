using System.Globalization;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Perceptron.Losses;
using Perceptron.Playground.Data;
using Perceptron.Playground.Tests.Support;
using Perceptron.Tensors;

namespace Perceptron.Playground.Tests.Browser;

/// <summary>The page in real headless Chromium, driven as a person would, checked against the engine.</summary>
[Collection(nameof(BrowserCollection))]
public class CirclesPageTests(CirclesRun run, ITestOutputHelper output) : IClassFixture<CirclesRun>
{
    [Fact]
    public void Circles_OneHiddenLayerOfFourTanhUnits_ReachesTestLossBelow005()
    {
        output.WriteLine($"play → finished at epoch {run.Shown.Epoch}: {run.PlayToFinished.TotalSeconds:0.0} s wall time, test loss {run.Shown.TestLoss:0.0000}");
        Assert.Equal(CirclesRun.Epochs, run.Shown.Epoch);
        Assert.True(run.Shown.TestLoss < 0.05, $"test loss {run.Shown.TestLoss} at epoch {run.Shown.Epoch}");

        // The page's number is the downloaded model's loss on the test rows.
        var data = SessionData.FromPlane(CirclesRun.Setup);
        Matrix<float> p = run.Model.Predict(data.Test.Features);
        double loss = Enumerable.Range(0, data.Test.Rows).Average(r => -Math.Log(Math.Max(p[r, data.Test.Labels![r]], 1e-12)));
        Assert.Equal(loss, run.Shown.TestLoss, 5);
    }

    [Fact]
    public async Task DecisionBoundary_MatchesTheServerModelsPredictions_AtSampledPixels()
    {
        const int Grid = 64, Canvas = 320, Every = 3;
        var centres = new List<(int Px, int Py, double X1, double X2)>();
        for (int j = 0; j < Grid; j += Every)
        {
            for (int i = 0; i < Grid; i += Every)
            {
                // The centre of an output cell: there the smooth scaling shows exactly that cell's colour.
                centres.Add((i * Canvas / Grid + 2, j * Canvas / Grid + 2, -6 + (i + 0.5) / Grid * 12, 6 - (j + 0.5) / Grid * 12));
            }
        }

        int[][] pixels = await run.Page.EvaluateAsync<int[][]>(
            "points => { const c = document.getElementById('boundary').getContext('2d'); return points.map(([x, y]) => Array.from(c.getImageData(x, y, 1, 1).data.slice(0, 3))); }",
            centres.Select(c => new[] { c.Px, c.Py }).ToArray());
        var features = new Matrix<float>(centres.Count, 2);
        for (int k = 0; k < centres.Count; k++)
        {
            features[k, 0] = (float)centres[k].X1;
            features[k, 1] = (float)centres[k].X2;
        }

        Matrix<float> probabilities = run.Model.Predict(features);
        int blue = 0;
        for (int k = 0; k < centres.Count; k++)
        {
            int[] expected = PlaygroundColours.Of(2 * probabilities[k, 1] - 1);
            blue += probabilities[k, 1] > 0.5 ? 1 : 0;
            Assert.True(expected.Zip(pixels[k]).All(pair => Math.Abs(pair.First - pair.Second) <= 3),
                $"pixel ({centres[k].Px}, {centres[k].Py}) at ({centres[k].X1:0.00}, {centres[k].X2:0.00}): page rgb({string.Join(", ", pixels[k])}), model p(+1) = {probabilities[k, 1]:0.000} → rgb({string.Join(", ", expected)})");
        }

        Assert.InRange(blue, centres.Count / 10, centres.Count / 2); // the inner disc, not a blank picture
    }

    [Fact]
    public async Task DiscretizeOutput_PaintsOnlyThePredictedClass_AndUncheckingRestoresTheShades()
    {
        const int Grid = 64, Canvas = 320, Every = 4;
        var centres = new List<(int Px, int Py, float X1, float X2)>();
        for (int j = 0; j < Grid; j += Every)
        {
            for (int i = 0; i < Grid; i += Every)
            {
                centres.Add((i * Canvas / Grid + 2, j * Canvas / Grid + 2, (float)(-6 + (i + 0.5) / Grid * 12), (float)(6 - (j + 0.5) / Grid * 12)));
            }
        }

        var features = new Matrix<float>(centres.Count, 2);
        for (int k = 0; k < centres.Count; k++)
        {
            features[k, 0] = centres[k].X1;
            features[k, 1] = centres[k].X2;
        }

        Matrix<float> probabilities = run.Model.Predict(features);
        const string ReadPixels = "points => { const c = document.getElementById('boundary').getContext('2d'); return points.map(([x, y]) => Array.from(c.getImageData(x, y, 1, 1).data.slice(0, 3))); }";
        int[][] points = centres.Select(c => new[] { c.Px, c.Py }).ToArray();

        await run.Page.CheckAsync("#discretize");
        try
        {
            int[][] pixels = await run.Page.EvaluateAsync<int[][]>(ReadPixels, points);
            int[] blue = PlaygroundColours.Of(1), orange = PlaygroundColours.Of(-1);
            int blueCount = 0;
            for (int k = 0; k < centres.Count; k++)
            {
                float p = probabilities[k, 1];
                if (Math.Abs(p - 0.5f) < 1e-3f)
                {
                    continue; // on the boundary itself float32 rounding decides the side
                }

                int[] expected = p > 0.5f ? blue : orange;
                blueCount += p > 0.5f ? 1 : 0;
                Assert.True(expected.Zip(pixels[k]).All(pair => Math.Abs(pair.First - pair.Second) <= 3),
                    $"pixel ({centres[k].Px}, {centres[k].Py}): page rgb({string.Join(", ", pixels[k])}), model p(+1) = {p:0.000} → rgb({string.Join(", ", expected)})");
            }

            Assert.InRange(blueCount, centres.Count / 10, centres.Count / 2);
        }
        finally
        {
            await run.Page.UncheckAsync("#discretize");
        }

        // Unchecked, the picture shades p(+1) again (the other tests read it too).
        int[][] shaded = await run.Page.EvaluateAsync<int[][]>(ReadPixels, points);
        for (int k = 0; k < centres.Count; k++)
        {
            int[] expected = PlaygroundColours.Of(2 * probabilities[k, 1] - 1);
            Assert.True(expected.Zip(shaded[k]).All(pair => Math.Abs(pair.First - pair.Second) <= 3), $"pixel ({centres[k].Px}, {centres[k].Py}) after unchecking");
        }
    }

    [Fact]
    public async Task ClickingAUnit_ShowsTheEnginesNumbersForTheSample()
    {
        await run.Page.ClickAsync("#network .unit[data-layer='1'][data-unit='2']");
        await run.Page.SelectOptionAsync("#sampleSet", "test");
        await run.Page.FillAsync("#sampleIndex", "7");
        await run.Page.DispatchEventAsync("#sampleIndex", "change");
        await run.Page.WaitForSelectorAsync("#inspectSample:text-matches('Sample 7 of the test set')");

        var rows = SessionData.FromPlane(CirclesRun.Setup).Test;
        float[] x = rows.Features.Row(7).ToArray();
        float[] y = [rows.Labels![7]];
        var model = run.Model.Network;
        var (weightGradients, biasGradients, loss) = EngineReference.Gradients(model, x, y, new SparseCategoricalCrossEntropy());
        await Shows("#inspect-h", EngineReference.LayerOutput(model, x, 1, preActivation: true)[2]);
        await Shows("#inspect-a", EngineReference.LayerOutput(model, x, 1, preActivation: false)[2]);
        await Shows("#inspect-delta", biasGradients[0][2]);
        await Shows("#inspect-loss", loss);
        for (int i = 0; i < 2; i++)
        {
            await Shows($"#inspectParams tbody tr:nth-child({i + 1}) td.gradient", weightGradients[0][i * 4 + 2]);
            await Shows($"#inspectParams tbody tr:nth-child({i + 1}) td.value", model.Layers.OfType<Layers.Dense<float>>().First().Weights[i * 4 + 2]);
        }

        await Shows("#inspectParams tbody tr:nth-child(3) td.gradient", biasGradients[0][2]);
        Assert.True(await run.Page.Locator(".sources a").CountAsync() >= 8);
        string href = await run.Page.Locator(".sources a").First.GetAttributeAsync("href") ?? "";
        Assert.Matches("^/source/Dense\\.cs#L[0-9]+$", href);
    }

    [Fact]
    public async Task TheDownloadedModel_LoadsInPerceptronPredict()
    {
        string points = run.Folder.File("points.csv");
        File.WriteAllText(points, "x1,x2\n0,0\n0.5,-1\n5,0\n-4,-3\n");
        var (exitCode, text, error) = CliRunner.Run("predict", run.ModelPath, points);
        Assert.True(exitCode == 0, error);
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("class,p_-1,p_1", lines[0]);
        Assert.Equal(["1", "1", "-1", "-1"], lines.Skip(1).Select(line => line.Split(',')[0]));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task TheOnnxDownload_RunsInOnnxRuntime_AndAgreesWithTheModel()
    {
        var download = await run.Page.RunAndWaitForDownloadAsync(() => run.Page.ClickAsync("#downloadOnnx"));
        string path = run.Folder.File("model.onnx");
        await download.SaveAsAsync(path);
        using var session = new InferenceSession(path);
        float[] input = [0, 0, 0.5f, -1, 5, 0, -4, -3];
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("input", new DenseTensor<float>(input, [4, 2]))]);
        float[] onnx = [.. results.First().AsEnumerable<float>()];
        Matrix<float> expected = run.Model.Predict(new Matrix<float>(4, 2, input));
        for (int i = 0; i < onnx.Length; i++)
        {
            Assert.Equal(expected.Data[i], onnx[i], 5);
        }
    }

    private async Task Shows(string selector, double expected)
    {
        var element = run.Page.Locator(selector);
        double exact = double.Parse(await element.GetAttributeAsync("data-value") ?? "NaN", CultureInfo.InvariantCulture);
        double shown = double.Parse(await element.TextContentAsync() ?? "NaN", CultureInfo.InvariantCulture);
        double scale = Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(exact - expected) <= 1e-5 * scale, $"{selector}: page {exact:R}, engine {expected:R}");
        Assert.True(Math.Abs(shown - expected) <= 1e-5 * scale + Math.Abs(expected) * 1e-5, $"{selector}: shown '{shown}', engine {expected:R}");
    }
}
