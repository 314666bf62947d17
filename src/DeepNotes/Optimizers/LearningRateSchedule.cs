namespace DeepNotes.Optimizers;

/// <summary>A learning rate as a function of the step count and the epoch (Keras LearningRateSchedule).</summary>
public abstract class LearningRateSchedule
{
    /// <summary>The learning rate at a 0-based step and epoch.</summary>
    public abstract double Rate(int step, int epoch);
}

/// <summary>Keras ExponentialDecay: lr0·rate^(step/decaySteps) (staircase: floor of the exponent).</summary>
public sealed class ExponentialDecay : LearningRateSchedule
{
    public ExponentialDecay(double initialLearningRate, int decaySteps, double decayRate, bool staircase = false)
    {
        if (decaySteps <= 0) throw new ArgumentException($"ExponentialDecay: decaySteps must be positive, got {decaySteps}");
        if (!(decayRate > 0)) throw new ArgumentException($"ExponentialDecay: decayRate must be positive, got {decayRate}");
        (InitialLearningRate, DecaySteps, DecayRate, Staircase) = (initialLearningRate, decaySteps, decayRate, staircase);
    }

    public double InitialLearningRate { get; }
    public int DecaySteps { get; }
    public double DecayRate { get; }
    public bool Staircase { get; }

    public override double Rate(int step, int epoch)
    {
        double p = (double)step / DecaySteps;
        return InitialLearningRate * Math.Pow(DecayRate, Staircase ? Math.Floor(p) : p);
    }
}

/// <summary>
/// The course's learning-rate decay, per epoch: lr0 / (1 + decayRate·⌊epoch/timeInterval⌋) ("scheduled";
/// timeInterval 1 gives the unscheduled update_lr form lr0/(1 + decayRate·epoch)).
/// </summary>
public sealed class InverseTimeDecay : LearningRateSchedule
{
    public InverseTimeDecay(double initialLearningRate, double decayRate, int timeInterval = 1)
    {
        if (!(decayRate >= 0)) throw new ArgumentException($"InverseTimeDecay: decayRate must be ≥ 0, got {decayRate}");
        if (timeInterval <= 0) throw new ArgumentException($"InverseTimeDecay: timeInterval must be positive, got {timeInterval}");
        (InitialLearningRate, DecayRate, TimeInterval) = (initialLearningRate, decayRate, timeInterval);
    }

    public double InitialLearningRate { get; }
    public double DecayRate { get; }
    public int TimeInterval { get; }

    public override double Rate(int step, int epoch) => Scheduled(InitialLearningRate, epoch, DecayRate, TimeInterval);

    /// <summary>The course's update_lr: lr0 / (1 + decay_rate·epoch_num).</summary>
    public static double Unscheduled(double learningRate0, int epochNum, double decayRate) => learningRate0 / (1 + decayRate * epochNum);

    /// <summary>The course's schedule_lr_decay: lr0 / (1 + decay_rate·floor(epoch_num / time_interval)).</summary>
    public static double Scheduled(double learningRate0, int epochNum, double decayRate, int timeInterval = 1000) =>
        learningRate0 / (1 + decayRate * Math.Floor((double)epochNum / timeInterval));
}

/// <summary>Step decay: lr0·factor^⌊epoch/dropEvery⌋ (e.g. halve every 10 epochs).</summary>
public sealed class StepDecay : LearningRateSchedule
{
    public StepDecay(double initialLearningRate, int dropEvery, double factor = 0.5)
    {
        if (dropEvery <= 0) throw new ArgumentException($"StepDecay: dropEvery must be positive, got {dropEvery}");
        if (!(factor > 0)) throw new ArgumentException($"StepDecay: factor must be positive, got {factor}");
        (InitialLearningRate, DropEvery, Factor) = (initialLearningRate, dropEvery, factor);
    }

    public double InitialLearningRate { get; }
    public int DropEvery { get; }
    public double Factor { get; }

    public override double Rate(int step, int epoch) => InitialLearningRate * Math.Pow(Factor, epoch / DropEvery);
}
