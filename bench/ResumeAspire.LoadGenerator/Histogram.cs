using System.Numerics;

namespace ResumeAspire.LoadGenerator;

/// <summary>
/// A log-linear latency histogram in the manner of HdrHistogram: values in microseconds, exact
/// below 256 µs, then 128 linear sub-buckets per power of two, so any recorded value is known to
/// within 1/128 (0.8 %). Recording is lock-free (one Interlocked increment); percentiles report the
/// highest value equivalent to the bucket, as HdrHistogram does, capped by the exact maximum.
/// </summary>
public sealed class Histogram
{
    private const int SubBucketBits = 7;
    private const int SubBuckets = 1 << SubBucketBits;          // 128
    private const int LinearLimit = SubBuckets * 2;              // values below 256 are exact
    private const int MaxExponent = 42;                          // 2^42 µs ≈ 51 days: nothing is clipped
    private const int BucketCount = LinearLimit + (MaxExponent - SubBucketBits) * SubBuckets;

    private readonly long[] _counts = new long[BucketCount];
    private long _count;
    private long _sum;
    private long _min = long.MaxValue;
    private long _max;

    public long Count => Interlocked.Read(ref _count);

    public long Max => Interlocked.Read(ref _max);

    public long Min => Count == 0 ? 0 : Interlocked.Read(ref _min);

    public double Mean => Count == 0 ? 0 : (double)Interlocked.Read(ref _sum) / Count;

    public void Record(long micros)
    {
        if (micros < 0)
        {
            micros = 0;
        }

        Interlocked.Increment(ref _counts[Index(micros)]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sum, micros);
        long seen;
        while (micros > (seen = Interlocked.Read(ref _max)) && Interlocked.CompareExchange(ref _max, micros, seen) != seen)
        {
        }

        while (micros < (seen = Interlocked.Read(ref _min)) && Interlocked.CompareExchange(ref _min, micros, seen) != seen)
        {
        }
    }

    /// <summary>The value at or below which <paramref name="percentile"/> % of the samples lie (µs).</summary>
    public long Percentile(double percentile)
    {
        var count = Count;
        if (count == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100.0 * count));
        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank)
            {
                return Math.Min(HighestEquivalent(i), Max);
            }
        }

        return Max;
    }

    public void Add(Histogram other)
    {
        for (var i = 0; i < BucketCount; i++)
        {
            var c = Interlocked.Read(ref other._counts[i]);
            if (c != 0)
            {
                Interlocked.Add(ref _counts[i], c);
            }
        }

        Interlocked.Add(ref _count, other.Count);
        Interlocked.Add(ref _sum, Interlocked.Read(ref other._sum));
        if (other.Count > 0)
        {
            _max = Math.Max(_max, other.Max);
            _min = Math.Min(_min, other.Min);
        }
    }

    internal static int Index(long value)
    {
        if (value < LinearLimit)
        {
            return (int)value;
        }

        var exponent = 63 - BitOperations.LeadingZeroCount((ulong)value);   // ≥ 8
        if (exponent >= MaxExponent)
        {
            return BucketCount - 1;
        }

        var shift = exponent - SubBucketBits;
        var sub = (int)(value >> shift) - SubBuckets;                         // 0..127
        return LinearLimit + ((exponent - SubBucketBits - 1) * SubBuckets) + sub;
    }

    internal static long HighestEquivalent(int index)
    {
        if (index < LinearLimit)
        {
            return index;
        }

        var octave = (index - LinearLimit) / SubBuckets;                       // 0 for [256, 512)
        var sub = (index - LinearLimit) % SubBuckets;
        var shift = octave + 1;
        var lowest = (long)(sub + SubBuckets) << shift;
        return lowest + (1L << shift) - 1;
    }
}
