using DeepNotes;
using DeepNotes.NN;

namespace DeepNotes.Tests.NN;

public class CourseModelSummaryTests
{
    [Fact]
    public void SignsConvNetSummaryMatchesKeras()
    {
        var model = new DeepNotes.Models.Sequential(
        [
            new Conv2D(8, 4, padding: "same", activation: "relu"),
            new MaxPool2D(8, 8, "same"),
            new Conv2D(16, 2, padding: "same", activation: "relu"),
            new MaxPool2D(4, 4, "same"),
            new Flatten(),
            new Dense(6),
        ], inputShape: [64, 64, 3]);
        var summary = model.Summary();
        var list = summary.LayerList.Select(l => (l.Type, l.OutputShape, l.Params)).ToArray();
        Assert.Equal(
        [
            ("Conv2D", "(None, 64, 64, 8)", 392),
            ("MaxPool2D", "(None, 8, 8, 8)", 0),
            ("Conv2D", "(None, 8, 8, 16)", 528),
            ("MaxPool2D", "(None, 2, 2, 16)", 0),
            ("Flatten", "(None, 64)", 0),
            ("Dense", "(None, 6)", 390),
        ], list.Where(l => l.Type != "InputLayer").ToArray());
        Assert.Equal(1310, summary.TotalParams);
    }

    [Fact]
    public void JazzLstmSummaryMatchesKeras()
    {
        var model = new DeepNotes.Models.Sequential([new LSTM(64, returnSequences: true), new Dense(90)], inputShape: [30, 90]);
        var list = model.Summary().LayerList.Where(l => l.Type != "InputLayer").ToArray();
        Assert.Equal(("LSTM", "(None, 30, 64)", 4 * (90 * 64 + 64 * 64 + 64)), (list[0].Type, list[0].OutputShape, list[0].Params));
        Assert.Equal(("Dense", "(None, 30, 90)", 64 * 90 + 90), (list[1].Type, list[1].OutputShape, list[1].Params));
    }
}
