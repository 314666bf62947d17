"""Reference values for the C2W2 graders (optimization) and the course model's accuracies on our moons."""
import sys, math
import numpy as np
from lit import Literals
from datasets import make_moons

def update_parameters_with_gd(p, g, lr):
    return {k: p[k] - lr * g["d" + k] for k in p}

def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]; perm = list(np.random.permutation(m))
    sX = X[:, perm]; sY = Y[:, perm].reshape((1, m)); batches = []
    full = math.floor(m / mini_batch_size)
    for k in range(full):
        batches.append((sX[:, k * mini_batch_size:(k + 1) * mini_batch_size], sY[:, k * mini_batch_size:(k + 1) * mini_batch_size]))
    if m % mini_batch_size != 0:
        batches.append((sX[:, full * mini_batch_size:], sY[:, full * mini_batch_size:]))
    return batches

def initialize_velocity(p):
    return {"d" + k: np.zeros_like(v) for k, v in p.items()}

def update_parameters_with_momentum(p, g, v, beta, lr):
    v = {k: beta * v[k] + (1 - beta) * g[k] for k in v}
    return {k: p[k] - lr * v["d" + k] for k in p}, v

def initialize_adam(p):
    return initialize_velocity(p), initialize_velocity(p)

def update_parameters_with_adam(p, g, v, s, t, lr=0.01, beta1=0.9, beta2=0.999, eps=1e-8):
    v = {k: beta1 * v[k] + (1 - beta1) * g[k] for k in v}
    vc = {k: v[k] / (1 - beta1 ** t) for k in v}
    s = {k: beta2 * s[k] + (1 - beta2) * g[k] ** 2 for k in s}
    sc = {k: s[k] / (1 - beta2 ** t) for k in s}
    return {k: p[k] - lr * vc["d" + k] / (np.sqrt(sc["d" + k]) + eps) for k in p}, v, s, vc, sc

def update_lr(lr0, epoch, decay_rate): return lr0 / (1 + decay_rate * epoch)
def schedule_lr_decay(lr0, epoch, decay_rate, time_interval=1000): return lr0 / (1 + decay_rate * np.floor(epoch / time_interval))

def sigmoid(x): return 1 / (1 + np.exp(-x))
def relu(x): return np.maximum(0, x)

def init_params(dims):
    np.random.seed(3); p = {}
    for l in range(1, len(dims)):
        p["W%d" % l] = np.random.randn(dims[l], dims[l - 1]) * np.sqrt(2 / dims[l - 1]); p["b%d" % l] = np.zeros((dims[l], 1))
    return p

def fwd(X, p):
    z1 = p["W1"] @ X + p["b1"]; a1 = relu(z1); z2 = p["W2"] @ a1 + p["b2"]; a2 = relu(z2); z3 = p["W3"] @ a2 + p["b3"]; a3 = sigmoid(z3)
    return a3, (a1, a2)

def bwd(X, Y, a3, cache, p):
    a1, a2 = cache; m = X.shape[1]
    dz3 = (a3 - Y) / m; dW3 = dz3 @ a2.T; db3 = dz3.sum(1, keepdims=True)
    dz2 = (p["W3"].T @ dz3) * (a2 > 0); dW2 = dz2 @ a1.T; db2 = dz2.sum(1, keepdims=True)
    dz1 = (p["W2"].T @ dz2) * (a1 > 0); dW1 = dz1 @ X.T; db1 = dz1.sum(1, keepdims=True)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2, "dW3": dW3, "db3": db3}

def model(X, Y, dims, optimizer, lr=0.0007, mbs=64, beta=0.9, beta1=0.9, beta2=0.999, eps=1e-8, epochs=5000, decay=None, decay_rate=1):
    p = init_params(dims); t = 0; seed = 10; lr0 = lr
    if optimizer == "momentum": v = initialize_velocity(p)
    if optimizer == "adam": v, s = initialize_adam(p)
    for i in range(epochs):
        seed += 1
        for bX, bY in random_mini_batches(X, Y, mbs, seed):
            a3, cache = fwd(bX, p); g = bwd(bX, bY, a3, cache, p)
            if optimizer == "gd": p = update_parameters_with_gd(p, g, lr)
            elif optimizer == "momentum": p, v = update_parameters_with_momentum(p, g, v, beta, lr)
            else: t += 1; p, v, s, _, _ = update_parameters_with_adam(p, g, v, s, t, lr, beta1, beta2, eps)
        if decay: lr = decay(lr0, i, decay_rate)
    return p

if __name__ == "__main__":
    o = Literals("C2W2")
    np.random.seed(1)
    p = {"W1": np.random.randn(2, 3), "b1": np.random.randn(2, 1), "W2": np.random.randn(3, 3), "b2": np.random.randn(3, 1)}
    g = {"dW1": np.random.randn(2, 3), "db1": np.random.randn(2, 1), "dW2": np.random.randn(3, 3), "db2": np.random.randn(3, 1)}
    for k, val in p.items(): o.add("P" + k, val)
    for k, val in g.items(): o.add("G" + k, val)
    for k, val in update_parameters_with_gd(p, g, 0.01).items(): o.add("Step" + k, val)
    np.random.seed(1); X = np.random.randn(12288, 148) if False else np.random.randn(3, 148); Y = (np.random.randn(1, 148) < 0.5).astype(float)
    o.add("MbX", X); o.add("MbY", Y)
    mb = random_mini_batches(X, Y, 64, seed=0)
    o.num("MbCount", len(mb)); o.add("Mb0X", mb[0][0]); o.add("Mb2Y", mb[2][1]); o.add("Mb2X", mb[2][0])
    mb = random_mini_batches(X, Y, 32, seed=5)
    o.num("Mb32Count", len(mb)); o.add("Mb32Last", mb[-1][0])
    v = initialize_velocity(p)
    np.random.seed(2); v = {k: np.random.randn(*val.shape) * 0.1 for k, val in v.items()}
    for k, val in v.items(): o.add("V" + k, val)
    pm, vm = update_parameters_with_momentum(p, g, v, 0.9, 0.01)
    for k, val in pm.items(): o.add("Mom" + k, val)
    for k, val in vm.items(): o.add("MomV" + k, val)
    np.random.seed(3); s = {k: np.abs(np.random.randn(*val.shape)) * 0.01 for k, val in v.items()}
    for k, val in s.items(): o.add("S" + k, val)
    pa, va, sa, vc, sc = update_parameters_with_adam(p, g, v, s, 2, 0.02, 0.8, 0.888, 1e-2)
    for name, d in (("Adam", pa), ("AdamV", va), ("AdamS", sa), ("AdamVc", vc), ("AdamSc", sc)):
        for k, val in d.items(): o.add(name + k, val)
    o.num("Lr1", update_lr(0.5, 2, 1)); o.num("Lr2", update_lr(0.3, 10, 0.5))
    o.num("Sched1", schedule_lr_decay(0.5, 100, 1)); o.num("Sched2", schedule_lr_decay(0.5, 10, 1, 10)); o.num("Sched3", schedule_lr_decay(0.3, 1000, 1, 100)); o.num("Sched4", schedule_lr_decay(0.3, 2500, 0.5))
    o.write()
    if "--accuracy" in sys.argv:
        np.random.seed(3); X, Y = make_moons(300, .2); X, Y = X.T, Y.reshape(1, -1)
        acc = lambda p: ((fwd(X, p)[0] > 0.5) == Y).mean()
        for name, kw in (("gd", dict(optimizer="gd")), ("momentum", dict(optimizer="momentum")), ("adam", dict(optimizer="adam")),
                         ("gd decay", dict(optimizer="gd", lr=0.1, decay=schedule_lr_decay)), ("momentum decay", dict(optimizer="momentum", lr=0.1, decay=schedule_lr_decay)),
                         ("adam decay", dict(optimizer="adam", lr=0.01, decay=schedule_lr_decay))):
            print(name, acc(model(X, Y, [2, 5, 2, 1], **kw)), flush=True)
