using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace HipFx.Training.Step.Parallel;

/// <summary>
/// One long-lived thread that runs the work of one model replica, one item at a time. Torch state that is per thread
/// (dispose scopes, grad mode, autocast, the CPU intra-op thread count) therefore stays with the replica for the life
/// of the step object. <see cref="Post{T}"/> queues work; <see cref="Wait{T}"/> waits for it and rethrows its
/// exception with the original stack.
/// </summary>
internal sealed class ReplicaThread : IDisposable
{
    private readonly BlockingCollection<Action> queue = new();
    private readonly Thread thread;

    public ReplicaThread(string name, Action? onStart = null)
    {
        thread = new Thread(() =>
        {
            onStart?.Invoke();
            foreach (var work in queue.GetConsumingEnumerable())
            {
                work();
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
    }

    /// <summary>Queues <paramref name="work"/> on this thread.</summary>
    public Task<T> Post<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Add(() =>
        {
            try
            {
                done.SetResult(work());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        return done.Task;
    }

    /// <summary>Waits for every task and returns their results; the first failure is rethrown after all have ended.</summary>
    public static T[] Wait<T>(IReadOnlyList<Task<T>> tasks)
    {
        try
        {
            Task.WaitAll(tasks.ToArray<Task>());
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        return tasks.Select(t => t.Result).ToArray();
    }

    public void Dispose()
    {
        queue.CompleteAdding();
        if (thread != Thread.CurrentThread)
        {
            thread.Join();
        }
        queue.Dispose();
    }
}
