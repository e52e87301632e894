using Spectre.Console;

namespace Perceptron.Cli;

/// <summary>The progress display every long command uses: description, bar, percentage, elapsed and remaining time.</summary>
internal static class ProgressBars
{
    /// <summary>Runs <paramref name="work"/> with a live display (drawn only on a terminal; elsewhere nothing is printed).</summary>
    public static void Run(IAnsiConsole console, Action<ProgressContext> work) =>
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(work);
}
