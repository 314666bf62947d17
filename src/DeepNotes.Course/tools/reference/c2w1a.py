"""Reference values for the C2W1a graders (initialization) and the course model's accuracies on our circles."""
import sys
import numpy as np
from lit import Literals
from datasets import make_circles

def initialize_parameters_zeros(dims):
    return {k: v for l in range(1, len(dims)) for k, v in (("W%d" % l, np.zeros((dims[l], dims[l - 1]))), ("b%d" % l, np.zeros((dims[l], 1))))}

def initialize_parameters_random(dims):
    np.random.seed(3); p = {}
    for l in range(1, len(dims)):
        p["W%d" % l] = np.random.randn(dims[l], dims[l - 1]) * 10; p["b%d" % l] = np.zeros((dims[l], 1))
    return p

def initialize_parameters_he(dims):
    np.random.seed(3); p = {}
    for l in range(1, len(dims)):
        p["W%d" % l] = np.random.randn(dims[l], dims[l - 1]) * np.sqrt(2. / dims[l - 1]); p["b%d" % l] = np.zeros((dims[l], 1))
    return p

def sigmoid(x): return 1 / (1 + np.exp(-x))
def relu(x): return np.maximum(0, x)

def model(X, Y, lr=0.01, iters=15000, init="he"):
    p = {"zeros": initialize_parameters_zeros, "random": initialize_parameters_random, "he": initialize_parameters_he}[init]([X.shape[0], 10, 5, 1])
    m = X.shape[1]
    for i in range(iters):
        z1 = p["W1"] @ X + p["b1"]; a1 = relu(z1); z2 = p["W2"] @ a1 + p["b2"]; a2 = relu(z2); z3 = p["W3"] @ a2 + p["b3"]; a3 = sigmoid(z3)
        dz3 = (a3 - Y) / m; dW3 = dz3 @ a2.T; db3 = dz3.sum(1, keepdims=True)
        da2 = p["W3"].T @ dz3; dz2 = da2 * (a2 > 0); dW2 = dz2 @ a1.T; db2 = dz2.sum(1, keepdims=True)
        da1 = p["W2"].T @ dz2; dz1 = da1 * (a1 > 0); dW1 = dz1 @ X.T; db1 = dz1.sum(1, keepdims=True)
        for k, g in (("W1", dW1), ("b1", db1), ("W2", dW2), ("b2", db2), ("W3", dW3), ("b3", db3)): p[k] = p[k] - lr * g
    return p

def predict(p, X):
    a1 = relu(p["W1"] @ X + p["b1"]); a2 = relu(p["W2"] @ a1 + p["b2"]); return (sigmoid(p["W3"] @ a2 + p["b3"]) > 0.5).astype(float)

if __name__ == "__main__":
    o = Literals("C2W1a")
    for name, fn in (("Zeros", initialize_parameters_zeros), ("Random", initialize_parameters_random), ("He", initialize_parameters_he)):
        for dims_name, dims in (("321", [3, 2, 1]), ("2451", [2, 4, 5, 1])):
            for k, v in fn(dims).items(): o.add(f"{name}{dims_name}{k}", v)
    o.write()
    if "--accuracy" in sys.argv:
        np.random.seed(1); trX, trY = make_circles(300, .05); np.random.seed(2); teX, teY = make_circles(100, .05)
        trX, teX, trY, teY = trX.T, teX.T, trY.reshape(1, -1), teY.reshape(1, -1)
        with np.errstate(all="ignore"):
            for init in ("zeros", "random", "he"):
                p = model(trX, trY, init=init)
                print(init, (predict(p, trX) == trY).mean(), (predict(p, teX) == teY).mean())
