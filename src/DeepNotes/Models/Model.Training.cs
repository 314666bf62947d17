using System.Diagnostics;
using DeepNotes.Losses;
using DeepNotes.Metrics;
using DeepNotes.NN;
using DeepNotes.Optimizers;

namespace DeepNotes.Models;

public partial class Model
{
    private readonly List<Metric> metrics = [];
    private bool optimizerBound;

    /// <summary>
    /// Creates the progress observer used when <c>Fit</c> runs with verbose &gt; 0 (the notebook extension sets this
    /// to render a live bar). When null or returning null, a <see cref="ConsoleProgressBar"/> is used.
    /// </summary>
    public static Func<Model, ITrainingObserver?>? DefaultObserverFactory { get; set; }

    /// <summary>The optimizer given to Compile.</summary>
    public Optimizer? Optimizer { get; private set; }

    /// <summary>The loss given to Compile.</summary>
    public Loss? Loss { get; private set; }

    /// <summary>The metrics given to Compile.</summary>
    public IReadOnlyList<Metric> Metrics => metrics;

    /// <summary>Set by a callback to end Fit after the current epoch.</summary>
    public bool StopTraining { get; set; }

    /// <summary>
    /// Configures training (Keras compile): <c>model.Compile(new Adam(0.001), "binary_crossentropy", ["accuracy"])</c>.
    /// With several outputs the loss is applied to each and summed; metrics are pooled over outputs.
    /// </summary>
    public void Compile(Optimizer optimizer, Loss loss, IEnumerable<Metric>? metrics = null)
    {
        Optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
        Loss = loss ?? throw new ArgumentNullException(nameof(loss));
        this.metrics.Clear();
        if (metrics is not null) this.metrics.AddRange(metrics);
        var names = new HashSet<string> { "loss" };
        foreach (var m in this.metrics)
            if (!names.Add(m.Name)) throw new ArgumentException($"Compile: two metrics are named '{m.Name}'");
        optimizerBound = false;
    }

    /// <summary>Trains on (x, y) for a number of epochs; returns per-epoch loss and metrics.</summary>
    public History Fit(Tensor x, Tensor y, int epochs = 1, int batchSize = 32, (Tensor X, Tensor Y)? validationData = null,
        bool shuffle = true, IEnumerable<Callback>? callbacks = null, int verbose = 1, int? seed = null, double validationSplit = 0) =>
        Fit([x], [y], epochs, batchSize,
            validationData is { } v ? ([v.X], [v.Y]) : null, shuffle, callbacks, verbose, seed, validationSplit);

    /// <summary>Trains a model with several inputs and/or outputs (lists in the order of Inputs/Outputs).</summary>
    public History Fit(IReadOnlyList<Tensor> x, IReadOnlyList<Tensor> y, int epochs = 1, int batchSize = 32,
        (IReadOnlyList<Tensor> X, IReadOnlyList<Tensor> Y)? validationData = null, bool shuffle = true,
        IEnumerable<Callback>? callbacks = null, int verbose = 1, int? seed = null, double validationSplit = 0)
    {
        RequireCompiled("Fit");
        if (epochs < 0) throw new ArgumentException($"Fit: epochs must be ≥ 0, got {epochs}");
        if (batchSize <= 0) throw new ArgumentException($"Fit: batchSize must be positive, got {batchSize}");
        if (!(validationSplit >= 0 && validationSplit < 1)) throw new ArgumentException($"Fit: validationSplit must be in [0, 1), got {validationSplit}");
        int n = CheckData(x, y, "Fit");
        if (validationSplit > 0)
        {
            // Keras: the last fraction of the samples (before any shuffling) is held out.
            if (validationData is not null) throw new ArgumentException("Fit: give either validationData or validationSplit, not both");
            int held = (int)(n * validationSplit);
            if (held == 0 || held == n) throw new ArgumentException($"Fit: validationSplit {validationSplit} of {n} samples leaves an empty training or validation set");
            int train = n - held;
            validationData = (x.Select(t => Rows(t, train, held)).ToArray(), y.Select(t => Rows(t, train, held)).ToArray());
            x = x.Select(t => Rows(t, 0, train)).ToArray();
            y = y.Select(t => Rows(t, 0, train)).ToArray();
            n = train;
        }
        if (validationData is { } vd) CheckData(vd.X, vd.Y, "Fit (validation data)");

        int steps = (n + batchSize - 1) / batchSize;
        var random = seed is null ? Np.Random : new NumpyRandom(seed.Value);
        IEnumerable<(Tensor[] X, Tensor[] Y)> EpochBatches(int epoch)
        {
            int[]? order = shuffle && n > 1 ? random.Permutation(n) : null;
            for (int b = 0; b < steps; b++)
            {
                int start = b * batchSize, count = Math.Min(batchSize, n - start);
                yield return (Batch(x, order, start, count, n), Batch(y, order, start, count, n));
            }
        }
        return FitLoop(epochs, steps, n, batchSize, EpochBatches, validationData, callbacks, verbose);
    }

    /// <summary>
    /// Trains on batches from a source such as a <see cref="Data.DataLoader"/> (enumerated once per epoch, so a
    /// shuffling loader reshuffles) or a list from <c>MiniBatches</c>. Batches are batch-first (X, Y) pairs.
    /// </summary>
    public History Fit(IEnumerable<(Tensor X, Tensor Y)> batches, int epochs = 1, (Tensor X, Tensor Y)? validationData = null,
        IEnumerable<Callback>? callbacks = null, int verbose = 1)
    {
        RequireCompiled("Fit");
        if (epochs < 0) throw new ArgumentException($"Fit: epochs must be ≥ 0, got {epochs}");
        int steps = batches switch
        {
            Data.DataLoader loader => loader.Count,
            ICollection<(Tensor X, Tensor Y)> collection => collection.Count,
            IReadOnlyCollection<(Tensor X, Tensor Y)> collection => collection.Count,
            _ => -1,
        };
        int samples = batches is Data.DataLoader dl ? dl.X.Dims[0] : -1;
        int batchSize = batches is Data.DataLoader d2 ? d2.BatchSize : -1;
        IEnumerable<(Tensor[] X, Tensor[] Y)> EpochBatches(int epoch)
        {
            foreach (var (bx, by) in batches)
            {
                CheckData([bx], [by], "Fit");
                yield return ([bx], [by]);
            }
        }
        (IReadOnlyList<Tensor>, IReadOnlyList<Tensor>)? validation = validationData is { } v ? ([v.X], [v.Y]) : null;
        if (validation is { } vd) CheckData(vd.Item1, vd.Item2, "Fit (validation data)");
        return FitLoop(epochs, steps, samples, batchSize, EpochBatches, validation, callbacks, verbose);
    }

    // The epoch loop shared by the Fit overloads. steps/samples/batchSize are −1 when unknown (for displays).
    private History FitLoop(int epochs, int steps, int samples, int batchSize, Func<int, IEnumerable<(Tensor[] X, Tensor[] Y)>> epochBatches,
        (IReadOnlyList<Tensor> X, IReadOnlyList<Tensor> Y)? validationData, IEnumerable<Callback>? callbacks, int verbose)
    {
        var observers = new List<ITrainingObserver>();
        if (verbose > 0) observers.Add(DefaultObserverFactory?.Invoke(this) ?? new ConsoleProgressBar());
        foreach (var cb in callbacks ?? [])
        {
            cb.Model = this;
            observers.Add(cb);
        }

        var metricNames = new List<string> { "loss" };
        metricNames.AddRange(metrics.Select(m => m.Name));
        var history = new History();
        var lossMean = new Mean("loss");
        bool wasTraining = Training;
        StopTraining = false;
        foreach (var o in observers) o.OnTrainBegin(new TrainingStart(Name, epochs, steps, samples, batchSize, metricNames));
        try
        {
            for (int epoch = 0; epoch < epochs && !StopTraining; epoch++)
            {
                var clock = Stopwatch.StartNew();
                Train();
                Optimizer!.Epoch = epoch;
                foreach (var o in observers) o.OnEpochBegin(epoch);
                lossMean.Reset();
                foreach (var m in metrics) m.Reset();
                int b = 0;
                foreach (var (xb, yb) in epochBatches(epoch))
                {
                    double loss = TrainStep(xb, yb);
                    string of = steps >= 0 ? $" of {steps}" : "";
                    if (!double.IsFinite(loss))
                        throw new InvalidOperationException(
                            $"Fit: the loss became {loss} at epoch {epoch + 1}, batch {b + 1}{of} (model \"{Name}\", loss {Loss!.Name}); " +
                            "try a smaller learning rate, check the inputs for NaN/inf, or use a from-logits loss");
                    lossMean.Add(loss, xb[0].Dims[0]);
                    if (observers.Count > 0)
                        foreach (var o in observers) o.OnBatchEnd(new BatchProgress(epoch, epochs, b, steps, CurrentLogs(lossMean)));
                    b++;
                }
                var logs = CurrentLogs(lossMean);
                if (validationData is { } v)
                {
                    var val = EvaluateCore(v.X, v.Y, batchSize > 0 ? batchSize : 32);
                    for (int i = 0; i < val.Count; i++) logs["val_" + val.Names[i]] = val[i];
                }
                history.Record(epoch, logs);
                var result = new EpochResult(epoch, epochs, logs, clock.Elapsed);
                foreach (var o in observers) o.OnEpochEnd(result);
            }
        }
        finally
        {
            Train(wasTraining);
        }
        foreach (var o in observers) o.OnTrainEnd(history);
        return history;
    }

    private Dictionary<string, double> CurrentLogs(Mean loss)
    {
        var logs = new Dictionary<string, double> { ["loss"] = loss.Result() };
        foreach (var m in metrics) logs[m.Name] = m.Result();
        return logs;
    }

    /// <summary>
    /// One optimisation step on a batch (Keras train_step): forward in training mode, loss, zero grads, backward,
    /// optimizer step, metric updates. Returns the batch loss. Override to customise training.
    /// </summary>
    public virtual double TrainStep(IReadOnlyList<Tensor> x, IReadOnlyList<Tensor> y)
    {
        RequireCompiled("TrainStep");
        var outputs = CallMulti(x);
        var loss = ComputeLoss(y, outputs);
        if (!optimizerBound)
        {
            Optimizer!.Bind(this);
            optimizerBound = true;
        }
        Optimizer!.ZeroGrad();
        loss.Backward();
        Optimizer.Step();
        UpdateMetrics(y, outputs);
        return loss.Item();
    }

    /// <summary>The compiled loss summed over outputs.</summary>
    protected virtual Tensor ComputeLoss(IReadOnlyList<Tensor> y, IReadOnlyList<Tensor> outputs)
    {
        if (y.Count != outputs.Count)
            throw new ArgumentException($"Model \"{Name}\": has {outputs.Count} output(s) but {y.Count} label tensor(s) were given");
        Tensor total = Loss!.Call(y[0], outputs[0]);
        for (int i = 1; i < outputs.Count; i++) total = total + Loss.Call(y[i], outputs[i]);
        return total;
    }

    private void UpdateMetrics(IReadOnlyList<Tensor> y, IReadOnlyList<Tensor> outputs)
    {
        if (metrics.Count == 0) return;
        using var _ = Tensor.NoGrad();
        foreach (var m in metrics)
            for (int i = 0; i < outputs.Count; i++) m.Update(y[i], outputs[i].Detach());
    }

    /// <summary>The loss and metrics on (x, y) in inference mode, batch by batch (Keras evaluate).</summary>
    public EvaluationResult Evaluate(Tensor x, Tensor y, int batchSize = 32) => Evaluate([x], [y], batchSize);

    /// <summary>Evaluate for several inputs/outputs.</summary>
    public EvaluationResult Evaluate(IReadOnlyList<Tensor> x, IReadOnlyList<Tensor> y, int batchSize = 32)
    {
        RequireCompiled("Evaluate");
        CheckData(x, y, "Evaluate");
        return EvaluateCore(x, y, batchSize);
    }

    private EvaluationResult EvaluateCore(IReadOnlyList<Tensor> x, IReadOnlyList<Tensor> y, int batchSize)
    {
        if (batchSize <= 0) throw new ArgumentException($"Evaluate: batchSize must be positive, got {batchSize}");
        int n = x[0].Dims[0];
        bool wasTraining = Training;
        Eval();
        var lossMean = new Mean("loss");
        foreach (var m in metrics) m.Reset();
        try
        {
            using var _ = Tensor.NoGrad();
            for (int start = 0; start < n; start += batchSize)
            {
                int count = Math.Min(batchSize, n - start);
                var xb = Batch(x, null, start, count, n);
                var yb = Batch(y, null, start, count, n);
                var outputs = CallMulti(xb);
                lossMean.Add(ComputeLoss(yb, outputs).Item(), count);
                UpdateMetrics(yb, outputs);
            }
        }
        finally
        {
            Train(wasTraining);
        }
        var names = new List<string> { "loss" };
        var values = new List<double> { lossMean.Result() };
        foreach (var m in metrics)
        {
            names.Add(m.Name);
            values.Add(m.Result());
        }
        return new EvaluationResult(names, values);
    }

    /// <summary>Outputs for x in inference mode, computed in batches and concatenated (Keras predict).</summary>
    public Tensor Predict(Tensor x, int batchSize = 32)
    {
        var outs = PredictMulti([x], batchSize);
        return outs.Count == 1 ? outs[0] : throw new InvalidOperationException($"Model \"{Name}\": has {outs.Count} outputs; use PredictMulti");
    }

    /// <summary>All outputs for several inputs.</summary>
    public IReadOnlyList<Tensor> PredictMulti(IReadOnlyList<Tensor> x, int batchSize = 32)
    {
        if (batchSize <= 0) throw new ArgumentException($"Predict: batchSize must be positive, got {batchSize}");
        int n = CheckInputs(x, "Predict");
        bool wasTraining = Training;
        Eval();
        try
        {
            using var _ = Tensor.NoGrad();
            if (n <= batchSize) return CallMulti(x);
            var parts = new List<IReadOnlyList<Tensor>>();
            for (int start = 0; start < n; start += batchSize)
                parts.Add(CallMulti(Batch(x, null, start, Math.Min(batchSize, n - start), n)));
            return Enumerable.Range(0, parts[0].Count).Select(k => Tensor.Concatenate(parts.Select(p => p[k]).ToArray(), 0)).ToArray();
        }
        finally
        {
            Train(wasTraining);
        }
    }

    private void RequireCompiled(string op)
    {
        if (Optimizer is null || Loss is null)
            throw new InvalidOperationException($"{op}: model \"{Name}\" must be compiled first: model.Compile(optimizer, loss, metrics)");
    }

    private int CheckInputs(IReadOnlyList<Tensor> x, string op)
    {
        if (x.Count == 0) throw new ArgumentException($"{op}: no inputs given");
        if (IsGraphNetwork && x.Count != Inputs.Count)
            throw new ArgumentException($"{op}: model \"{Name}\" has {Inputs.Count} input(s), got {x.Count}");
        foreach (var t in x)
            if (t.Rank == 0) throw new ArgumentException($"{op}: inputs need a batch axis, got a 0-d tensor");
        int n = x[0].Dims[0];
        for (int i = 1; i < x.Count; i++)
            if (x[i].Dims[0] != n) throw new ArgumentException($"{op}: input 0 has {n} samples but input {i} has {x[i].Dims[0]} (shapes {x[0].Shape} and {x[i].Shape})");
        return n;
    }

    private int CheckData(IReadOnlyList<Tensor> x, IReadOnlyList<Tensor> y, string op)
    {
        int n = CheckInputs(x, op);
        if (y.Count == 0) throw new ArgumentException($"{op}: no labels given");
        if (IsGraphNetwork && y.Count != Outputs.Count)
            throw new ArgumentException($"{op}: model \"{Name}\" has {Outputs.Count} output(s), got {y.Count} label tensor(s)");
        for (int i = 0; i < y.Count; i++)
            if (y[i].Rank == 0 || y[i].Dims[0] != n)
                throw new ArgumentException($"{op}: x has {n} samples (shape {x[0].Shape}) but labels {i} have shape {y[i].Shape}; samples go on the first axis");
        return n;
    }

    // A batch of rows: a zero-copy view for in-order contiguous data, else a gathered copy.
    private static Tensor[] Batch(IReadOnlyList<Tensor> data, int[]? order, int start, int count, int n)
    {
        var result = new Tensor[data.Count];
        for (int i = 0; i < data.Count; i++)
        {
            var t = data[i];
            if (order is null && count == n) result[i] = t;
            else if (order is null && t.IsContiguous) result[i] = t.Detach().RowsView(start, count);
            else result[i] = GatherRows(t, order, start, count);
        }
        return result;
    }

    private static Tensor Rows(Tensor t, int start, int count) => t.Contiguous().Detach().RowsView(start, count);

    private static Tensor GatherRows(Tensor t, int[]? order, int start, int count)
    {
        var src = t.Contiguous();
        int row = src.Size / Math.Max(1, src.Dims[0]);
        var shape = src.ShapeCopy();
        shape[0] = count;
        var dst = Tensor.Empty(shape, src.DType);
        if (src.DType == DType.Float32) Gather(src.AsSpan<float>(), dst.AsSpan<float>(), order, start, count, row);
        else Gather(src.AsSpan<double>(), dst.AsSpan<double>(), order, start, count, row);
        return dst;
    }

    private static void Gather<T>(ReadOnlySpan<T> src, Span<T> dst, int[]? order, int start, int count, int row) where T : unmanaged
    {
        for (int r = 0; r < count; r++)
        {
            int from = order is null ? start + r : order[start + r];
            src.Slice(from * row, row).CopyTo(dst.Slice(r * row, row));
        }
    }
}
