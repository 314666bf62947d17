using System.Globalization;
using System.Text;

namespace DeepNotes.Metrics;

/// <summary>Classification summaries: confusion matrix and per-class precision, recall and F1.</summary>
public static class Classification
{
    /// <summary>
    /// Class labels from predictions: arg-max over the last axis for (N, C) scores with C &gt; 1, else p &gt; threshold
    /// for (N,) or (N, 1) probabilities; integer labels pass through.
    /// </summary>
    public static int[] Labels(Tensor scoresOrLabels, double threshold = 0.5)
    {
        if (scoresOrLabels.Rank >= 2 && scoresOrLabels.Dims[^1] > 1) return CategoricalAccuracy.ArgMaxRows(scoresOrLabels);
        var v = scoresOrLabels.ToArray();
        bool integral = v.All(x => x == Math.Floor(x) && x >= 0);
        return v.Select(x => integral ? (int)x : x > threshold ? 1 : 0).ToArray();
    }

    /// <summary>
    /// The confusion matrix (C, C) as a float64 tensor of counts: row = true class, column = predicted class
    /// (scikit-learn's convention). Accepts labels or scores for both arguments (see <see cref="Labels"/>).
    /// </summary>
    public static Tensor ConfusionMatrix(Tensor yTrue, Tensor yPred, int? numClasses = null)
    {
        var t = Labels(yTrue);
        var p = Labels(yPred);
        if (t.Length != p.Length)
            throw new ArgumentException($"confusion_matrix: {t.Length} labels (shape {yTrue.Shape}) but {p.Length} predictions (shape {yPred.Shape})");
        int c = numClasses ?? Math.Max(t.DefaultIfEmpty(0).Max(), p.DefaultIfEmpty(0).Max()) + 1;
        if (yPred.Rank >= 2 && yPred.Dims[^1] > 1) c = Math.Max(c, yPred.Dims[^1]);
        var m = Tensor.Zeros([c, c], DType.Float64);
        var data = m.AsSpan<double>();
        for (int i = 0; i < t.Length; i++)
        {
            if (t[i] >= c || p[i] >= c) throw new ArgumentException($"confusion_matrix: label {Math.Max(t[i], p[i])} is out of range for {c} classes");
            data[t[i] * c + p[i]]++;
        }
        return m;
    }

    /// <summary>Per-class precision, recall, F1 and support, plus accuracy and macro averages.</summary>
    public static ClassificationReport Report(Tensor yTrue, Tensor yPred, int? numClasses = null)
    {
        var cm = ConfusionMatrix(yTrue, yPred, numClasses);
        int c = cm.Dims[0];
        var m = cm.ToArray();
        var rows = new List<ClassScores>();
        double correct = 0, total = 0;
        for (int k = 0; k < c; k++)
        {
            double tp = m[k * c + k], predicted = 0, actual = 0;
            for (int j = 0; j < c; j++)
            {
                predicted += m[j * c + k];
                actual += m[k * c + j];
            }
            double precision = predicted == 0 ? 0 : tp / predicted;
            double recall = actual == 0 ? 0 : tp / actual;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            rows.Add(new ClassScores(k, precision, recall, f1, (int)actual));
            correct += tp;
            total += actual;
        }
        return new ClassificationReport(rows, total == 0 ? 0 : correct / total, cm);
    }
}

/// <summary>Scores of one class.</summary>
public sealed record ClassScores(int Class, double Precision, double Recall, double F1, int Support);

/// <summary>A per-class table like scikit-learn's classification_report.</summary>
public sealed record ClassificationReport(IReadOnlyList<ClassScores> Classes, double Accuracy, Tensor ConfusionMatrix)
{
    public double MacroPrecision => Classes.Average(c => c.Precision);
    public double MacroRecall => Classes.Average(c => c.Recall);
    public double MacroF1 => Classes.Average(c => c.F1);

    /// <summary>Per-class precisions as a tensor (C).</summary>
    public Tensor Precision => Tensor.FromArray(Classes.Select(c => c.Precision).ToArray());

    /// <summary>Per-class recalls as a tensor (C).</summary>
    public Tensor Recall => Tensor.FromArray(Classes.Select(c => c.Recall).ToArray());

    /// <summary>Per-class F1 scores as a tensor (C).</summary>
    public Tensor F1 => Tensor.FromArray(Classes.Select(c => c.F1).ToArray());

    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(string.Format(inv, "{0,12}{1,11}{2,11}{3,11}{4,10}", "", "precision", "recall", "f1-score", "support"));
        foreach (var c in Classes)
            sb.AppendLine(string.Format(inv, "{0,12}{1,11:F2}{2,11:F2}{3,11:F2}{4,10}", c.Class, c.Precision, c.Recall, c.F1, c.Support));
        int n = Classes.Sum(c => c.Support);
        sb.AppendLine();
        sb.AppendLine(string.Format(inv, "{0,12}{1,11}{2,11}{3,11:F2}{4,10}", "accuracy", "", "", Accuracy, n));
        sb.Append(string.Format(inv, "{0,12}{1,11:F2}{2,11:F2}{3,11:F2}{4,10}", "macro avg", MacroPrecision, MacroRecall, MacroF1, n));
        return sb.ToString();
    }
}
