namespace DeepNotes.Course.Datasets;

public static partial class Datasets
{
    /// <summary>
    /// The cat vs non-cat set in the course's layout (lr_utils.load_dataset / dnn_app_utils.load_data):
    /// train_x_orig (209, 64, 64, 3) with values 0–255, train_y (1, 209), test_x_orig (50, 64, 64, 3), test_y (1, 50),
    /// classes ["non-cat", "cat"]. By default it reads the set shipped inside this library (emoji composites, see
    /// Datasets/Data/LICENSE-catvnoncat.md); pass the course's own train_catvnoncat.h5 / test_catvnoncat.h5 to use those.
    /// </summary>
    public static (Tensor TrainXOrig, Tensor TrainY, Tensor TestXOrig, Tensor TestY, string[] Classes) LoadCatData(string? trainPath = null, string? testPath = null)
    {
        var train = trainPath is null ? LoadEmbedded("train_catvnoncat.h5") : LoadH5(trainPath);
        var test = testPath is null ? LoadEmbedded("test_catvnoncat.h5") : LoadH5(testPath);
        return (train.X, train.Y, test.X, test.Y, test.Classes);
    }

    private static CourseH5 LoadEmbedded(string file)
    {
        string name = "DeepNotes.Course." + file;
        using var stream = typeof(Datasets).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"the DeepNotes.Course assembly has no embedded {name}");
        // PureHDF needs a seekable stream; resource streams are, but copy to be safe with any host.
        var memory = new MemoryStream();
        stream.CopyTo(memory);
        memory.Position = 0;
        return LoadH5(memory, file);
    }
}
