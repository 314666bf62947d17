using DeepNotes.Course.Tools;
using Sets = DeepNotes.Course.Datasets.Datasets;

// Usage: BuildCatData <emoji package dir> <output dir>   (see README.md)
if (args.Length is < 2 or > 3)
{
    Console.Error.WriteLine("usage: BuildCatData <emoji-datasource-google package dir> <output dir> [contact sheet dir]");
    return 2;
}
var composer = new CatComposer(Path.Combine(args[0], "img", "google", "64"));
string[] classes = ["non-cat", "cat"];
foreach (var (prefix, count, cats, seed) in new[] { ("train_set", 209, 72, 2017), ("test_set", 50, 17, 2018) })
{
    var (x, y) = composer.Compose(count, cats, seed);
    var path = Path.Combine(args[1], $"{prefix.Replace("_set", "")}_catvnoncat.h5");
    Sets.SaveH5(path, prefix, x, y, classes);
    if (args.Length == 3) ContactSheet.Write(Path.Combine(args[2], $"{prefix}.png"), x, y);
    Console.WriteLine($"wrote {path}: {new FileInfo(path).Length / 1024} KiB, {x.Shape}, {y.ToArray().Sum()} cats");
}
return 0;
