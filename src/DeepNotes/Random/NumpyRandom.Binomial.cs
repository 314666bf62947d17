namespace DeepNotes;

public sealed partial class NumpyRandom
{
    /// <summary>
    /// Binomial samples (successes in n trials of probability p) as a float64 tensor, numpy's legacy
    /// <c>binomial(n, p, size)</c>: inversion when min(p, 1-p) * n &lt;= 30, else BTPE, both in their legacy form
    /// (numpy's <c>legacy_random_binomial</c>). Every sample consumes draws, even when n == 0 or p == 0.
    /// </summary>
    public Tensor Binomial(int n, double p, params int[] shape)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), $"binomial: n < 0 (n={n})");
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), $"binomial: p < 0, p > 1 or p is NaN (p={p})");
        var t = NewFloat64(shape, "binomial", out var data);
        lock (gate)
        {
            if (p <= 0.5)
            {
                if (p * n <= 30.0)
                {
                    var inv = new BinomialInversion(n, p);
                    for (int i = 0; i < data.Length; i++) data[i] = inv.Sample(mt);
                }
                else
                {
                    var btpe = new BinomialBtpe(n, p);
                    for (int i = 0; i < data.Length; i++) data[i] = btpe.Sample(mt);
                }
            }
            else
            {
                double q = 1.0 - p;
                if (q * n <= 30.0)
                {
                    var inv = new BinomialInversion(n, q);
                    for (int i = 0; i < data.Length; i++) data[i] = n - inv.Sample(mt);
                }
                else
                {
                    var btpe = new BinomialBtpe(n, q);
                    for (int i = 0; i < data.Length; i++) data[i] = n - btpe.Sample(mt);
                }
            }
        }
        return t;
    }

    /// <summary>numpy's <c>legacy_random_binomial_inversion</c> (note: exp(n log q), not log1p).</summary>
    private readonly struct BinomialInversion
    {
        private readonly long n;
        private readonly double p, q, qn;
        private readonly long bound;

        public BinomialInversion(long n, double p)
        {
            this.n = n;
            this.p = p;
            q = 1.0 - p;
            qn = Math.Exp(n * Math.Log(q));
            double np = n * p;
            bound = (long)Math.Min(n, np + 10.0 * Math.Sqrt(np * q + 1));
        }

        public long Sample(MersenneTwister mt)
        {
            long x = 0;
            double px = qn;
            double u = mt.NextDouble();
            while (u > px)
            {
                x++;
                if (x > bound)
                {
                    x = 0;
                    px = qn;
                    u = mt.NextDouble();
                }
                else
                {
                    u -= px;
                    px = ((n - x + 1) * p * px) / (x * q);
                }
            }
            return x;
        }
    }

    /// <summary>
    /// numpy's <c>legacy_random_binomial_btpe</c> (Kachitvichyanukul and Schmeiser's BTPE), kept with the
    /// legacy Stirling terms so that the stream matches numpy's RandomState. p here is at most 0.5.
    /// </summary>
    private readonly struct BinomialBtpe
    {
        private readonly long n, m;
        private readonly double r, q, fm, p1, xm, xl, xr, c, laml, lamr, p2, p3, p4;

        public BinomialBtpe(long n, double p)
        {
            this.n = n;
            r = Math.Min(p, 1.0 - p);
            q = 1.0 - r;
            fm = n * r + r;
            m = (long)Math.Floor(fm);
            p1 = Math.Floor(2.195 * Math.Sqrt(n * r * q) - 4.6 * q) + 0.5;
            xm = m + 0.5;
            xl = xm - p1;
            xr = xm + p1;
            c = 0.134 + 20.5 / (15.3 + m);
            double a = (fm - xl) / (fm - xl * r);
            laml = a * (1.0 + a / 2.0);
            a = (xr - fm) / (xr * q);
            lamr = a * (1.0 + a / 2.0);
            p2 = p1 * (1.0 + 2.0 * c);
            p3 = p2 + c / laml;
            p4 = p3 + c / lamr;
        }

        public long Sample(MersenneTwister mt)
        {
            double u, v, x, nrq;
            long y, k;

        Step10:
            nrq = n * r * q;
            u = mt.NextDouble() * p4;
            v = mt.NextDouble();
            if (u > p1) goto Step20;
            y = (long)Math.Floor(xm - p1 * v + u);
            return y;

        Step20:
            if (u > p2) goto Step30;
            x = xl + (u - p1) / c;
            v = v * c + 1.0 - Math.Abs(m - x + 0.5) / p1;
            if (v > 1.0) goto Step10;
            y = (long)Math.Floor(x);
            goto Step50;

        Step30:
            if (u > p3) goto Step40;
            y = (long)Math.Floor(xl + Math.Log(v) / laml);
            if (y < 0 || v == 0.0) goto Step10;
            v = v * (u - p2) * laml;
            goto Step50;

        Step40:
            y = (long)Math.Floor(xr - Math.Log(v) / lamr);
            if (y > n || v == 0.0) goto Step10;
            v = v * (u - p3) * lamr;

        Step50:
            k = Math.Abs(y - m);
            if (k > 20 && k < nrq / 2.0 - 1) goto Step52;
            double s = r / q;
            double a = s * (n + 1);
            double f = 1.0;
            if (m < y)
                for (long i = m + 1; i <= y; i++) f *= a / i - s;
            else if (m > y)
                for (long i = y + 1; i <= m; i++) f /= a / i - s;
            if (v > f) goto Step10;
            return y;

        Step52:
            double rho = (k / nrq) * ((k * (k / 3.0 + 0.625) + 0.16666666666666666) / nrq + 0.5);
            double t = -k * k / (2 * nrq);
            double logV = Math.Log(v);
            if (logV < t - rho) return y;
            if (logV > t + rho) goto Step10;
            double x1 = (double)y + 1;
            double f1 = (double)m + 1;
            double z = (double)n + 1 - (double)m;
            double w = (double)n - (double)y + 1;
            double x2 = x1 * x1, f2 = f1 * f1, z2 = z * z, w2 = w * w;
            if (logV > xm * Math.Log(f1 / x1) + (n - m + 0.5) * Math.Log(z / w) + (y - m) * Math.Log(w * r / (x1 * q))
                       + (13680.0 - (462.0 - (132.0 - (99.0 - 140.0 / f2) / f2) / f2) / f2) / f1 / 166320.0
                       + (13680.0 - (462.0 - (132.0 - (99.0 - 140.0 / z2) / z2) / z2) / z2) / z / 166320.0
                       + (13680.0 - (462.0 - (132.0 - (99.0 - 140.0 / x2) / x2) / x2) / x2) / x1 / 166320.0
                       + (13680.0 - (462.0 - (132.0 - (99.0 - 140.0 / w2) / w2) / w2) / w2) / w / 166320.0)
                goto Step10;
            return y;
        }
    }
}
