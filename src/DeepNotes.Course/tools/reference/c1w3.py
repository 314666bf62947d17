"""Reference values for the C1W3 graders (one hidden layer, planar data), computed with a plain numpy solution."""
import numpy as np
from lit import Literals

def sigmoid(z): return 1 / (1 + np.exp(-z))

def layer_sizes(X, Y): return X.shape[0], 4, Y.shape[0]

def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(2)  # the course seeds inside so the expected output is fixed
    return {"W1": np.random.randn(n_h, n_x) * 0.01, "b1": np.zeros((n_h, 1)),
            "W2": np.random.randn(n_y, n_h) * 0.01, "b2": np.zeros((n_y, 1))}

def forward_propagation(X, p):
    Z1 = p["W1"] @ X + p["b1"]; A1 = np.tanh(Z1)
    Z2 = p["W2"] @ A1 + p["b2"]; A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}

def compute_cost(A2, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)

def backward_propagation(p, cache, X, Y):
    m = X.shape[1]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = dZ2 @ A1.T / m; db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = (p["W2"].T @ dZ2) * (1 - A1 ** 2)
    dW1 = dZ1 @ X.T / m; db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}

def update_parameters(p, g, learning_rate=1.2):
    return {k: p[k] - learning_rate * g["d" + k] for k in ("W1", "b1", "W2", "b2")}

def nn_model(X, Y, n_h, num_iterations=10000):
    np.random.seed(3)
    n_x, _, n_y = layer_sizes(X, Y)
    p = initialize_parameters(n_x, n_h, n_y)
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, p)
        g = backward_propagation(p, cache, X, Y)
        p = update_parameters(p, g)
    return p

def predict(p, X):
    A2, _ = forward_propagation(X, p)
    return (A2 > 0.5).astype(float)

def main():
    o = Literals("C1W3")
    for name, (nx, nh, ny) in {"Init241": (2, 4, 1), "Init352": (3, 5, 2)}.items():
        p = initialize_parameters(nx, nh, ny)
        for k, v in p.items(): o.add(f"{name}{k}", v)

    np.random.seed(1)
    X = np.random.randn(2, 3); Y = (np.random.randn(1, 3) > 0).astype(float)
    p = initialize_parameters(2, 4, 1)
    np.random.seed(1); np.random.randn(2, 3); np.random.randn(1, 3)
    p["b1"] = np.random.randn(4, 1) * 0.1; p["b2"] = np.array([[-1.3]])
    o.add("X", X); o.add("Y", Y)
    for k, v in p.items(): o.add(f"P{k}", v)
    A2, cache = forward_propagation(X, p)
    for k, v in cache.items(): o.add(f"Fwd{k}", v)
    o.num("Cost", compute_cost(A2, Y))
    np.random.seed(4); A2r = np.random.rand(1, 5) * 0.9 + 0.05; Yr = (np.random.rand(1, 5) > 0.5).astype(float)
    o.add("CostA2", A2r); o.add("CostY", Yr); o.num("Cost2", compute_cost(A2r, Yr))
    g = backward_propagation(p, cache, X, Y)
    for k, v in g.items(): o.add(f"Grad{k}", v)
    u = update_parameters(p, g)
    for k, v in u.items(): o.add(f"Upd{k}", v)
    u = update_parameters(p, g, 0.5)
    for k, v in u.items(): o.add(f"Upd05{k}", v)

    np.random.seed(5)
    Xm = np.random.randn(2, 8); Ym = (Xm[0:1] * Xm[1:2] > 0).astype(float)
    o.add("ModelX", Xm); o.add("ModelY", Ym)
    pm = nn_model(Xm, Ym, 4, num_iterations=200)
    for k, v in pm.items(): o.add(f"Model{k}", v)
    pm3 = nn_model(Xm, Ym, 3, num_iterations=50)
    for k, v in pm3.items(): o.add(f"Model3{k}", v)
    o.add("Pred", predict(pm, Xm))
    o.add("PredRaw", predict(p, X))
    o.write()

if __name__ == "__main__":
    main()
