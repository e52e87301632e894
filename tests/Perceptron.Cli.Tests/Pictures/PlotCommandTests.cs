using Perceptron.Cli.Pictures;
using SkiaSharp;

namespace Perceptron.Cli.Tests.Pictures;

/// <summary><c>perceptron plot</c> draws the lessons' pictures for any saved model, and refuses what it cannot draw in one line.</summary>
public class PlotCommandTests
{
    [Fact]
    public void EveryKind_IsDrawnForASavedModel()
    {
        using var folder = new TempFolder();
        string classifier = folder.File("moons.json"), regressor = folder.File("sum.json");
        Assert.Equal(0, CliRunner.Run("train", "moons", "--layers", "6", "--epochs", "5", "--seed", "1", "--out", classifier).ExitCode);
        Assert.Equal(0, CliRunner.Run("train", "sum", "--layers", "6", "--epochs", "5", "--seed", "1", "--out", regressor).ExitCode);

        foreach (var (kind, model, data, file) in new[]
        {
            ("boundary", classifier, "moons", "boundary.png"), ("boundary", regressor, "sum", "values.svg"), ("units", classifier, "moons", "units.png"),
            ("network", classifier, null, "network.png"), ("network", regressor, null, "network.svg"), ("paths", regressor, "sum", "paths.png"),
        })
        {
            string path = folder.File(file);
            string[] args = data is null ? ["plot", kind, model, "--out", path, "--width", "640", "--height", "480"] : ["plot", kind, model, data, "--out", path, "--width", "640", "--height", "480"];
            var result = CliRunner.Run(args);
            Assert.True(result.ExitCode == 0, $"plot {kind}: {result.Error}");
            Assert.Contains(path, result.Output.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
            if (file.EndsWith(".svg", StringComparison.Ordinal))
            {
                Assert.Contains("<svg", File.ReadAllText(path), StringComparison.Ordinal);
                continue;
            }

            using var bitmap = SKBitmap.Decode(path);
            Assert.Equal(640, bitmap.Width);
            Assert.True(bitmap.Pixels.Distinct().Count() > 50, $"plot {kind} looks blank");
        }

        var withSample = CliRunner.Run("plot", "network", classifier, "--sample", "0.5,-0.25", "--out", folder.File("sample.png"), "--width", "640", "--height", "480");
        Assert.True(withSample.ExitCode == 0, withSample.Error);
        Assert.NotEqual(File.ReadAllBytes(folder.File("network.png")).Length, File.ReadAllBytes(folder.File("sample.png")).Length);
    }

    [Fact]
    public void HistogramsGraphAndDeltas_AreDrawnForASavedModel()
    {
        using var folder = new TempFolder();
        string classifier = folder.File("moons.json"), regressor = folder.File("sum.json");
        Assert.Equal(0, CliRunner.Run("train", "moons", "--layers", "4", "--epochs", "3", "--seed", "1", "--out", classifier).ExitCode);
        Assert.Equal(0, CliRunner.Run("train", "sum", "--layers", "3", "--epochs", "3", "--seed", "1", "--out", regressor).ExitCode);
        string yes = Perceptron.Tabular.TabularModel.Load(classifier).ClassNames[1];

        foreach (var (args, file, minimumWidth) in new (string[] Args, string File, int Width)[]
        {
            (["histograms", regressor, "sum"], "sum-histograms.png", 2 * HistogramsPicture.PanelWidth),
            (["histograms", classifier, "moons"], "moons-histograms.png", 2 * HistogramsPicture.PanelWidth),
            (["graph", regressor, "--sample", "0.45,0.45", "--target", "0.9"], "sum-graph.png", 900),
            (["graph", classifier, "--sample", "0.5,-0.25", "--target", yes], "moons-graph.png", 900),
            (["network", classifier, "--sample", "0.5,-0.25", "--target", yes], "moons-network.png", 640),
            (["network", classifier, "--sample", "0.5,-0.25"], "moons-network-no-target.png", 640),
        })
        {
            string path = folder.File(file);
            var result = CliRunner.Run(["plot", .. args, "--out", path, "--width", "640", "--height", "480"]);
            Assert.True(result.ExitCode == 0, $"plot {args[0]}: {result.Error}");
            using var bitmap = SKBitmap.Decode(path);
            Assert.True(bitmap.Width >= minimumWidth, $"{file} is {bitmap.Width} pixels wide");
            Assert.True(bitmap.Pixels.Distinct().Count() > 50, $"{file} looks blank");
        }

        // The δ are written on the units only with a target.
        Assert.NotEqual(File.ReadAllBytes(folder.File("moons-network.png")), File.ReadAllBytes(folder.File("moons-network-no-target.png")));
        string svg = folder.File("sum-graph.svg");
        Assert.Equal(0, CliRunner.Run("plot", "graph", regressor, "--sample", "0.45,0.45", "--target", "0.9", "--out", svg).ExitCode);
        Assert.Contains("W2[3,1]", File.ReadAllText(svg), StringComparison.Ordinal);
    }

    [Fact]
    public void Graph_OfTooLargeANetwork_IsRefusedNamingTheLimitAndTheSize()
    {
        using var folder = new TempFolder();
        string model = folder.File("sum.json");
        Assert.Equal(0, CliRunner.Run("train", "sum", "--layers", "16", "--epochs", "1", "--seed", "1", "--out", model).ExitCode);

        var result = CliRunner.Run("plot", "graph", model, "--sample", "0.45,0.45", "--target", "0.9", "--out", folder.File("graph.png"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"at most {ComputationGraph.MaxParameters}; sum.json (2-16-1) has 65", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.False(File.Exists(folder.File("graph.png")));

        var badTarget = CliRunner.Run("plot", "network", model, "--sample", "0.45,0.45", "--target", "much", "--out", folder.File("graph.png"));
        Assert.Equal(2, badTarget.ExitCode);
        Assert.Contains("--target expects a number such as 0.9", badTarget.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, "KIND must be one of boundary, units, network, paths, histograms, graph", "plot", "heatmap", "MODEL", "--out", "x.png")]
    [InlineData(2, "--target goes with --sample", "plot", "network", "MODEL", "--target", "1", "--out", "x.png")]
    [InlineData(2, "give --sample and --target", "plot", "graph", "MODEL", "--sample", "1,2", "--out", "x.png")]
    [InlineData(2, "is not one of the model's classes", "plot", "network", "MODEL", "--sample", "1,2", "--target", "purple", "--out", "x.png")]
    [InlineData(2, "give DATA", "plot", "histograms", "MODEL", "--out", "x.png")]
    [InlineData(2, "PNG only", "plot", "histograms", "MODEL", "moons", "--out", "x.svg")]
    [InlineData(2, "--out", "plot", "network", "MODEL")]
    [InlineData(2, ".png or .svg", "plot", "network", "MODEL", "--out", "x.jpg")]
    [InlineData(2, "give DATA", "plot", "boundary", "MODEL", "--out", "x.png")]
    [InlineData(1, "regression", "plot", "paths", "MODEL", "moons", "--out", "x.png")]
    [InlineData(1, "has 4 feature columns", "plot", "boundary", "MODEL", "iris", "--out", "x.png")]
    [InlineData(2, "--sample has 3 values", "plot", "network", "MODEL", "--sample", "1,2,3", "--out", "x.png")]
    [InlineData(2, "'a' is not one", "plot", "network", "MODEL", "--sample", "1,a", "--out", "x.png")]
    public void WhatCannotBeDrawn_IsRefusedInOneLine(int exitCode, string says, params string[] args)
    {
        using var folder = new TempFolder();
        string model = folder.File("moons.json");
        Assert.Equal(0, CliRunner.Run("train", "moons", "--layers", "4", "--epochs", "2", "--seed", "1", "--out", model).ExitCode);
        string[] resolved = [.. args.Select(a => a == "MODEL" ? model : a.StartsWith("x.", StringComparison.Ordinal) ? folder.File(a) : a)];

        var result = CliRunner.Run(resolved);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(says, result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.False(File.Exists(folder.File("x.png")));
        Assert.False(File.Exists(folder.File("x.svg")));
    }
}
