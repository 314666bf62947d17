"""Reference values for the C2W1b graders (L2 regularization and dropout, reg_utils conventions)."""
import numpy as np
from lit import Literals

def sigmoid(x): return 1 / (1 + np.exp(-x))
def relu(x): return np.maximum(0, x)

def compute_cost(a3, Y):
    m = Y.shape[1]
    return 1. / m * np.nansum(np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y))

def compute_cost_with_regularization(A3, Y, p, lambd):
    m = Y.shape[1]
    return compute_cost(A3, Y) + lambd / (2 * m) * (np.sum(np.square(p["W1"])) + np.sum(np.square(p["W2"])) + np.sum(np.square(p["W3"])))

def forward_propagation(X, p):
    Z1 = p["W1"] @ X + p["b1"]; A1 = relu(Z1); Z2 = p["W2"] @ A1 + p["b2"]; A2 = relu(Z2); Z3 = p["W3"] @ A2 + p["b3"]; A3 = sigmoid(Z3)
    return A3, {"Z1": Z1, "A1": A1, "W1": p["W1"], "b1": p["b1"], "Z2": Z2, "A2": A2, "W2": p["W2"], "b2": p["b2"], "Z3": Z3, "A3": A3, "W3": p["W3"], "b3": p["b3"]}

def backward_propagation_with_regularization(X, Y, c, lambd):
    m = X.shape[1]
    dZ3 = c["A3"] - Y
    dW3 = 1. / m * dZ3 @ c["A2"].T + lambd / m * c["W3"]; db3 = 1. / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = c["W3"].T @ dZ3; dZ2 = dA2 * (c["A2"] > 0)
    dW2 = 1. / m * dZ2 @ c["A1"].T + lambd / m * c["W2"]; db2 = 1. / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = c["W2"].T @ dZ2; dZ1 = dA1 * (c["A1"] > 0)
    dW1 = 1. / m * dZ1 @ X.T + lambd / m * c["W1"]; db1 = 1. / m * np.sum(dZ1, axis=1, keepdims=True)
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2, "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}

def forward_propagation_with_dropout(X, p, keep_prob=0.5):
    np.random.seed(1)
    Z1 = p["W1"] @ X + p["b1"]; A1 = relu(Z1)
    D1 = (np.random.rand(A1.shape[0], A1.shape[1]) < keep_prob).astype(int); A1 = A1 * D1 / keep_prob
    Z2 = p["W2"] @ A1 + p["b2"]; A2 = relu(Z2)
    D2 = (np.random.rand(A2.shape[0], A2.shape[1]) < keep_prob).astype(int); A2 = A2 * D2 / keep_prob
    Z3 = p["W3"] @ A2 + p["b3"]; A3 = sigmoid(Z3)
    return A3, {"Z1": Z1, "D1": D1, "A1": A1, "W1": p["W1"], "b1": p["b1"], "Z2": Z2, "D2": D2, "A2": A2, "W2": p["W2"], "b2": p["b2"], "Z3": Z3, "A3": A3, "W3": p["W3"], "b3": p["b3"]}

def backward_propagation_with_dropout(X, Y, c, keep_prob):
    m = X.shape[1]
    dZ3 = c["A3"] - Y; dW3 = 1. / m * dZ3 @ c["A2"].T; db3 = 1. / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = c["W3"].T @ dZ3; dA2 = dA2 * c["D2"] / keep_prob; dZ2 = dA2 * (c["A2"] > 0)
    dW2 = 1. / m * dZ2 @ c["A1"].T; db2 = 1. / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = c["W2"].T @ dZ2; dA1 = dA1 * c["D1"] / keep_prob; dZ1 = dA1 * (c["A1"] > 0)
    dW1 = 1. / m * dZ1 @ X.T; db1 = 1. / m * np.sum(dZ1, axis=1, keepdims=True)
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2, "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}

if __name__ == "__main__":
    o = Literals("C2W1b")
    np.random.seed(1)
    X = np.random.randn(3, 5); Y = np.array([[1., 1., 0., 1., 0.]])
    p = {"W1": np.random.randn(2, 3), "b1": np.random.randn(2, 1), "W2": np.random.randn(3, 2), "b2": np.random.randn(3, 1), "W3": np.random.randn(1, 3), "b3": np.random.randn(1, 1)}
    o.add("X", X); o.add("Y", Y)
    for k, v in p.items(): o.add("P" + k, v)
    A3, cache = forward_propagation(X, p)
    for k in ("Z1", "A1", "Z2", "A2", "Z3", "A3"): o.add("C" + k, cache[k])
    o.num("CostReg", compute_cost_with_regularization(A3, Y, p, 0.1)); o.num("CostReg07", compute_cost_with_regularization(A3, Y, p, 0.7))
    for k, v in backward_propagation_with_regularization(X, Y, cache, 0.7).items(): o.add("Reg" + k, v)
    A3d, dc = forward_propagation_with_dropout(X, p, 0.7)
    o.add("DropOutA3", A3d)
    for k in ("Z1", "D1", "A1", "Z2", "D2", "A2", "Z3", "A3"): o.add("Drop" + k, dc[k])
    A3d, _ = forward_propagation_with_dropout(X, p, 0.5); o.add("Drop05A3", A3d)
    for k, v in backward_propagation_with_dropout(X, Y, dc, 0.8).items(): o.add("DropGrad" + k, v)
    o.write()
