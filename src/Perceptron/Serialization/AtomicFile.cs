using System.Diagnostics;

namespace Perceptron.Serialization;

/// <summary>Writes files so that a crash never leaves a half-written one: temporary file, flush to disk, rename, flush the folder.</summary>
/// <remarks>
/// The temporary file sits beside the target as <c>.NAME.PID@HOST.GUID.tmp</c>. A process killed while writing leaves
/// it behind (nothing can run in a killed process); the next write of the same target removes such leftovers of
/// processes on this machine that are no longer running. See docs/reliability.md for the exact guarantees.
/// </remarks>
public static class AtomicFile
{
    /// <summary>
    /// Writes <paramref name="path"/> through <paramref name="write"/>: the content goes to a temporary file in the same
    /// folder, is flushed to disk, and then replaces the target in one rename, after which the folder is flushed where
    /// the platform allows (<see cref="FolderSync"/>). On any failure the temporary file is removed and the previous
    /// file, if any, is left as it was.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="write">Writes the whole content to the stream it is given.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="IOException">The target is a folder, or the folder cannot be written.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath) ?? ".";
        string name = Path.GetFileName(fullPath);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Cannot write '{path}': the folder '{folder}' does not exist.");
        }

        if (Directory.Exists(fullPath))
        {
            throw new IOException($"Cannot write '{path}': it is a folder; give a file name.");
        }

        RemoveLeftovers(folder, name);

        // Same folder as the target, so the final rename never crosses file systems; a dot-name so it is easy to spot.
        string temporary = Path.Combine(folder, $".{name}.{Environment.ProcessId}@{Host}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            StepDone?.Invoke("file flushed", temporary);
            File.Move(temporary, fullPath, overwrite: true);
            StepDone?.Invoke("renamed", fullPath);

            // The new name lives in the folder: flush it too, or a power cut may bring back the previous file.
            StepDone?.Invoke(FolderSync.Flush(folder) ? "folder flushed" : "folder not flushed", folder);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Writes text (UTF-8, no BOM) atomically; see <see cref="Write(string, Action{Stream})"/>.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="write">Writes the whole text.</param>
    public static void WriteText(string path, Action<TextWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
            write(writer);
        });
    }

    /// <summary>Raised after each step of a write with the step and its path: "file flushed" (the temporary file),
    /// "renamed" (the target), "folder flushed" or "folder not flushed" (the folder). For tests.</summary>
    internal static event Action<string, string>? StepDone;

    /// <summary>This machine's name reduced to letters, digits and '-', so it can sit inside a file name and be parsed back.</summary>
    internal static string Host { get; } = new([.. Environment.MachineName.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-')]);

    /// <summary>
    /// Deletes temporary files of earlier writes of <paramref name="name"/> whose process is gone: same machine (a
    /// process id means nothing on another), another process id, and no process with that id running.
    /// </summary>
    internal static void RemoveLeftovers(string folder, string name)
    {
        if (name.AsSpan().IndexOfAny('*', '?') >= 0)
        {
            return; // the name would act as a search pattern
        }

        string prefix = $".{name}.";
        foreach (string file in Directory.EnumerateFiles(folder, $"{prefix}*.tmp"))
        {
            // ".NAME." PID "@" HOST "." GUID ".tmp"
            string middle = Path.GetFileName(file)[prefix.Length..^".tmp".Length];
            int at = middle.IndexOf('@', StringComparison.Ordinal), dot = middle.LastIndexOf('.');
            if (at > 0 && dot > at && int.TryParse(middle.AsSpan(0, at), out int pid) && middle[(at + 1)..dot] == Host
                && pid != Environment.ProcessId && !IsRunning(pid))
            {
                TryDelete(file);
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original exception is what matters.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
