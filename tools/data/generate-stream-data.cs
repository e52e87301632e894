#:property PublishAot=false

// Writes a large classification CSV for measuring `perceptron train --stream` and `predict` (tools/data/stream-measure.sh):
// 48 numeric features f0…f47 (uniform in [-1, 1), six decimals; about 2% of the cells of f0…f4 empty), a categorical
// feature "region" (8 values), and a target "label" with 3 classes that depend on f0…f5 and the region, with noise.
// Rows are written until the file reaches the size asked for. Seeded: the same arguments give the same file.
// Run: dotnet run -c Release tools/data/generate-stream-data.cs -- OUT.csv [gigabytes=5.1] [seed=1]
using System.Diagnostics;
using System.Globalization;
using System.Text;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: generate-stream-data.cs OUT.csv [gigabytes=5.1] [seed=1]");
    return 2;
}

string path = args[0];
long target = (long)((args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 5.1) * 1e9);
int seed = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
const int Features = 48;
string[] regions = ["north", "south", "east", "west", "centre", "coast", "hills", "islands"];
string[] classes = ["low", "mid", "high"];
byte[][] regionBytes = [.. regions.Select(Encoding.ASCII.GetBytes)];
byte[][] classBytes = [.. classes.Select(Encoding.ASCII.GetBytes)];

var clock = Stopwatch.StartNew();
var random = new Random(seed);
using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
byte[] buffer = new byte[1 << 22];
int used = 0;
long written = 0, rows = 0;
Write(Encoding.ASCII.GetBytes(string.Join(',', Enumerable.Range(0, Features).Select(i => $"f{i}").Append("region").Append("label")) + "\n"));
double[] x = new double[Features];
while (written + used < target)
{
    for (int i = 0; i < Features; i++)
    {
        x[i] = random.NextDouble() * 2 - 1;
    }

    int region = random.Next(regions.Length);
    double noise = (random.NextDouble() - 0.5) * 0.6;
    double score = 1.2 * x[0] - 0.8 * x[1] + 0.6 * x[2] * x[3] + 0.5 * x[4] - 0.4 * x[5] + (region - 3.5) * 0.1 + noise;
    int label = score < -0.35 ? 0 : score < 0.35 ? 1 : 2;
    for (int i = 0; i < Features; i++)
    {
        if (!(i < 5 && random.Next(50) == 0))
        {
            used += FormatSixDecimals(x[i], buffer.AsSpan(used));
        }

        buffer[used++] = (byte)',';
    }

    regionBytes[region].CopyTo(buffer, used);
    used += regionBytes[region].Length;
    buffer[used++] = (byte)',';
    classBytes[label].CopyTo(buffer, used);
    used += classBytes[label].Length;
    buffer[used++] = (byte)'\n';
    rows++;
    if (used > buffer.Length - 4096)
    {
        Flush();
    }
}

Flush();
Console.WriteLine($"{path}: {rows} rows, {Features + 2} columns, {written} bytes in {clock.Elapsed.TotalSeconds:0.0} s");
return 0;

// x in (-1, 1) with six decimals, as "F6" writes it, without the general formatter's cost (it dominated the run time).
static int FormatSixDecimals(double x, Span<byte> output)
{
    long micro = (long)Math.Round(x * 1e6);
    int length = 0;
    if (micro < 0)
    {
        output[length++] = (byte)'-';
        micro = -micro;
    }

    output[length++] = (byte)('0' + micro / 1_000_000);
    output[length++] = (byte)'.';
    for (long digit = 100_000, rest = micro % 1_000_000; digit > 0; digit /= 10)
    {
        output[length++] = (byte)('0' + rest / digit % 10);
    }

    return length;
}

void Write(byte[] bytes)
{
    bytes.CopyTo(buffer, used);
    used += bytes.Length;
}

void Flush()
{
    file.Write(buffer, 0, used);
    written += used;
    used = 0;
}
