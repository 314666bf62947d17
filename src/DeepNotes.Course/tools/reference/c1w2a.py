"""Reference values for the C1W2a graders (numpy basics). Prints them; Graders/C1W2aGraders.cs holds them inline."""
import numpy as np

def lit(name, a):
    a = np.asarray(a, dtype=np.float64)
    print(f"// {name}: shape {a.shape}\n[{', '.join(repr(float(v)) for v in a.ravel())}]")

def num(name, v):
    print(f"// {name}\n{repr(float(v))}")

def sigmoid(x): return 1 / (1 + np.exp(-x))
def sigmoid_derivative(x): s = sigmoid(x); return s * (1 - s)
def normalize_rows(x): return x / np.linalg.norm(x, axis=1, keepdims=True)
def softmax(x): e = np.exp(x); return e / np.sum(e, axis=1, keepdims=True)
def L1(yhat, y): return np.sum(np.abs(y - yhat))
def L2(yhat, y): return np.sum((y - yhat) ** 2)

num("basic_sigmoid(1)", sigmoid(1.0)); num("basic_sigmoid(-2.5)", sigmoid(-2.5))
x = np.array([1., 2., 3.]); lit("sigmoid([1,2,3])", sigmoid(x)); lit("sigmoid_derivative([1,2,3])", sigmoid_derivative(x))
np.random.seed(1); z = np.random.randn(3, 4); lit("z seed1 (3,4)", z); lit("sigmoid(z)", sigmoid(z)); lit("sigmoid_derivative(z)", sigmoid_derivative(z))
np.random.seed(2); img = np.random.rand(3, 3, 2); lit("image (3,3,2)", img)
x = np.array([[0., 3., 4.], [1., 6., 4.]]); lit("normalize_rows", normalize_rows(x))
np.random.seed(3); x = np.random.randn(4, 3); lit("rows seed3", x); lit("normalize_rows(rows)", normalize_rows(x))
x = np.array([[9., 2., 5., 0., 0.], [7., 5., 0., 0., 0.]]); lit("softmax", softmax(x))
np.random.seed(4); x = np.random.randn(3, 4); lit("sm seed4", x); lit("softmax(sm)", softmax(x))
yhat = np.array([.9, 0.2, 0.1, .4, .9]); y = np.array([1., 0., 0., 1., 1.]); num("L1", L1(yhat, y)); num("L2", L2(yhat, y))
np.random.seed(5); yh = np.random.rand(6); yy = (np.random.rand(6) > 0.5).astype(float); lit("yhat5", yh); lit("y5", yy); num("L1 5", L1(yh, yy)); num("L2 5", L2(yh, yy))
