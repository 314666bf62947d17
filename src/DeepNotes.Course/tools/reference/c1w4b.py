"""Reference values for the C1W4b graders (two-layer and L-layer models, dnn_app_utils conventions)."""
import numpy as np
from lit import Literals
from c1w4a import linear_activation_forward, linear_activation_backward, compute_cost, update_parameters, L_model_forward, L_model_backward

def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(1)
    return {"W1": np.random.randn(n_h, n_x) * 0.01, "b1": np.zeros((n_h, 1)), "W2": np.random.randn(n_y, n_h) * 0.01, "b2": np.zeros((n_y, 1))}

def initialize_parameters_deep(dims):
    np.random.seed(1); p = {}
    for l in range(1, len(dims)):
        p["W%d" % l] = np.random.randn(dims[l], dims[l - 1]) / np.sqrt(dims[l - 1]); p["b%d" % l] = np.zeros((dims[l], 1))
    return p

def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000):
    np.random.seed(1); costs = []
    p = initialize_parameters(*layers_dims)
    for i in range(num_iterations):
        A1, c1 = linear_activation_forward(X, p["W1"], p["b1"], "relu")
        A2, c2 = linear_activation_forward(A1, p["W2"], p["b2"], "sigmoid")
        cost = compute_cost(A2, Y)
        dA2 = -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))
        dA1, dW2, db2 = linear_activation_backward(dA2, c2, "sigmoid")
        dA0, dW1, db1 = linear_activation_backward(dA1, c1, "relu")
        p = update_parameters(p, {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}, learning_rate)
        if i % 100 == 0 or i == num_iterations: costs.append(cost)
    return p, costs

def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000):
    np.random.seed(1); costs = []
    p = initialize_parameters_deep(layers_dims)
    for i in range(num_iterations):
        AL, caches = L_model_forward(X, p)
        cost = compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches)
        p = update_parameters(p, grads, learning_rate)
        if i % 100 == 0 or i == num_iterations: costs.append(cost)
    return p, costs

if __name__ == "__main__":
    o = Literals("C1W4b")
    np.random.seed(7)
    X = np.random.randn(6, 10); Y = (np.random.rand(1, 10) > 0.5).astype(float)
    o.add("X", X); o.add("Y", Y)
    p, costs = two_layer_model(X, Y, (6, 4, 1), 0.05, 201)
    for k, v in p.items(): o.add("Two" + k, v)
    o.add("TwoCosts", costs)
    p, costs = L_layer_model(X, Y, [6, 5, 3, 1], 0.05, 201)
    for k, v in p.items(): o.add("Deep" + k, v)
    o.add("DeepCosts", costs)
    o.write()
