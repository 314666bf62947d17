"""Reference values for the C2W1c graders (gradient checking, gc_utils conventions)."""
import numpy as np
from lit import Literals

def sigmoid(x): return 1 / (1 + np.exp(-x))
def relu(x): return np.maximum(0, x)
KEYS = ["W1", "b1", "W2", "b2", "W3", "b3"]

def forward_propagation_n(X, Y, p):
    m = X.shape[1]
    Z1 = p["W1"] @ X + p["b1"]; A1 = relu(Z1); Z2 = p["W2"] @ A1 + p["b2"]; A2 = relu(Z2); Z3 = p["W3"] @ A2 + p["b3"]; A3 = sigmoid(Z3)
    cost = 1. / m * np.sum(np.multiply(-np.log(A3), Y) + np.multiply(-np.log(1 - A3), 1 - Y))
    return cost, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2, "Z3": Z3, "A3": A3, **p}

def backward_propagation_n(X, Y, c, bugs=True):
    m = X.shape[1]
    dZ3 = c["A3"] - Y; dW3 = 1. / m * dZ3 @ c["A2"].T; db3 = 1. / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = c["W3"].T @ dZ3; dZ2 = dA2 * (c["A2"] > 0)
    dW2 = 1. / m * dZ2 @ c["A1"].T * (2 if bugs else 1); db2 = 1. / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = c["W2"].T @ dZ2; dZ1 = dA1 * (c["A1"] > 0)
    dW1 = 1. / m * dZ1 @ X.T; db1 = (4. if bugs else 1.) / m * np.sum(dZ1, axis=1, keepdims=True)
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2, "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}

def gradient_check_n(p, g, X, Y, epsilon=1e-7):
    shapes = [(k, p[k].shape) for k in KEYS]
    theta = np.concatenate([p[k].reshape(-1, 1) for k in KEYS])
    grad = np.concatenate([g["d" + k].reshape(-1, 1) for k in KEYS])
    def to_dict(v):
        d = {}; i = 0
        for k, s in shapes:
            n = int(np.prod(s)); d[k] = v[i:i + n].reshape(s); i += n
        return d
    approx = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        tp = np.copy(theta); tp[i][0] += epsilon; jp, _ = forward_propagation_n(X, Y, to_dict(tp))
        tm = np.copy(theta); tm[i][0] -= epsilon; jm, _ = forward_propagation_n(X, Y, to_dict(tm))
        approx[i] = (jp - jm) / (2 * epsilon)
    return np.linalg.norm(grad - approx) / (np.linalg.norm(grad) + np.linalg.norm(approx))

if __name__ == "__main__":
    o = Literals("C2W1c")
    np.random.seed(1)
    X = np.random.randn(4, 3); Y = np.array([[1., 1., 0.]])
    p = {"W1": np.random.randn(5, 4), "b1": np.random.randn(5, 1), "W2": np.random.randn(3, 5), "b2": np.random.randn(3, 1), "W3": np.random.randn(1, 3), "b3": np.random.randn(1, 1)}
    o.add("X", X); o.add("Y", Y)
    for k, v in p.items(): o.add("P" + k, v)
    cost, cache = forward_propagation_n(X, Y, p)
    o.num("Cost", cost)
    for k in ("Z1", "A1", "Z2", "A2", "Z3", "A3"): o.add("C" + k, cache[k])
    bug = backward_propagation_n(X, Y, cache, True); good = backward_propagation_n(X, Y, cache, False)
    for k, v in bug.items(): o.add("Bug" + k, v)
    for k, v in good.items(): o.add("Good" + k, v)
    o.num("DiffBug", gradient_check_n(p, bug, X, Y)); o.num("DiffGood", gradient_check_n(p, good, X, Y))
    o.write()
    print(gradient_check_n(p, bug, X, Y), gradient_check_n(p, good, X, Y))
