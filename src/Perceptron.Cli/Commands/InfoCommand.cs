using System.CommandLine;
using System.Globalization;
using Perceptron.Data;
using Perceptron.Serialization;
using Perceptron.Tabular;
using Spectre.Console;

namespace Perceptron.Cli.Commands;

/// <summary><c>perceptron info MODEL</c>: what a model file holds.</summary>
internal static class InfoCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var model = new Argument<string>("MODEL") { Description = "A model file saved by 'perceptron train --out'." };
        var command = new Command("info", "Show a saved model: its layers and parameter counts, preprocessing, classes and training facts.") { model };
        command.SetAction(parsed => Run(console, parsed.GetValue(model)!));
        return command;
    }

    private static int Run(IAnsiConsole console, string path)
    {
        TabularModel file = TabularModel.Load(path);
        console.MarkupLineInterpolated($"[bold]{Path.GetFileName(path)}[/]: {(file.Task is TaskKind task ? task.ToString().ToLowerInvariant() : "network")}");
        string summary = file.Network.Summary();
        if (file.Optimizer is not null && file.Loss is not null)
        {
            // A loaded network is not compiled (predicting needs no optimizer): the saved settings, where Summary prints a compiled model's.
            summary += $"Optimizer: {file.Optimizer}   Loss: {file.Loss}{Environment.NewLine}";
        }

        console.WriteLine(summary);

        var facts = new Table().AddColumn("").AddColumn("");
        facts.HideHeaders();
        facts.AddRow("features", Shorten(file.FeatureNames));
        if (file.TargetName is not null)
        {
            facts.AddRow("target", file.TargetName);
        }

        if (file.ClassNames.Count > 0)
        {
            facts.AddRow("classes", Shorten(file.ClassNames));
        }

        facts.AddRow("preprocessing", file.Scaler switch
        {
            StandardScaler => "standardise each feature: (x − mean) / std, fitted on the training rows",
            MinMaxScaler => "rescale each feature to [0, 1]: (x − min) / (max − min), fitted on the training rows",
            _ => "none",
        });
        if (file.TargetScaler is not null)
        {
            facts.AddRow("target scaling", string.Create(CultureInfo.InvariantCulture, $"standardised (mean {file.TargetScaler.Means[0]:G6}, std {file.TargetScaler.StandardDeviations[0]:G6}); predictions are mapped back"));
        }

        foreach (var (key, value) in file.Training?.Describe() ?? [])
        {
            facts.AddRow(Markup.Escape(key), Markup.Escape(value));
        }

        console.Write(facts);
        return CliApp.Ok;
    }

    private static string Shorten(IReadOnlyList<string> names) => Markup.Escape(names.Count <= 12
        ? string.Join(", ", names)
        : $"{string.Join(", ", names.Take(10))}, … ({names.Count} in all)");
}
