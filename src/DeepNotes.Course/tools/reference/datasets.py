"""First values of the generated 2-D data sets, for the dataset tests (planar_utils / sklearn formulas with numpy)."""
import numpy as np

def load_planar_dataset():
    np.random.seed(1)
    m = 400; N = int(m / 2); D = 2
    X = np.zeros((m, D)); Y = np.zeros((m, 1), dtype='uint8'); a = 4
    for j in range(2):
        ix = range(N * j, N * (j + 1))
        t = np.linspace(j * 3.12, (j + 1) * 3.12, N) + np.random.randn(N) * 0.2
        r = a * np.sin(4 * t) + np.random.randn(N) * 0.2
        X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]; Y[ix] = j
    return X.T, Y.T

def finish(X, y, noise, gen=np.random):
    idx = np.arange(len(y)); gen.shuffle(idx); X, y = X[idx], y[idx]
    X = X + gen.normal(scale=noise, size=X.shape)
    return X, y

def make_circles(n, noise, factor=.8):
    no = n // 2; ni = n - no
    lo = np.linspace(0, 2 * np.pi, no, endpoint=False); li = np.linspace(0, 2 * np.pi, ni, endpoint=False)
    X = np.vstack([np.append(np.cos(lo), np.cos(li) * factor), np.append(np.sin(lo), np.sin(li) * factor)]).T
    y = np.hstack([np.zeros(no), np.ones(ni)])
    return finish(X, y, noise)

def make_moons(n, noise):
    no = n // 2; ni = n - no
    X = np.vstack([np.append(np.cos(np.linspace(0, np.pi, no)), 1 - np.cos(np.linspace(0, np.pi, ni))),
                   np.append(np.sin(np.linspace(0, np.pi, no)), 1 - np.sin(np.linspace(0, np.pi, ni)) - .5)]).T
    y = np.hstack([np.zeros(no), np.ones(ni)])
    return finish(X, y, noise)

if __name__ == "__main__":
    X, Y = load_planar_dataset()
    print("planar X[:, :3]", repr(X[:, :3].tolist()), "Y sum", Y.sum(), "X[:, 399]", X[:, 399].tolist())
    np.random.seed(1); X, y = make_circles(300, .05); print("circles train X[:3]", repr(X[:3].tolist()), repr(y[:6].tolist()))
    np.random.seed(2); X, y = make_circles(100, .05); print("circles test X[:2]", repr(X[:2].tolist()), repr(y[:6].tolist()))
    np.random.seed(3); X, y = make_moons(300, .2); print("moons X[:3]", repr(X[:3].tolist()), repr(y[:6].tolist()))
