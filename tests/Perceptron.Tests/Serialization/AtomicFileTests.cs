using System.Diagnostics;
using Perceptron.Serialization;
using Perceptron.Tabular;

namespace Perceptron.Tests.Serialization;

/// <summary>Crash safety: a process killed while saving leaves the previous file intact, and its temporary file is
/// removed by the next save. The child is tests/Perceptron.CrashHelper.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("perceptron-atomic-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Target => Path.Combine(_folder, "model.json");

    [Fact]
    public void Write_KilledAfterWritingHalfTheFile_LeavesThePreviousFileAndTheNextSaveRemovesTheLeftover()
    {
        TabularModel previous = ModelFiles.Classifier();
        previous.Save(Target);
        byte[] before = File.ReadAllBytes(Target);

        // The child stops inside AtomicFile.Write with half the new content written: a deterministic "crash point".
        using (var child = StartHelper("pause"))
        {
            Assert.Equal("paused", ReadLine(child));
            string temporary = Assert.Single(TemporaryFiles());
            Assert.StartsWith($".model.json.{child.Id}@", Path.GetFileName(temporary), StringComparison.Ordinal);
            Assert.True(new FileInfo(temporary).Length > 0);
            Kill(child);
        }

        // The target is the old file, byte for byte, and loads; the dead writer's temporary file is not at the target path.
        Assert.Equal(before, File.ReadAllBytes(Target));
        Assert.Equal(previous.Network.Parameters.ToArray(), TabularModel.Load(Target).Network.Parameters.ToArray());
        Assert.Single(TemporaryFiles());

        // The next save of that file removes the leftover of the dead process.
        previous.Save(Target);
        Assert.Empty(TemporaryFiles());
        Assert.Equal(["model.json"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public void Save_KilledAtRandomMoments_AlwaysLeavesAWholeModelFile()
    {
        var random = new Random(5);
        string[] references = [Path.Combine(_folder, "a.json"), Path.Combine(_folder, "b.json")];
        for (int round = 0; round < 4; round++)
        {
            using var child = StartHelper("loop");
            Assert.Equal("ready", ReadLine(child));
            Thread.Sleep(random.Next(20, 200)); // any moment will do: the file must be whole after every one
            Kill(child);

            byte[] content = File.ReadAllBytes(Target);
            Assert.Contains(references, reference => File.ReadAllBytes(reference).AsSpan().SequenceEqual(content));
            TabularModel.Load(Target);
        }

        TabularModel.Load(references[0]).Save(Target);
        Assert.Empty(TemporaryFiles());
    }

    [Fact]
    public void Write_FailingWriter_KeepsThePreviousFileAndRemovesItsTemporaryFile()
    {
        File.WriteAllText(Target, "old");

        Assert.Throws<InvalidDataException>(() => AtomicFile.Write(Target, stream =>
        {
            stream.Write("new, but then"u8);
            throw new InvalidDataException("the writer failed");
        }));

        Assert.Equal("old", File.ReadAllText(Target));
        Assert.Empty(TemporaryFiles());
    }

    /// <summary>Durable against a power cut: the file is flushed, renamed, then its folder flushed (where the platform can).</summary>
    [Fact]
    public void Write_FlushesTheFile_Renames_ThenFlushesTheFolder()
    {
        var steps = new System.Collections.Concurrent.ConcurrentQueue<(string Step, string Path)>();
        void Record(string step, string path)
        {
            if (path.StartsWith(_folder, StringComparison.Ordinal))
            {
                steps.Enqueue((step, path)); // other tests save files at the same time, elsewhere
            }
        }

        AtomicFile.StepDone += Record;
        try
        {
            AtomicFile.WriteText(Target, writer => writer.Write("new"));
        }
        finally
        {
            AtomicFile.StepDone -= Record;
        }

        Assert.Equal(["file flushed", "renamed", OperatingSystem.IsWindows() ? "folder not flushed" : "folder flushed"], steps.Select(s => s.Step));
        Assert.StartsWith(Path.Combine(_folder, ".model.json."), steps.First().Path, StringComparison.Ordinal);
        Assert.Equal([Target, _folder], steps.Skip(1).Select(s => s.Path));
    }

    [Fact]
    public void FolderSync_Flush_FlushesAFolder_AndRefusesAMissingOne()
    {
        Assert.Equal(!OperatingSystem.IsWindows(), FolderSync.Flush(_folder));
        Assert.False(FolderSync.Flush(Path.Combine(_folder, "missing")));
    }

    [Fact]
    public void Write_IntoAMissingFolderOrOntoAFolder_SaysSo()
    {
        string missing = Path.Combine(_folder, "nope", "model.json");
        var e = Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.WriteText(missing, w => w.Write("x")));
        Assert.Contains("the folder", e.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);

        Assert.Contains("it is a folder", Assert.Throws<IOException>(() => AtomicFile.WriteText(_folder, w => w.Write("x"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RemoveLeftovers_KeepsFilesOfRunningProcessesAndOtherMachines()
    {
        // Process 1 (init) is always running; another machine's process ids mean nothing here; this process may be mid-write.
        string[] kept =
        [
            $".model.json.1@{AtomicFile.Host}.{Guid.NewGuid():N}.tmp",
            $".model.json.{int.MaxValue}@other-host.{Guid.NewGuid():N}.tmp",
            $".model.json.{Environment.ProcessId}@{AtomicFile.Host}.{Guid.NewGuid():N}.tmp",
            $".other.json.{int.MaxValue}@{AtomicFile.Host}.{Guid.NewGuid():N}.tmp",
        ];
        string removed = $".model.json.{int.MaxValue}@{AtomicFile.Host}.{Guid.NewGuid():N}.tmp";
        foreach (string name in (string[])[.. kept, removed])
        {
            File.WriteAllText(Path.Combine(_folder, name), "partial");
        }

        AtomicFile.RemoveLeftovers(_folder, "model.json");

        Assert.Equal(kept.Order(StringComparer.Ordinal), Directory.GetFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    private string[] TemporaryFiles() => Directory.GetFiles(_folder, ".model.json.*.tmp");

    private Process StartHelper(string mode)
    {
        string configuration = Path.GetFileName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        string helper = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "Perceptron.CrashHelper", configuration, "Perceptron.CrashHelper.dll"));
        Assert.True(File.Exists(helper), $"The helper is not built: {helper}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(helper);
        start.ArgumentList.Add(mode);
        start.ArgumentList.Add(Target);
        return Process.Start(start)!;
    }

    /// <summary>The child's next output line. A child that dies ends its output (null: its exit code and errors are
    /// returned instead); one that hangs before reporting is killed after a bound far above any start-up time on a
    /// busy machine (a second or two), so the test fails with a message instead of waiting for the run's hang guard.</summary>
    private static string? ReadLine(Process child)
    {
        var line = child.StandardOutput.ReadLineAsync();
        if (!line.Wait(TimeSpan.FromMinutes(2)))
        {
            Kill(child);
            throw new TimeoutException("The helper did not report within 2 minutes.");
        }

        return line.Result ?? $"(exited {child.ExitCode}: {child.StandardError.ReadToEnd()})";
    }

    private static void Kill(Process child)
    {
        child.Kill(entireProcessTree: true);
        child.WaitForExit();
    }
}
