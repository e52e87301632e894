using System.CommandLine;
using System.Globalization;
using Perceptron.Cli.Lessons;
using Spectre.Console;

namespace Perceptron.Cli.Commands;

/// <summary>
/// <c>perceptron lesson [N]</c>: lists the lessons, or runs one: the network before and after one fix, trained with the
/// same seed and data on the sum task and on a real data set, side by side, with pictures.
/// </summary>
internal static class LessonCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var number = new Argument<int?>("N") { Description = "The lesson to run; omit it to list the lessons.", Arity = ArgumentArity.ZeroOrOne };
        var seed = Options.Int("--seed", "Seed for the data, the initial weights, the shuffles and dropout.", 1, minimum: int.MinValue);
        var output = new Option<string?>("--out") { Description = "Folder to write the lesson's pictures (PNG; on 2-D data also the training as frames and a GIF) and the trained networks (model files) into." };
        var command = new Command("lesson", "Learn by changing one thing: each lesson trains a network before and after one fix and shows what it bought.")
        {
            number, seed, output,
        };
        command.SetAction(parsed => parsed.GetValue(number) is int n
            ? Run(console, n, parsed.GetValue(seed), parsed.GetValue(output))
            : List(console));
        return command;
    }

    private static int List(IAnsiConsole console)
    {
        var table = new Table().AddColumns("lesson", "title", "the fix", "page");
        foreach (Lesson lesson in LessonCatalog.All)
        {
            table.AddRow(lesson.Number.ToString(CultureInfo.InvariantCulture), Markup.Escape(lesson.Title), Markup.Escape(lesson.Fix), Markup.Escape(lesson.Page));
        }

        console.Write(table);
        console.WriteLine("Run one with 'perceptron lesson N [--seed S] [--out DIR]'. Lesson 1 starts from the original network: no biases, sigmoid everywhere, weights uniform in [0, 1), one sample at a time, MSE.");
        return CliApp.Ok;
    }

    private static int Run(IAnsiConsole console, int number, int seed, string? output)
    {
        Lesson lesson = LessonCatalog.Find(number)
            ?? throw new UserException($"There is no lesson {number}; the lessons are 1 to {LessonCatalog.All.Count} ('perceptron lesson' lists them).", CliApp.Usage);
        if (output is not null && File.Exists(output))
        {
            throw new UserException($"--out '{output}' is a file; give a folder (it is created if missing).", CliApp.Usage);
        }

        console.MarkupLineInterpolated($"[bold]Lesson {lesson.Number}: {lesson.Title}[/]");
        LessonResult result = null!;
        console.Status().Start("training", context => result = LessonRunner.Run(lesson, seed, step => context.Status($"training {step}")));
        console.MarkupLineInterpolated($"[grey]before:[/] {result.Before}");
        console.MarkupLineInterpolated($"[grey]after:[/]  the same, but {lesson.Fix}");
        foreach (TaskResult task in result.Tasks)
        {
            console.WriteLine();
            console.MarkupLineInterpolated($"[bold]{(task.Key == "sum" ? "Sum task" : "Real data")}[/]: {task.Data.Description}; network {task.Shape}, {task.Data.Train.Rows} training rows, {task.Data.Test.Rows} test rows, {task.Task.Epochs} epochs, seed {seed}");
            var table = new Table().AddColumn("");
            foreach (string heading in LessonTable.Headings(lesson, task))
            {
                table.AddColumn(new TableColumn(Markup.Escape(heading)).RightAligned());
            }

            foreach (LessonRow row in LessonTable.Rows(lesson, task))
            {
                table.AddRow([Markup.Escape(row.Label), .. row.Values.Select(Markup.Escape)]);
            }

            console.Write(table);
        }

        console.WriteLine();
        console.MarkupLineInterpolated($"[bold]What changed:[/] {lesson.WhatChanged(result)}");
        console.MarkupLineInterpolated($"[grey]Read:[/] {lesson.Page}   [grey]Code:[/] {lesson.Code} ({lesson.Code.Code})");
        if (output is not null)
        {
            string folder = Path.Combine(output, lesson.Number.ToString("00", CultureInfo.InvariantCulture));
            Directory.CreateDirectory(folder);
            foreach (string picture in lesson.WritePictures(result, folder))
            {
                console.MarkupLineInterpolated($"[grey]wrote[/] {picture}");
            }
        }

        return CliApp.Ok;
    }
}
