"""Reference values for the C1W2b graders (logistic regression), computed with a plain numpy solution."""
import numpy as np
from lit import Literals

def sigmoid(z): return 1 / (1 + np.exp(-z))

def initialize_with_zeros(dim): return np.zeros((dim, 1)), 0.0

def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(w.T @ X + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    dw = X @ (A - Y).T / m
    db = np.sum(A - Y) / m
    return {"dw": dw, "db": db}, float(np.squeeze(cost))

def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009):
    w = w.copy(); costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w = w - learning_rate * grads["dw"]; b = b - learning_rate * grads["db"]
        if i % 100 == 0: costs.append(cost)
    return {"w": w, "b": b}, grads, costs

def predict(w, b, X):
    A = sigmoid(w.T @ X + b)
    return (A > 0.5).astype(float)

def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5):
    w, b = initialize_with_zeros(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate)
    w, b = params["w"], params["b"]
    return {"costs": costs, "Y_prediction_test": predict(w, b, X_test), "Y_prediction_train": predict(w, b, X_train), "w": w, "b": b}

o = Literals("C1W2b")
w, b = np.array([[1.], [2.]]), 2.
X, Y = np.array([[1., 2., -1.], [3., 4., -3.2]]), np.array([[1., 0., 1.]])
o.add("W", w); o.add("X", X); o.add("Y", Y)
grads, cost = propagate(w, b, X, Y)
o.add("Dw", grads["dw"]); o.num("Db", grads["db"]); o.num("Cost", cost)
grads, cost = propagate(w, 1.5, X, Y)
o.add("Dw15", grads["dw"]); o.num("Db15", grads["db"]); o.num("Cost15", cost)

np.random.seed(1)
X2 = np.random.randn(3, 5); Y2 = (np.random.rand(1, 5) > 0.5).astype(float); w2 = np.random.randn(3, 1) * 0.1
o.add("X2", X2); o.add("Y2", Y2); o.add("W2", w2)
grads, cost = propagate(w2, -0.2, X2, Y2)
o.add("Dw2", grads["dw"]); o.num("Db2", grads["db"]); o.num("Cost2", cost)

params, grads, costs = optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009)
o.add("OptW", params["w"]); o.num("OptB", params["b"]); o.add("OptDw", grads["dw"]); o.num("OptDb", grads["db"]); o.add("OptCosts", costs)
params, grads, costs = optimize(w2, -0.2, X2, Y2, num_iterations=301, learning_rate=0.05)
o.add("Opt2W", params["w"]); o.num("Opt2B", params["b"]); o.add("Opt2Dw", grads["dw"]); o.num("Opt2Db", grads["db"]); o.add("Opt2Costs", costs)

o.add("PredW", np.array([[0.1124579], [0.23106775]])); o.add("PredX", np.array([[1., -1.1, -3.2], [1.2, 2., 0.1]]))
o.add("Pred", predict(np.array([[0.1124579], [0.23106775]]), -0.3, np.array([[1., -1.1, -3.2], [1.2, 2., 0.1]])))
o.add("Pred2", predict(w2, -0.2, X2))

np.random.seed(2)
Xtr = np.random.randn(4, 7); Ytr = (np.random.rand(1, 7) > 0.5).astype(float); Xte = np.random.randn(4, 3); Yte = (np.random.rand(1, 3) > 0.5).astype(float)
o.add("ModelXtrain", Xtr); o.add("ModelYtrain", Ytr); o.add("ModelXtest", Xte); o.add("ModelYtest", Yte)
d = model(Xtr, Ytr, Xte, Yte, num_iterations=250, learning_rate=0.1)
o.add("ModelCosts", d["costs"]); o.add("ModelPredTest", d["Y_prediction_test"]); o.add("ModelPredTrain", d["Y_prediction_train"]); o.add("ModelW", d["w"]); o.num("ModelB", d["b"])
o.write()
print(cost, propagate(np.array([[1.], [2.]]), 2., X, Y))
