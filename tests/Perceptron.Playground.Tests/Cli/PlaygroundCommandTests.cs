using Perceptron.Playground.Tests.Support;

namespace Perceptron.Playground.Tests.Cli;

/// <summary><c>perceptron playground</c>: its options are checked, and a taken port is one clear line, not a crash.</summary>
public class PlaygroundCommandTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("--host", "my-computer", "perceptron: --host must be an IP address such as 127.0.0.1 or 0.0.0.0; got 'my-computer'.")]
    [InlineData("--port", "70000", "perceptron: --port must be 0..65535; got 70000.")]
    [InlineData("--port", "-1", "perceptron playground: --port must be at least 0; got -1")]
    public void BadOptions_AreUsageErrors(string option, string value, string message)
    {
        var (exitCode, _, error) = CliRunner.Run("playground", option, value);
        Assert.Equal(2, exitCode);
        Assert.StartsWith(message, error);
    }

    [Fact]
    public void ATakenPort_IsOneLine_AndExitCode1()
    {
        var (exitCode, _, error) = CliRunner.Run("playground", "--port", server.Host.Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1, exitCode);
        Assert.StartsWith($"perceptron: Cannot listen on 127.0.0.1 at port {server.Host.Url.Port}: ", error);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
