"""Reference values for the C1W4a graders (deep network step by step), computed with a plain numpy solution."""
import numpy as np
from lit import Literals

def sigmoid(Z): return 1 / (1 + np.exp(-Z))
def relu(Z): return np.maximum(0, Z)

def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(1)
    return {"W1": np.random.randn(n_h, n_x) * 0.01, "b1": np.zeros((n_h, 1)),
            "W2": np.random.randn(n_y, n_h) * 0.01, "b2": np.zeros((n_y, 1))}

def initialize_parameters_deep(layer_dims):
    np.random.seed(3)
    p = {}
    for l in range(1, len(layer_dims)):
        p["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        p["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return p

def linear_forward(A, W, b): return W @ A + b, (A, W, b)

def linear_activation_forward(A_prev, W, b, activation):
    Z, lc = linear_forward(A_prev, W, b)
    A = sigmoid(Z) if activation == "sigmoid" else relu(Z)
    return A, (lc, Z)

def L_model_forward(X, p):
    caches = []; A = X; L = len(p) // 2
    for l in range(1, L):
        A, c = linear_activation_forward(A, p["W" + str(l)], p["b" + str(l)], "relu"); caches.append(c)
    AL, c = linear_activation_forward(A, p["W" + str(L)], p["b" + str(L)], "sigmoid"); caches.append(c)
    return AL, caches

def compute_cost(AL, Y):
    m = Y.shape[1]
    return float(np.squeeze(-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m))

def linear_backward(dZ, cache):
    A_prev, W, b = cache; m = A_prev.shape[1]
    return W.T @ dZ, dZ @ A_prev.T / m, np.sum(dZ, axis=1, keepdims=True) / m

def linear_activation_backward(dA, cache, activation):
    lc, Z = cache
    if activation == "relu": dZ = dA * (Z > 0)
    else: s = sigmoid(Z); dZ = dA * s * (1 - s)
    return linear_backward(dZ, lc)

def L_model_backward(AL, Y, caches):
    grads = {}; L = len(caches); Y = Y.reshape(AL.shape)
    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = linear_activation_backward(dAL, caches[L - 1], "sigmoid")
    for l in reversed(range(L - 1)):
        grads["dA" + str(l)], grads["dW" + str(l + 1)], grads["db" + str(l + 1)] = linear_activation_backward(grads["dA" + str(l + 1)], caches[l], "relu")
    return grads

def update_parameters(params, grads, learning_rate):
    p = {k: v.copy() for k, v in params.items()}
    for l in range(len(p) // 2):
        p["W" + str(l + 1)] -= learning_rate * grads["dW" + str(l + 1)]
        p["b" + str(l + 1)] -= learning_rate * grads["db" + str(l + 1)]
    return p

def main():
    o = Literals("C1W4a")
    for name, dims in {"Init321": (3, 2, 1), "Init452": (4, 5, 2)}.items():
        for k, v in initialize_parameters(*dims).items(): o.add(f"{name}{k}", v)
    for name, dims in {"Deep543": [5, 4, 3], "Deep4331": [4, 3, 3, 1]}.items():
        for k, v in initialize_parameters_deep(dims).items(): o.add(f"{name}{k}", v)

    np.random.seed(1)
    A = np.random.randn(3, 2); W = np.random.randn(1, 3); b = np.random.randn(1, 1)
    o.add("LfA", A); o.add("LfW", W); o.add("LfB", b); o.add("LfZ", linear_forward(A, W, b)[0])
    np.random.seed(2)
    Ap = np.random.randn(3, 2); W = np.random.randn(1, 3); b = np.random.randn(1, 1)
    o.add("LafA", Ap); o.add("LafW", W); o.add("LafB", b)
    o.add("LafSigmoid", linear_activation_forward(Ap, W, b, "sigmoid")[0]); o.add("LafRelu", linear_activation_forward(Ap, W, b, "relu")[0])
    o.add("LafZ", linear_forward(Ap, W, b)[0])
    np.random.seed(6)
    X = np.random.randn(5, 4)
    p = {"W1": np.random.randn(4, 5), "b1": np.random.randn(4, 1), "W2": np.random.randn(3, 4), "b2": np.random.randn(3, 1), "W3": np.random.randn(1, 3), "b3": np.random.randn(1, 1)}
    o.add("LmX", X)
    for k, v in p.items(): o.add(f"Lm{k}", v)
    AL, caches = L_model_forward(X, p)
    o.add("LmAL", AL)
    for i, ((a, w, bb), z) in enumerate(caches): o.add(f"LmCacheZ{i + 1}", z)
    Y = np.array([[1., 1., 0., 1.]])
    o.add("LmY", Y)
    o.add("CostY", np.array([[1., 1., 0.]])); o.add("CostAL", np.array([[.8, .9, 0.4]])); o.num("Cost", compute_cost(np.array([[.8, .9, 0.4]]), np.array([[1., 1., 0.]])))
    o.num("CostLm", compute_cost(AL, Y))
    np.random.seed(1)
    dZ = np.random.randn(3, 4); A = np.random.randn(5, 4); W = np.random.randn(3, 5); b = np.random.randn(3, 1)
    o.add("LbdZ", dZ); o.add("LbA", A); o.add("LbW", W); o.add("LbB", b)
    for k, v in zip(("DAPrev", "DW", "Db"), linear_backward(dZ, (A, W, b))): o.add(f"Lb{k}", v)
    np.random.seed(2)
    dA = np.random.randn(1, 2); A = np.random.randn(3, 2); W = np.random.randn(1, 3); b = np.random.randn(1, 1); Z = np.random.randn(1, 2)
    o.add("LabdA", dA); o.add("LabA", A); o.add("LabW", W); o.add("LabB", b); o.add("LabZ", Z)
    for act in ("sigmoid", "relu"):
        for k, v in zip(("DAPrev", "DW", "Db"), linear_activation_backward(dA, ((A, W, b), Z), act)): o.add(f"Lab{act.capitalize()}{k}", v)
    grads = L_model_backward(AL, Y, caches)
    for k, v in grads.items(): o.add(f"LmGrad{k}", v)
    up = update_parameters(p, grads, 0.1)
    for k, v in up.items(): o.add(f"Upd{k}", v)
    o.write()
    print(sorted(grads))

if __name__ == "__main__":
    main()
