using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Perceptron.Kernels;

/// <summary>One kernel variant this machine can run, and why it sits where it does in the preference order.</summary>
/// <param name="Mode">The variant.</param>
/// <param name="Reason">One line on what it uses and when it wins.</param>
internal sealed record KernelVariant(KernelMode Mode, string Reason)
{
    /// <inheritdoc/>
    public override string ToString() => Mode.ToString();
}

/// <summary>The kernel variants available on this machine, fastest first, and the <c>PERCEPTRON_KERNEL</c> override.</summary>
/// <remarks>Tests use <see cref="Available"/> as their data source, so every variant the machine supports is checked.</remarks>
internal static class KernelRegistry
{
    /// <summary>The environment variable that forces a variant at startup (Sep's <c>SEPFORCEPARSER</c>).</summary>
    public const string EnvironmentVariable = "PERCEPTRON_KERNEL";

    /// <summary>The variants this machine supports, in preference order; <see cref="KernelMode.Reference"/> is always last.</summary>
    public static IReadOnlyList<KernelVariant> Available { get; } = FindAvailable();

    /// <summary>The variant <see cref="KernelMode.Auto"/> resolves to for products that are not tiny.</summary>
    public static KernelMode Best => Available[0].Mode;

    /// <summary>Whether this machine can run <paramref name="mode"/> (<see cref="KernelMode.Auto"/> always can).</summary>
    public static bool IsAvailable(KernelMode mode)
    {
        // A plain loop: this runs on every GEMM call, where a LINQ closure would allocate.
        for (int i = 0; i < Available.Count; i++)
        {
            if (Available[i].Mode == mode)
            {
                return true;
            }
        }

        return mode == KernelMode.Auto;
    }

    /// <summary>Throws unless <paramref name="mode"/> is defined and runnable here.</summary>
    public static void Validate(KernelMode mode, string parameterName)
    {
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(parameterName, mode, $"KernelMode {(int)mode} is not defined; use one of {string.Join(", ", Enum.GetNames<KernelMode>())}.");
        }

        if (!IsAvailable(mode))
        {
            throw new NotSupportedException($"KernelMode.{mode} needs instructions this processor lacks; available here: {AvailableNames()}. Use KernelMode.Auto to pick the fastest.");
        }
    }

    /// <summary>The mode <c>PERCEPTRON_KERNEL</c> asks for, or <see cref="KernelMode.Auto"/> when it is unset or empty.</summary>
    /// <exception cref="InvalidOperationException">The variable names no mode, or one this machine cannot run.</exception>
    public static KernelMode ModeFromEnvironment() => ParseMode(Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>Parses a <c>PERCEPTRON_KERNEL</c> value (case-insensitive mode name; null or blank means Auto).</summary>
    /// <exception cref="InvalidOperationException">The value names no mode, or one this machine cannot run.</exception>
    public static KernelMode ParseMode(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return KernelMode.Auto;
        }

        if (int.TryParse(value, out _) || !Enum.TryParse(value.Trim(), ignoreCase: true, out KernelMode mode) || !Enum.IsDefined(mode))
        {
            throw new InvalidOperationException($"{EnvironmentVariable}={value} names no kernel; use one of {string.Join(", ", Enum.GetNames<KernelMode>())}, or unset it.");
        }

        if (!IsAvailable(mode))
        {
            throw new InvalidOperationException($"{EnvironmentVariable}={value} needs instructions this processor lacks; available here: {AvailableNames()}. Unset it to pick the fastest.");
        }

        return mode;
    }

    private static string AvailableNames() => string.Join(", ", Available.Select(v => v.Mode));

    private static KernelVariant[] FindAvailable()
    {
        var variants = new List<KernelVariant>();
        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported)
        {
            variants.Add(new(KernelMode.Vector512, "AVX-512: a 14×2-vector register tile in 28 of the 32 zmm registers; half the instructions of Vector256 for the same FMA peak on Zen 4"));
        }

        if (Vector256.IsHardwareAccelerated && Fma.IsSupported)
        {
            variants.Add(new(KernelMode.Vector256, "AVX2 + FMA: a 6×2-vector register tile that fits the 16 ymm registers of AVX2-only processors"));
        }

        // ARM64 (NEON) has 128-bit vectors only; on x64 this variant is slower than the wider ones and is listed for
        // testing and comparison.
        if (Vector128.IsHardwareAccelerated && (Fma.IsSupported || AdvSimd.Arm64.IsSupported))
        {
            variants.Add(new(KernelMode.Vector128, "128-bit vectors + FMA (ARM64 NEON): an 8×3-vector register tile in 28 of ARM64's 32 vector registers"));
        }

        variants.Add(new(KernelMode.Reference, "plain loops: the oracle every variant is tested against, and the fallback on any processor"));
        return [.. variants];
    }
}
