"""Reference values for the C2W3 graders (framework introduction), computed with plain numpy."""
import numpy as np
from lit import Literals

def linear_function():
    np.random.seed(1)
    X = np.random.randn(3, 1); W = np.random.randn(4, 3); b = np.random.randn(4, 1)
    return W @ X + b

def sigmoid(z): return 1 / (1 + np.exp(-np.float32(z).astype(np.float64)))

def one_hot_matrix(labels, depth):
    labels = np.asarray(labels).ravel().astype(int)
    return np.eye(depth)[labels].T

def glorot(n_out, n_in): return np.random.randn(n_out, n_in) * np.sqrt(2. / (n_in + n_out))

def initialize_parameters():
    # Glorot (Xavier) normal with numpy's generator; stored as float32 like TensorFlow's variables.
    np.random.seed(1)
    p = {}
    for l, (o, i) in enumerate([(25, 12288), (12, 25), (6, 12)], start=1):
        p["W%d" % l] = glorot(o, i).astype(np.float32)
        p["b%d" % l] = np.zeros((o, 1), np.float32)
    return p

def relu(x): return np.maximum(0, x)

def forward_propagation(X, p):
    A1 = relu(p["W1"] @ X + p["b1"]); A2 = relu(p["W2"] @ A1 + p["b2"]); return p["W3"] @ A2 + p["b3"]

def log_softmax(z): z = z - z.max(0, keepdims=True); return z - np.log(np.exp(z).sum(0, keepdims=True))

def compute_total_loss(logits, labels): return -(labels * log_softmax(logits)).sum()

if __name__ == "__main__":
    o = Literals("C2W3")
    o.add("Linear", linear_function())
    o.add("SigmoidIn", [-1., 0., 12.])
    o.add("SigmoidOut", sigmoid(np.array([-1., 0., 12.])))
    o.add("OneHotLabels", [[1, 2, 3, 0, 2, 1]])
    o.add("OneHot", one_hot_matrix([1, 2, 3, 0, 2, 1], 4))
    p = initialize_parameters()
    o.add("InitW1Head", p["W1"][0, :5]); o.add("InitW1Tail", p["W1"][-1, -5:])
    o.num("InitW1Sum", p["W1"].astype(np.float64).sum()); o.num("InitW1Std", p["W1"].astype(np.float64).std())
    o.add("InitW2", p["W2"]); o.add("InitW3", p["W3"])
    # ForwardPropagation on small float32 inputs; gradient of sum(Z3) with respect to W1.
    np.random.seed(2)
    small = {"X": np.random.randn(4, 3)}
    for k, shape in (("W1", (5, 4)), ("b1", (5, 1)), ("W2", (3, 5)), ("b2", (3, 1)), ("W3", (6, 3)), ("b3", (6, 1))):
        small[k] = np.random.randn(*shape)
    small = {k: v.astype(np.float32).astype(np.float64) for k, v in small.items()}
    for k, v in small.items(): o.add("Fwd" + k, v)
    Z3 = forward_propagation(small["X"], small)
    o.add("FwdZ3", Z3)
    A1 = relu(small["W1"] @ small["X"] + small["b1"]); Z2 = small["W2"] @ A1 + small["b2"]
    dA2 = small["W3"].T @ np.ones_like(Z3); dZ2 = dA2 * (Z2 > 0); dA1 = small["W2"].T @ dZ2; dZ1 = dA1 * (small["W1"] @ small["X"] + small["b1"] > 0)
    o.add("FwddW1", dZ1 @ small["X"].T)
    # ComputeTotalLoss: the course's test logits (6, 2), labels one-hot of classes 5 and 3; and a random (6, 5) case.
    pred = np.array([[2.4048107, 5.0334096], [-0.7921977, -4.1523376], [0.9447198, -0.46802214],
                     [1.158121, 3.9810789], [4.768706, 2.3220146], [6.1481323, 3.909829]], np.float32).astype(np.float64)
    lab = one_hot_matrix([5, 3], 6)
    o.add("LossLogits", pred); o.add("LossLabels", lab); o.num("Loss", compute_total_loss(pred, lab))
    np.random.seed(3)
    logits = np.random.randn(6, 5).astype(np.float32).astype(np.float64); lab5 = one_hot_matrix(np.random.randint(0, 6, 5), 6)
    o.add("Loss5Logits", logits); o.add("Loss5Labels", lab5); o.num("Loss5", compute_total_loss(logits, lab5))
    e = np.exp(log_softmax(logits)); o.add("Loss5Grad", e - lab5)
    o.write()
