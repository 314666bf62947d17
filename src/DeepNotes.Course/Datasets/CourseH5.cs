namespace DeepNotes.Course.Datasets;

/// <summary>
/// One course .h5 file: images <c>{prefix}_x</c> (N, H, W, C) with values 0–255, labels <c>{prefix}_y</c> as (1, N),
/// and the class names of <c>list_classes</c>. The prefix is "train_set" or "test_set" in the course's files.
/// </summary>
public sealed record CourseH5(string Prefix, Tensor X, Tensor Y, string[] Classes);
