using System.Globalization;
using System.Text;

namespace DeepNotes;

/// <summary>
/// Checks gradients against central differences, the course's gradient check:
/// difference = ‖g − g_approx‖ / (‖g‖ + ‖g_approx‖), where g_approx[i] = (f(θ + ε eᵢ) − f(θ − ε eᵢ)) / 2ε.
/// </summary>
public static class GradientCheck
{
    /// <summary>How many entries with the largest |analytic − numeric| a result keeps.</summary>
    public const int WorstCount = 5;

    /// <summary>
    /// Checks the autodiff gradient of f (parameters → a one-element tensor) with respect to every element of
    /// every parameter. Parameters must be float64 leaf tensors on the CPU; they are perturbed in place under
    /// NoGrad and restored exactly, and their RequiresGrad and Grad are restored afterwards, so f may read either
    /// its argument or the tensors it closes over.
    /// </summary>
    public static GradientCheckResult Check(Func<Tensor[], Tensor> f, Tensor[] parameters,
        double epsilon = 1e-7, double threshold = 1e-7, string[]? names = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(parameters);
        ValidateSettings(epsilon, threshold);
        if (names is not null && names.Length != parameters.Length)
            throw new ArgumentException($"GradientCheck: got {names.Length} names for {parameters.Length} parameters");
        for (int p = 0; p < parameters.Length; p++) ValidateParameter(parameters[p], p, parameters);

        var savedRequires = new bool[parameters.Length];
        var savedGrads = new Tensor?[parameters.Length];
        for (int p = 0; p < parameters.Length; p++)
        {
            savedRequires[p] = parameters[p].RequiresGrad;
            savedGrads[p] = parameters[p].Grad;
        }
        try
        {
            var analytic = AnalyticGradients(f, parameters);
            var numeric = NumericGradients(f, parameters, epsilon);
            return Compare(analytic, numeric, parameters.Select(p => p.ShapeCopy()).ToArray(), names, epsilon, threshold);
        }
        finally
        {
            for (int p = 0; p < parameters.Length; p++)
            {
                parameters[p].Grad = savedGrads[p];
                parameters[p].RequiresGrad = savedRequires[p];
            }
        }
    }

    /// <summary>
    /// Checks the gradient of a cost that reads the parameters it closes over:
    /// <c>GradientCheck.Check(() => Cost(W1, b1, W2, b2), W1, b1, W2, b2)</c>.
    /// </summary>
    public static GradientCheckResult Check(Func<Tensor> cost, params Tensor[] parameters)
    {
        ArgumentNullException.ThrowIfNull(cost);
        return Check(_ => cost(), parameters);
    }

    /// <summary>Checks the gradient of a function of one tensor (see the multi-parameter form).</summary>
    public static GradientCheckResult Check(Func<Tensor, Tensor> f, Tensor x, double epsilon = 1e-7, double threshold = 1e-7)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Check(ps => f(ps[0]), [x], epsilon, threshold);
    }

    /// <summary>
    /// Checks a hand-written gradient: f maps a flat parameter vector θ to the cost and grad returns ∂f/∂θ
    /// (the course's gradient_check_n with dictionary_to_vector). theta itself is never modified.
    /// </summary>
    public static GradientCheckResult Check(Func<double[], double> f, Func<double[], double[]> grad, double[] theta,
        double epsilon = 1e-7, double threshold = 1e-7)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(grad);
        ArgumentNullException.ThrowIfNull(theta);
        ValidateSettings(epsilon, threshold);
        var work = (double[])theta.Clone();
        var g = grad((double[])theta.Clone());
        if (g is null || g.Length != theta.Length)
            throw new ArgumentException($"GradientCheck: grad returned {g?.Length.ToString(CultureInfo.InvariantCulture) ?? "null"} values for {theta.Length} parameters");
        var approx = new double[theta.Length];
        for (int i = 0; i < work.Length; i++)
        {
            double original = work[i];
            work[i] = original + epsilon;
            double plus = f(work);
            work[i] = original - epsilon;
            double minus = f(work);
            work[i] = original;
            approx[i] = (plus - minus) / (2 * epsilon);
        }
        return Compare([(double[])g.Clone()], [approx], [[theta.Length]], ["theta"], epsilon, threshold);
    }

    private static void ValidateSettings(double epsilon, double threshold)
    {
        if (!(epsilon > 0) || double.IsInfinity(epsilon))
            throw new ArgumentOutOfRangeException(nameof(epsilon), $"GradientCheck: epsilon must be a positive number, got {epsilon}");
        if (!(threshold > 0))
            throw new ArgumentOutOfRangeException(nameof(threshold), $"GradientCheck: threshold must be positive, got {threshold}");
    }

    private static void ValidateParameter(Tensor p, int index, Tensor[] all)
    {
        if (p is null) throw new ArgumentNullException(nameof(all), $"GradientCheck: parameter {index} is null");
        if (!p.Device.IsCpu)
            throw new ArgumentException($"GradientCheck: parameter {index} is on {p.Device}; move it to the CPU with ToCpu()");
        if (p.DType != DType.Float64)
            throw new ArgumentException(
                $"GradientCheck: parameter {index} (shape {p.Shape}) has dtype {p.DType.Name()}; central differences need float64 " +
                "(with eps=1e-7, float32 rounding swamps the difference). Pass p.AsType(DType.Float64) and compute f in float64.");
        if (!p.IsLeaf)
            throw new ArgumentException($"GradientCheck: parameter {index} was computed by {p.GradFn!.Name}; pass leaf tensors (e.g. x.Detach())");
        for (int i = 0; i < p.Rank; i++)
            if (p.StridesInternal[i] == 0 && p.Dims[i] > 1)
                throw new ArgumentException($"GradientCheck: parameter {index} is a broadcast view (shape {p.Shape}); pass a Copy()");
        for (int j = 0; j < index; j++)
            if (ReferenceEquals(all[j], p))
                throw new ArgumentException($"GradientCheck: parameter {index} is the same tensor as parameter {j}");
    }

    private static double[][] AnalyticGradients(Func<Tensor[], Tensor> f, Tensor[] parameters)
    {
        foreach (var p in parameters)
        {
            p.Grad = null;
            p.RequiresGrad = true;
        }
        Tensor output;
        using (Tensor.EnableGrad()) output = f(parameters);
        CheckOutput(output);
        if (output.RequiresGrad) output.Backward();
        var result = new double[parameters.Length][];
        for (int p = 0; p < parameters.Length; p++)
            result[p] = parameters[p].Grad?.ToArray() ?? new double[parameters[p].Size];
        return result;
    }

    private static void CheckOutput(Tensor? output)
    {
        if (output is null) throw new InvalidOperationException("GradientCheck: f returned null");
        if (output.Size != 1)
            throw new InvalidOperationException($"GradientCheck: f must return a scalar (one element), got shape {output.Shape}; reduce it, e.g. with Sum()");
    }

    private static double[][] NumericGradients(Func<Tensor[], Tensor> f, Tensor[] parameters, double epsilon)
    {
        var result = new double[parameters.Length][];
        using var _ = Tensor.NoGrad();
        for (int p = 0; p < parameters.Length; p++)
        {
            var param = parameters[p];
            var data = param.Data<double>();
            var offsets = ElementOffsets(param);
            var approx = new double[offsets.Length];
            for (int i = 0; i < offsets.Length; i++)
            {
                int off = offsets[i];
                double original = data[off];
                try
                {
                    data[off] = original + epsilon;
                    double plus = Evaluate(f, parameters);
                    data[off] = original - epsilon;
                    double minus = Evaluate(f, parameters);
                    approx[i] = (plus - minus) / (2 * epsilon);
                }
                finally
                {
                    data[off] = original;
                }
            }
            result[p] = approx;
        }
        return result;
    }

    private static double Evaluate(Func<Tensor[], Tensor> f, Tensor[] parameters)
    {
        var output = f(parameters);
        CheckOutput(output);
        return output.Item();
    }

    /// <summary>Storage offsets of a tensor's elements in row-major order (works for strided views).</summary>
    private static int[] ElementOffsets(Tensor t)
    {
        var offsets = new int[t.Size];
        var index = new int[t.Rank];
        for (int i = 0; i < offsets.Length; i++)
        {
            int off = t.Offset;
            for (int d = 0; d < index.Length; d++) off += index[d] * t.StridesInternal[d];
            offsets[i] = off;
            for (int d = index.Length - 1; d >= 0; d--)
            {
                if (++index[d] < t.Dims[d]) break;
                index[d] = 0;
            }
        }
        return offsets;
    }

    private static GradientCheckResult Compare(double[][] analytic, double[][] numeric, int[][] shapes, string[]? names,
        double epsilon, double threshold)
    {
        double diff2 = 0, g2 = 0, n2 = 0;
        var entries = new List<GradientCheckEntry>();
        for (int p = 0; p < analytic.Length; p++)
        {
            for (int i = 0; i < analytic[p].Length; i++)
            {
                double a = analytic[p][i], n = numeric[p][i];
                diff2 += (a - n) * (a - n);
                g2 += a * a;
                n2 += n * n;
                entries.Add(new GradientCheckEntry(p, names?[p], i, UnravelIndex(i, shapes[p]), a, n));
            }
        }
        double denominator = Math.Sqrt(g2) + Math.Sqrt(n2);
        double difference = denominator == 0 ? Math.Sqrt(diff2) : Math.Sqrt(diff2) / denominator;
        var worst = entries
            .OrderByDescending(e => double.IsNaN(e.Difference) ? double.PositiveInfinity : e.Difference)
            .Take(WorstCount)
            .ToArray();
        bool passed = difference < threshold;   // NaN fails
        return new GradientCheckResult(difference, passed, worst, threshold, epsilon, entries.Count,
            analytic.Select(a => (IReadOnlyList<double>)a).ToArray(), numeric.Select(n => (IReadOnlyList<double>)n).ToArray());
    }

    private static int[] UnravelIndex(int flat, int[] shape)
    {
        var index = new int[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            if (shape[d] == 0) continue;
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }
}

/// <summary>One gradient element: which parameter and element, the autodiff (analytic) and numeric values.</summary>
public sealed record GradientCheckEntry(int Parameter, string? ParameterName, int FlatIndex, int[] Index, double Analytic, double Numeric)
{
    /// <summary>|analytic − numeric|.</summary>
    public double Difference => Math.Abs(Analytic - Numeric);

    /// <summary>"param 0[1, 2]" or "W1[1, 2]" when named.</summary>
    public string Location => $"{ParameterName ?? "param " + Parameter.ToString(CultureInfo.InvariantCulture)}[{string.Join(", ", Index)}]";

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Location}: analytic {Analytic:G10}, numeric {Numeric:G10}, |diff| {Difference:G3}");
}

/// <summary>
/// The outcome of a gradient check: the course's relative difference, whether it is below the threshold,
/// the entries that disagree most, and the full analytic and numeric gradients (one list per parameter).
/// </summary>
public sealed record GradientCheckResult(
    double Difference,
    bool Passed,
    IReadOnlyList<GradientCheckEntry> WorstEntries,
    double Threshold,
    double Epsilon,
    int Count,
    IReadOnlyList<IReadOnlyList<double>> Analytic,
    IReadOnlyList<IReadOnlyList<double>> Numeric)
{
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{(Passed ? "Gradient check passed" : "Gradient check FAILED: there is a mistake in the backward propagation")}");
        sb.Append(CultureInfo.InvariantCulture, $"! difference = {Difference:G6} (threshold {Threshold:G3}, eps {Epsilon:G3}, {Count} entries)");
        if (WorstEntries.Count > 0)
        {
            sb.Append("\nworst entries:");
            foreach (var e in WorstEntries) sb.Append("\n  ").Append(e);
        }
        return sb.ToString();
    }
}
