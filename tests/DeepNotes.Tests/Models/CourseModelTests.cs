using DeepNotes.Models;
using DeepNotes.NN;
using DeepNotes.Optimizers;

namespace DeepNotes.Tests.Models;

/// <summary>The course's Keras models built with our API: layer lists and parameter counts as the graders check them.</summary>
public class CourseModelTests
{
    [Fact]
    public void SignsConvNetFunctionalSummaryAndTrainingStep()
    {
        // convolutional_model from the SIGNS assignment.
        var inputImg = new Input(64, 64, 3);
        var z1 = new Conv2D(8, 4, strides: 1, padding: "same").Call(inputImg);
        var a1 = new ReLU().Call(z1);
        var p1 = new MaxPool2D(8, strides: 8, padding: "same").Call(a1);
        var z2 = new Conv2D(16, 2, strides: 1, padding: "same").Call(p1);
        var a2 = new ReLU().Call(z2);
        var p2 = new MaxPool2D(4, strides: 4, padding: "same").Call(a2);
        var f = new Flatten().Call(p2);
        var outputs = new Dense(6, "softmax").Call(f);
        var model = new Model(inputImg, outputs);

        var s = model.Summary();
        var expected = new (string, string, int)[]
        {
            ("InputLayer", "(None, 64, 64, 3)", 0),
            ("Conv2D", "(None, 64, 64, 8)", 392),
            ("ReLU", "(None, 64, 64, 8)", 0),
            ("MaxPool2D", "(None, 8, 8, 8)", 0),
            ("Conv2D", "(None, 8, 8, 16)", 528),
            ("ReLU", "(None, 8, 8, 16)", 0),
            ("MaxPool2D", "(None, 2, 2, 16)", 0),
            ("Flatten", "(None, 64)", 0),
            ("Dense", "(None, 6)", 390),
        };
        Assert.Equal(expected, s.LayerList);
        Assert.Equal(1310, s.TotalParams);

        var rng = new NumpyRandom(0);
        var x = rng.Rand(8, 64, 64, 3).AsType(DType.Float32);
        var y = Tensor.OneHot(Enumerable.Range(0, 8).Select(i => i % 6).ToArray(), 6, dtype: DType.Float32);
        model.Compile(new Adam(0.01), "categorical_crossentropy", ["accuracy"]);
        var h = model.Fit(x, y, epochs: 2, batchSize: 4, verbose: 0);
        Assert.True(double.IsFinite(h["loss"][1]));
        Assert.Equal([8, 6], model.Predict(x).Shape.ToArray());
    }

    [Fact]
    public void HappyModelSequentialSummary()
    {
        // happyModel: ZeroPadding2D(3) → Conv2D(32, 7) → BatchNormalization(axis=3) → ReLU → MaxPool2D → Flatten → Dense(1, sigmoid)
        var model = new Sequential([
            new ZeroPadding2D(3),
            new Conv2D(32, 7, strides: 1),
            new BatchNormalization(axis: 3),
            new ReLU(),
            new MaxPool2D(),
            new Flatten(),
            new Dense(1, "sigmoid"),
        ], inputShape: [64, 64, 3]);
        var s = model.Summary();
        Assert.Equal(("ZeroPadding2D", "(None, 70, 70, 3)", 0), s.LayerList[0]);
        Assert.Equal(("Conv2D", "(None, 64, 64, 32)", 4736), s.LayerList[1]);
        Assert.Equal(("BatchNormalization", "(None, 64, 64, 32)", 128), s.LayerList[2]);
        Assert.Equal(("MaxPool2D", "(None, 32, 32, 32)", 0), s.LayerList[4]);
        Assert.Equal(("Flatten", "(None, 32768)", 0), s.LayerList[5]);
        Assert.Equal(("Dense", "(None, 1)", 32769), s.LayerList[6]);
        Assert.Equal(37633, s.TotalParams);
        Assert.Equal(64, s.NonTrainableParams);
    }
}
