using System.CommandLine;
using System.CommandLine.Parsing;

namespace Perceptron.Cli;

/// <summary>Turns what the parser rejected into the one line the user sees: what was wrong, a "did you mean" for a typo,
/// and where the usage is.</summary>
internal static class UsageErrors
{
    public static string Describe(ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        Command command = parsed.CommandResult.Command;
        string path = CommandPath(parsed.CommandResult);
        string help = $"(see '{path} --help')";

        if (parsed.UnmatchedTokens.Count > 0)
        {
            string token = parsed.UnmatchedTokens[0];
            if (token.StartsWith('-'))
            {
                string[] names = [.. AllOptions(parsed.CommandResult).SelectMany(option => option.Aliases.Append(option.Name)).Where(name => name.StartsWith("--", StringComparison.Ordinal))];
                return $"{path}: unknown option '{token}'{Hint(token, names)} {help}";
            }

            if (command.Subcommands.Count > 0)
            {
                return $"{path}: unknown command '{token}'{Hint(token, command.Subcommands.Select(sub => sub.Name))} {help}";
            }

            return $"{path}: unexpected argument '{token}'; {command.Name} takes {Arguments(command)} {help}";
        }

        foreach (var argument in command.Arguments)
        {
            if (argument.Arity.MinimumNumberOfValues > 0 && parsed.GetResult(argument) is not { Tokens.Count: > 0 })
            {
                return $"{path}: {argument.Name} is missing; give {Arguments(command)} {help}";
            }
        }

        ParseError error = parsed.Errors[0];
        if (error.SymbolResult is OptionResult { Tokens.Count: 0 } option)
        {
            return $"{path}: {option.Option.Name} needs a value {help}";
        }

        if (command.Subcommands.Count > 0 && parsed.CommandResult.Parent is null)
        {
            return $"{path}: give a command: {string.Join(", ", command.Subcommands.Where(sub => !sub.Hidden).Select(sub => sub.Name))} {help}";
        }

        return $"{path}: {error.Message.TrimEnd('.')} {help}";
    }

    private static string Hint(string typed, IEnumerable<string> known) =>
        Suggestions.Closest(typed, known) is string suggestion ? $"; did you mean '{suggestion}'?" : ";";

    private static string Arguments(Command command) => command.Arguments.Count == 0
        ? "no arguments"
        : string.Join(" ", command.Arguments.Select(argument => argument.Name));

    /// <summary>The command's options and the recursive ones of its parents (--help).</summary>
    private static IEnumerable<Option> AllOptions(CommandResult result)
    {
        foreach (var option in result.Command.Options)
        {
            yield return option;
        }

        for (SymbolResult? parent = result.Parent; parent is CommandResult command; parent = command.Parent)
        {
            foreach (var option in command.Command.Options.Where(option => option.Recursive))
            {
                yield return option;
            }
        }
    }

    /// <summary>"perceptron train": the command names from the root down.</summary>
    public static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? at = result; at is CommandResult command; at = command.Parent)
        {
            names.Insert(0, command.Command.Name);
        }

        return string.Join(' ', names);
    }
}
