using System.Collections;
using System.Diagnostics;

namespace ResumeAspire.IntegrationTests.Infrastructure;

/// <summary>
/// Where the in-memory exporter puts finished spans. Spans end on whatever thread finishes them
/// (request threads, the worker's jobs) while a test reads: every access takes the lock, and
/// enumerating walks a copy, so a read never meets a half-done Add.
/// </summary>
public sealed class SpanList : ICollection<Activity>
{
    private readonly List<Activity> _spans = [];
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _spans.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    public void Add(Activity item)
    {
        lock (_lock)
        {
            _spans.Add(item);
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _spans.Clear();
        }
    }

    public bool Contains(Activity item)
    {
        lock (_lock)
        {
            return _spans.Contains(item);
        }
    }

    public void CopyTo(Activity[] array, int arrayIndex)
    {
        lock (_lock)
        {
            _spans.CopyTo(array, arrayIndex);
        }
    }

    public bool Remove(Activity item)
    {
        lock (_lock)
        {
            return _spans.Remove(item);
        }
    }

    public IEnumerator<Activity> GetEnumerator()
    {
        Activity[] copy;
        lock (_lock)
        {
            copy = [.. _spans];
        }

        return ((IEnumerable<Activity>)copy).GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
