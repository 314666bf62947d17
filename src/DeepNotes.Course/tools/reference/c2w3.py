"""Reference values for the C2W3 graders (framework introduction)."""
import numpy as np
from lit import Literals

if __name__ == "__main__":
    o = Literals("C2W3")
    np.random.seed(1)
    X = np.random.randn(3, 1); W = np.random.randn(4, 3); b = np.random.randn(4, 1)
    o.add("Linear", W @ X + b)
    labels = np.array([[1., 2., 3., 0., 2., 1.]])
    o.add("Labels", labels); o.add("OneHot4", np.eye(4)[labels.astype(int).ravel()].T)
    o.add("OneHot6", np.eye(6)[np.array([5, 0, 3]).ravel()].T)
    np.random.seed(2)
    imgs = np.random.randint(0, 256, size=(2, 4, 4, 3)).astype(float)
    o.add("Images", imgs); o.add("Normalized", imgs.reshape(2, -1) / 255.)
    o.write()
