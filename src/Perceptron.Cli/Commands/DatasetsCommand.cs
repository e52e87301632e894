using System.CommandLine;
using Perceptron.Data;
using Spectre.Console;

namespace Perceptron.Cli.Commands;

/// <summary><c>perceptron datasets</c>: the built-in data sets usable as DATA.</summary>
internal static class DatasetsCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var command = new Command("datasets", "List the built-in data sets, usable wherever DATA is expected (e.g. 'perceptron train iris').");
        command.SetAction(_ =>
        {
            var table = new Table().AddColumn("name").AddColumn("description");
            foreach (string name in BuiltInDatasets.Names)
            {
                table.AddRow(name, Markup.Escape(BuiltInDatasets.Describe(name)));
            }

            console.Write(table);
            return CliApp.Ok;
        });
        return command;
    }
}
