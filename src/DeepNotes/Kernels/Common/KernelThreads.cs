using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace DeepNotes.Kernels;

/// <summary>
/// The engine's own worker threads for splitting a kernel across cores, in the manner of an OpenMP runtime:
/// a fixed set of background threads (one per extra core) that spin briefly after each parallel region before they
/// sleep, and a caller that takes part in its own region. A training step runs hundreds of kernels of a few hundred
/// microseconds each; waking .NET thread-pool workers for each of them cost more than the work, and often the caller
/// finished alone before a worker arrived. Nested or concurrent regions run inline on their caller, so a kernel that
/// calls another never oversubscribes the cores.
/// </summary>
internal static class KernelThreads
{
    /// <summary>How long an idle worker keeps polling for the next region before it blocks.</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 5000;   // 200 µs

    private static readonly object Gate = new();
    private static readonly int WorkerCount = Math.Max(0, Environment.ProcessorCount - 1);
    private static Job? current;
    private static long generation;
    private static int busy;
    private static bool started;

    [ThreadStatic] private static bool inRegion;

    /// <summary>Whether the current thread is running a body of a parallel region (nested work should stay serial).</summary>
    public static bool InRegion => inRegion;

    /// <summary>
    /// Runs body(0), …, body(count − 1), spread over the caller and the workers; returns when all have finished.
    /// Indices are handed out one at a time, so uneven bodies balance. When a body throws, no further index starts,
    /// the running ones finish, and the first exception is rethrown to the caller (inline runs behave the same).
    /// </summary>
    public static void For(int count, Action<int> body)
    {
        if (count <= 0) return;
        if (count == 1 || WorkerCount == 0 || inRegion || Interlocked.CompareExchange(ref busy, 1, 0) != 0)
        {
            RunInline(count, body);
            return;
        }
        try
        {
            EnsureStarted();
            var job = new Job(body, count);
            Volatile.Write(ref current, job);
            Interlocked.Increment(ref generation);
            lock (Gate) Monitor.PulseAll(Gate);
            Participate(job);
            var wait = new SpinWait();
            while (Volatile.Read(ref job.Pending) != 0) wait.SpinOnce(sleep1Threshold: -1);
            Volatile.Write(ref current, null);
            job.Error?.Throw();
        }
        finally
        {
            Volatile.Write(ref busy, 0);
        }
    }

    private static void RunInline(int count, Action<int> body)
    {
        bool previous = inRegion;
        inRegion = true;
        try
        {
            for (int i = 0; i < count; i++) body(i);
        }
        finally { inRegion = previous; }
    }

    /// <summary>Takes indices from the job until none are left.</summary>
    private static void Participate(Job job)
    {
        bool previous = inRegion;
        inRegion = true;
        try
        {
            int i;
            while ((i = Interlocked.Increment(ref job.Next) - 1) < job.Count)
            {
                try { job.Body(i); }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref job.Error, ExceptionDispatchInfo.Capture(e), null);
                    // Start no further indices; those never handed out count as done.
                    int taken = Math.Min(Interlocked.Exchange(ref job.Next, job.Count), job.Count);
                    Interlocked.Add(ref job.Pending, -(job.Count - taken));
                }
                Interlocked.Decrement(ref job.Pending);
            }
        }
        finally { inRegion = previous; }
    }

    private static void EnsureStarted()
    {
        if (started) return;
        lock (Gate)
        {
            if (started) return;
            for (int w = 0; w < WorkerCount; w++)
                new Thread(WorkerLoop) { IsBackground = true, Name = $"DeepNotes kernel worker {w + 1}" }.Start();
            started = true;
        }
    }

    // Entered once per thread and never left: without this it would run as unoptimized tier-0 code (plus OSR).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WorkerLoop()
    {
        long seen = Volatile.Read(ref generation);
        while (true)
        {
            long spinUntil = Stopwatch.GetTimestamp() + SpinTicks;
            while (Volatile.Read(ref generation) == seen)
            {
                if (Stopwatch.GetTimestamp() < spinUntil)
                {
                    Thread.SpinWait(16);
                    continue;
                }
                lock (Gate)
                {
                    while (Volatile.Read(ref generation) == seen) Monitor.Wait(Gate);
                }
            }
            seen = Volatile.Read(ref generation);
            if (Volatile.Read(ref current) is { } job) Participate(job);
        }
    }

    /// <summary>One parallel region: its body, the next index to hand out and how many are still running.</summary>
    private sealed class Job(Action<int> body, int count)
    {
        public readonly Action<int> Body = body;
        public readonly int Count = count;
        public int Next;
        public int Pending = count;
        public ExceptionDispatchInfo? Error;
    }
}
