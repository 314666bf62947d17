using DeepNotes.Course.Grading;
using static DeepNotes.Course.Graders.Data.C2W2Data;
using static DeepNotes.Course.Graders.GraderHelpers;

namespace DeepNotes.Course.Graders;

/// <summary>C2W2, optimization methods. Expected values: tools/reference/c2w2.py.</summary>
internal static class C2W2Graders
{
    private const string A = "C2W2";
    private static readonly Type D = typeof(Data.C2W2Data);
    private static readonly string[] PKeys = ["W1", "b1", "W2", "b2"];
    private static readonly string[] GKeys = ["dW1", "db1", "dW2", "db2"];
    private static Dictionary<string, Tensor> P() => Tensors(Lits(D, "P", PKeys));
    private static Dictionary<string, Tensor> G() => Tensors(Lits(D, "G", GKeys));
    private static Dictionary<string, Tensor> Vel() => Tensors(Lits(D, "V", GKeys));
    private static Dictionary<string, Tensor> Sq() => Tensors(Lits(D, "S", GKeys));

    public static readonly GradedFunction[] Functions =
    [
        Fn(A, "UpdateParametersWithGd", "(Dictionary<string, Tensor> parameters, Dictionary<string, Tensor> grads, double learningRate) -> Dictionary<string, Tensor>",
            [Dict, Dict, typeof(double)], g =>
        {
            g.Test("learning rate 0.01", t => t.ExpectDict("parameters", t.Call(P(), G(), 0.01), Lits(D, "Step", PKeys)));
        }),
        Fn(A, "RandomMiniBatches", "(Tensor X, Tensor Y, int miniBatchSize = 64, int seed = 0) -> List<(Tensor X, Tensor Y)>",
            [typeof(Tensor), typeof(Tensor), typeof(int), typeof(int)], g =>
        {
            g.Test("m = 148, size 64, seed 0", t =>
            {
                var batches = t.As<List<(Tensor, Tensor)>>("mini_batches", t.Call(MbX.T, MbY.T, 64, 0));
                if (batches is null || !t.True(batches.Count == (int)MbCount, $"Wrong number of mini-batches: expected {MbCount}, got {batches.Count}")) return;
                t.Expect("mini_batches[0] X", batches[0].Item1, Mb0X);
                t.Expect("mini_batches[2] X (the last, partial one)", batches[2].Item1, Mb2X);
                t.Expect("mini_batches[2] Y", batches[2].Item2, Mb2Y);
            });
            g.Test("m = 148, size 32, seed 5", t =>
            {
                var batches = t.As<List<(Tensor, Tensor)>>("mini_batches", t.Call(MbX.T, MbY.T, 32, 5));
                if (batches is null || !t.True(batches.Count == (int)Mb32Count, $"Wrong number of mini-batches: expected {Mb32Count}, got {batches.Count}")) return;
                t.Expect("last mini-batch X", batches[^1].Item1, Mb32Last);
            });
        }),
        Fn(A, "InitializeVelocity", "(Dictionary<string, Tensor> parameters) -> Dictionary<string, Tensor>", [Dict], g =>
        {
            g.Test("two layers", t => t.ExpectDict("v", t.Call(P()), GKeys.ToDictionary(k => k, k => new Lit(Lits(D, "G", GKeys)[k].Shape, new double[Lits(D, "G", GKeys)[k].Values.Length]))));
        }),
        Fn(A, "UpdateParametersWithMomentum", "(parameters, grads, Dictionary<string, Tensor> v, double beta, double learningRate) -> (parameters, v)",
            [Dict, Dict, Dict, typeof(double), typeof(double)], g =>
        {
            g.Test("beta 0.9, learning rate 0.01", t =>
            {
                var r = t.Call(P(), G(), Vel(), 0.9, 0.01);
                t.ExpectDict("parameters", t.Item("result", r, 0, 2), Lits(D, "Mom", PKeys));
                t.ExpectDict("v", t.Item("result", r, 1, 2), Lits(D, "MomV", GKeys));
            });
        }),
        Fn(A, "InitializeAdam", "(Dictionary<string, Tensor> parameters) -> (Dictionary<string, Tensor> v, Dictionary<string, Tensor> s)", [Dict], g =>
        {
            g.Test("two layers", t =>
            {
                var zeros = GKeys.ToDictionary(k => k, k => new Lit(Lits(D, "G", GKeys)[k].Shape, new double[Lits(D, "G", GKeys)[k].Values.Length]));
                var r = t.Call(P());
                t.ExpectDict("v", t.Item("result", r, 0, 2), zeros);
                t.ExpectDict("s", t.Item("result", r, 1, 2), zeros);
            });
        }),
        Fn(A, "UpdateParametersWithAdam", "(parameters, grads, v, s, int t, double learningRate = 0.01, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8) -> (parameters, v, s, vCorrected, sCorrected)",
            [Dict, Dict, Dict, Dict, typeof(int), typeof(double), typeof(double), typeof(double), typeof(double)], g =>
        {
            g.Test("t = 2, lr 0.02, beta1 0.8, beta2 0.888, epsilon 1e-2", t =>
            {
                var r = t.Call(P(), G(), Vel(), Sq(), 2, 0.02, 0.8, 0.888, 1e-2);
                t.ExpectDict("parameters", t.Item("result", r, 0, 5), Lits(D, "Adam", PKeys));
                t.ExpectDict("v", t.Item("result", r, 1, 5), Lits(D, "AdamV", GKeys));
                t.ExpectDict("s", t.Item("result", r, 2, 5), Lits(D, "AdamS", GKeys));
                t.ExpectDict("v_corrected", t.Item("result", r, 3, 5), Lits(D, "AdamVc", GKeys));
                t.ExpectDict("s_corrected", t.Item("result", r, 4, 5), Lits(D, "AdamSc", GKeys));
            });
        }),
        Fn(A, "UpdateLr", "(double learningRate0, int epochNum, double decayRate) -> double", [typeof(double), typeof(int), typeof(double)], g =>
        {
            g.Test("lr0 0.5, epoch 2, decay 1", t => t.Number("learning_rate", t.Call(0.5, 2, 1.0), Lr1));
            g.Test("lr0 0.3, epoch 10, decay 0.5", t => t.Number("learning_rate", t.Call(0.3, 10, 0.5), Lr2));
        }),
        Fn(A, "ScheduleLrDecay", "(double learningRate0, int epochNum, double decayRate, int timeInterval = 1000) -> double",
            [typeof(double), typeof(int), typeof(double), typeof(int)], g =>
        {
            g.Test("lr0 0.5, epoch 100, decay 1", t => t.Number("learning_rate", t.Call(0.5, 100, 1.0, 1000), Sched1));
            g.Test("lr0 0.5, epoch 10, decay 1, interval 10", t => t.Number("learning_rate", t.Call(0.5, 10, 1.0, 10), Sched2));
            g.Test("lr0 0.3, epoch 1000, decay 1, interval 100", t => t.Number("learning_rate", t.Call(0.3, 1000, 1.0, 100), Sched3));
            g.Test("lr0 0.3, epoch 2500, decay 0.5", t => t.Number("learning_rate", t.Call(0.3, 2500, 0.5, 1000), Sched4));
        }),
    ];
}
