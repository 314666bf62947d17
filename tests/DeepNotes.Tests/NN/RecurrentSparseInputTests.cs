using DeepNotes.NN;

namespace DeepNotes.Tests.NN;

/// <summary>The compressed rows of a mostly-zero recurrent input: found a vector at a time, both dtypes.</summary>
public class RecurrentSparseInputTests
{
    [Theory]
    [InlineData(7, 13)]   // rows shorter than a vector, the flat length not a multiple of one
    [InlineData(30, 90)]  // the jazz rows
    [InlineData(3, 100)]
    public void RowsReproduceTheInput(int rows, int f)
    {
        Check<float>(rows, f);
        Check<double>(rows, f);
    }

    private static void Check<T>(int rows, int f) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var rng = new System.Random(rows + f);
        var x = new T[rows * f];
        for (int r = 0; r < rows; r++)
        {
            if (r % 5 == 1) continue;                                     // empty row
            x[r * f + rng.Next(f)] = T.One;                               // one-hot
            if (r % 5 == 2) x[r * f + rng.Next(f)] = T.CreateChecked(-2.5); // another non-zero (or overwrites)
            if (r % 5 == 3) x[r * f + f - 1] = T.NegativeZero;           // −0 counts as a non-zero entry, adds 0
        }
        var sparse = RecurrentSparseInput<T>.TryCreate(x, rows, f);
        Assert.NotNull(sparse);
        var identity = new T[f * f];
        for (int j = 0; j < f; j++) identity[j * f + j] = T.One;
        for (int r = 0; r < rows; r++)
        {
            var z = new T[f];
            sparse!.AddRow(r, f, identity, z);
            Assert.Equal(x.AsSpan(r * f, f).ToArray().Select(v => v + T.Zero), z);
            int col = sparse.OneHotColumn(r);
            int nonZeros = 0, one = -1;
            for (int j = 0; j < f; j++)
                if (!T.IsZero(x[r * f + j]) || T.IsNegative(x[r * f + j])) { nonZeros++; if (x[r * f + j] == T.One) one = j; }
            Assert.Equal(nonZeros == 0 ? -1 : nonZeros == 1 && one >= 0 ? one : -2, col);
        }
    }

    [Fact]
    public void MoreThanOneInEightNonZeroIsLeftToTheGemm()
    {
        int rows = 4, f = 20, limit = rows * f / 8;
        var x = new float[rows * f];
        for (int i = 0; i < limit; i++) x[i * 7 % x.Length] = 1;
        Assert.NotNull(RecurrentSparseInput<float>.TryCreate(x, rows, f));
        x[x.Length - 1] = 3;
        Assert.Null(RecurrentSparseInput<float>.TryCreate(x, rows, f));
    }
}
