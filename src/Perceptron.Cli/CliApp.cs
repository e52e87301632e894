using System.CommandLine;
using Perceptron.Cli.Commands;
using Spectre.Console;

namespace Perceptron.Cli;

/// <summary>The perceptron command line: builds the command tree and maps outcomes to exit codes.</summary>
internal static class CliApp
{
    /// <summary>Exit code for success.</summary>
    public const int Ok = 0;

    /// <summary>Exit code for a failure while doing the work (bad data, unreadable file, ...).</summary>
    public const int Failure = 1;

    /// <summary>Exit code for a command line that cannot be understood.</summary>
    public const int Usage = 2;

    /// <summary>Parses <paramref name="args"/>, runs the chosen command and returns its exit code.</summary>
    public static int Run(string[] args, IAnsiConsole? console = null, TextWriter? error = null)
    {
        console ??= AnsiConsole.Console;
        error ??= Console.Error;

        var root = new RootCommand("Perceptron: a multilayer perceptron written from scratch in C#.")
        {
            DemoCommand.Create(console),
            TrainCommand.Create(console),
            EvaluateCommand.Create(console),
            PredictCommand.Create(console),
            InfoCommand.Create(console),
            DatasetsCommand.Create(console),
            ExportCommand.Create(console),
            PlaygroundCommand.Create(console),
            LessonCommand.Create(console),
        };

        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                error.WriteLine($"perceptron: {parseError.Message}");
            }

            error.WriteLine("Run 'perceptron --help' (or 'perceptron COMMAND --help') to see the usage.");
            return Usage;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = console.Profile.Out.Writer, Error = error });
        }
        catch (UserException exception)
        {
            // A mistake in the input, not a bug: one clear line, no stack trace.
            error.WriteLine($"perceptron: {exception.Message}");
            return exception.ExitCode;
        }
        catch (Exception exception) when (IsUserError(exception))
        {
            // Bad data, a missing file, a defective model: the message says what and where.
            error.WriteLine($"perceptron: {exception.Message}");
            return Failure;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("perceptron: cancelled.");
            return Failure;
        }
        catch (Exception exception) when (Environment.GetEnvironmentVariable("PERCEPTRON_DEBUG") is null)
        {
            // Not the user's fault: still one line, with a way to get the details.
            error.WriteLine($"perceptron: unexpected error: {exception.Message} (set PERCEPTRON_DEBUG=1 for the stack trace)");
            return Failure;
        }
    }

    /// <summary>Errors caused by the input (files, data, models, values), as opposed to bugs.</summary>
    private static bool IsUserError(Exception exception) => exception is
        Data.DataFormatException or Serialization.ModelFormatException or IOException or UnauthorizedAccessException or ArgumentException;
}
