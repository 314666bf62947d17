"""Tunes/validates the generated 2-D regularization set: trains the course's 3-layer model (none / L2 / dropout) with numpy.
Usage: python3 regularization.py 0.3 4 0.03 12   (amplitude, frequency, boundary noise, flipped train labels)"""
import numpy as np, sys
def sigmoid(x): return 1/(1+np.exp(-x))
def relu(x): return np.maximum(0,x)
def make(seed, m, amp, freq, noise, flip):
    np.random.seed(seed)
    X = np.random.rand(2, m); X[0] = X[0]*1.3 - 0.75; X[1] = X[1]*1.5 - 0.75
    margin = X[1] - (amp*np.sin(freq*X[0] + 1.0) - 0.1)
    Y = (margin + np.random.randn(m)*noise > 0).astype(float).reshape(1, m)
    idx = np.random.permutation(m)[:flip]; Y[0, idx] = 1 - Y[0, idx]
    return X, Y
def init(dims):
    np.random.seed(3); p={}
    for l in range(1,len(dims)):
        p['W'+str(l)] = np.random.randn(dims[l], dims[l-1]) / np.sqrt(dims[l-1]); p['b'+str(l)] = np.zeros((dims[l],1))
    return p
def model(X, Y, lr=0.3, iters=30000, lambd=0, keep_prob=1):
    p = init([X.shape[0], 20, 3, 1]); m = X.shape[1]
    for i in range(iters):
        W1,b1,W2,b2,W3,b3 = [p[k] for k in ('W1','b1','W2','b2','W3','b3')]
        if keep_prob<1: np.random.seed(1)
        Z1 = W1@X+b1; A1 = relu(Z1)
        if keep_prob<1: D1 = np.random.rand(*A1.shape) < keep_prob; A1 = A1*D1/keep_prob
        Z2 = W2@A1+b2; A2 = relu(Z2)
        if keep_prob<1: D2 = np.random.rand(*A2.shape) < keep_prob; A2 = A2*D2/keep_prob
        Z3 = W3@A2+b3; A3 = sigmoid(Z3)
        dZ3 = A3-Y; dW3 = dZ3@A2.T/m + lambd/m*W3; db3 = dZ3.sum(1,keepdims=True)/m
        dA2 = W3.T@dZ3
        if keep_prob<1: dA2 = dA2*D2/keep_prob
        dZ2 = dA2*(A2>0); dW2 = dZ2@A1.T/m + lambd/m*W2; db2 = dZ2.sum(1,keepdims=True)/m
        dA1 = W2.T@dZ2
        if keep_prob<1: dA1 = dA1*D1/keep_prob
        dZ1 = dA1*(A1>0); dW1 = dZ1@X.T/m + lambd/m*W1; db1 = dZ1.sum(1,keepdims=True)/m
        for k,g in (('W1',dW1),('b1',db1),('W2',dW2),('b2',db2),('W3',dW3),('b3',db3)): p[k] = p[k]-lr*g
    return p
def acc(p, X, Y):
    A1 = relu(p['W1']@X+p['b1']); A2 = relu(p['W2']@A1+p['b2']); A3 = sigmoid(p['W3']@A2+p['b3'])
    return np.mean((A3>0.5)==Y)
amp, freq, noise, flip = [float(v) for v in sys.argv[1:5]]
Xtr, Ytr = make(1, 211, amp, freq, noise, int(flip)); Xte, Yte = make(2, 200, amp, freq, noise, int(flip)//3)
np.random.seed(1)  # dropout draws
for name, kw in (("none", {}), ("L2 0.7", {"lambd": 0.7}), ("dropout .86", {"keep_prob": 0.86})):
    np.random.seed(1); p = model(Xtr, Ytr, **kw); print(name, round(acc(p,Xtr,Ytr),3), round(acc(p,Xte,Yte),3), flush=True)
