using Perceptron.Cli;

return CliApp.Run(args);
