using System.CommandLine;
using System.CommandLine.Help;
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

    /// <summary>The program's name in help and messages, whatever the executable is called (Perceptron.Cli.dll under dotnet run).</summary>
    public const string ProgramName = "perceptron";

    /// <summary>Parses <paramref name="args"/>, runs the chosen command and returns its exit code.</summary>
    public static int Run(string[] args, IAnsiConsole? console = null, TextWriter? error = null)
    {
        console ??= CliConsole.Create();
        error ??= Console.Error;

        // A plain command as the root, so help says 'perceptron' (RootCommand takes the executable's file name).
        var root = new Command(ProgramName, "Perceptron: a multilayer perceptron written from scratch in C#.")
        {
            new HelpOption(),
            new VersionOption(),
            DemoCommand.Create(console),
            TrainCommand.Create(console, error),
            CrossValidateCommand.Create(console, error),
            TuneCommand.Create(console, error),
            EvaluateCommand.Create(console, error),
            PredictCommand.Create(console, error),
            InfoCommand.Create(console),
            DatasetsCommand.Create(console),
            ExportCommand.Create(console),
            GradCheckCommand.Create(console),
            ExplainCommand.Create(console),
            PlaygroundCommand.Create(console),
            LessonCommand.Create(console),
            PlotCommand.Create(console),
        };

        // Nothing to do: show what there is to do.
        ParseResult parsed = root.Parse(args.Length == 0 ? ["--help"] : args);
        if (parsed.Errors.Count > 0)
        {
            // Every usage error, found before any data is read: one line and exit code 2.
            error.WriteLine(UsageErrors.Describe(parsed));
            return Usage;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = console.Profile.Out.Writer, Error = error });
        }
        catch (UserException exception)
        {
            // A mistake in the input, not a bug: one clear line, no stack trace.
            error.WriteLine($"{ProgramName}: {ErrorText.OneLine(exception)}");
            return exception.ExitCode;
        }
        catch (Exception exception) when (IsUserError(exception))
        {
            // Bad data, a missing file, a defective model: the message says what and where.
            error.WriteLine($"{ProgramName}: {ErrorText.OneLine(exception)}");
            return Failure;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine($"{ProgramName}: cancelled.");
            return Failure;
        }
        catch (Exception exception) when (Environment.GetEnvironmentVariable("PERCEPTRON_DEBUG") is null)
        {
            // Not the user's fault: still one line, with a way to get the details.
            error.WriteLine($"{ProgramName}: unexpected error: {ErrorText.OneLine(exception)} (set PERCEPTRON_DEBUG=1 for the stack trace)");
            return Failure;
        }
    }

    /// <summary>Errors caused by the input (files, data, models, values), as opposed to bugs.</summary>
    private static bool IsUserError(Exception exception) => exception is
        Data.DataFormatException or Serialization.ModelFormatException or IOException or UnauthorizedAccessException or ArgumentException;
}
