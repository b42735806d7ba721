using System.Collections.Concurrent;

namespace HipFx.Training.Pipeline;

/// <summary>
/// Pixel buffers of one batch size, reused: a batch rents one and gives it back when disposed. The pool grows only to
/// the number of batches alive at once (the prefetch bound plus what the consumer holds), so memory stays flat over
/// epochs.
/// </summary>
internal sealed class BatchBufferPool(int bufferBytes)
{
    private readonly ConcurrentBag<byte[]> free = [];
    private int created;

    /// <summary>Buffers allocated so far (a test checks it stays bounded).</summary>
    public int Created => Volatile.Read(ref created);

    public byte[] Rent()
    {
        if (free.TryTake(out var buffer))
        {
            return buffer;
        }
        Interlocked.Increment(ref created);
        return new byte[bufferBytes];
    }

    public void Return(byte[] buffer) => free.Add(buffer);
}
