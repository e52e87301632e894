using System.Runtime.InteropServices;

namespace Perceptron.Serialization;

/// <summary>Flushes a folder's list of entries to disk, so that a file just renamed into it keeps its new name after a power cut.</summary>
/// <remarks>
/// On Linux, macOS and the BSDs a rename is durable only once the folder itself is fsynced; .NET has no call for it,
/// so the folder is opened read-only and fsynced through the C library. Windows cannot open a folder this way: there
/// NTFS records the rename in its journal, which it commits to disk within seconds, and nothing is done here.
/// </remarks>
internal static partial class FolderSync
{
    /// <summary>Flushes <paramref name="folder"/>'s entries to disk. Best effort: the file's own data is already on disk.</summary>
    /// <param name="folder">The folder.</param>
    /// <returns>True when the folder was flushed; false on Windows, or where the file system or C library refuses.</returns>
    public static bool Flush(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        try
        {
            int descriptor = Open(folder, 0); // O_RDONLY: Linux refuses to open a folder for writing, and fsync needs no more
            if (descriptor < 0)
            {
                return false;
            }

            try
            {
                return Fsync(descriptor) == 0;
            }
            finally
            {
                _ = Close(descriptor);
            }
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int descriptor);
}
