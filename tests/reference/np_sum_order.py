# numpy adds floats pairwise, in blocks of 8192: sums and means print numpy's last digit.
import numpy as np
rng = np.random.RandomState(0)
a = rng.randn(1000) * 10.0 ** rng.randint(-3, 8, 1000)
np.sum(a)
a.sum()
np.mean(a)
a.mean()
b = rng.randn(10007) * 10.0 ** rng.randint(-3, 8, 10007)
np.sum(b)
b.mean()
c = rng.randn(37, 300)
c.sum(axis=1)[:6]
np.mean(c, axis=1)[:6]
np.sum(c, axis=-1, keepdims=True)[:3]
c.sum(axis=0)[:6]
c.sum()
c.mean()
f = rng.randn(5000).astype(np.float32)
np.sum(f)
np.mean(f)
f.reshape(50, 100).sum(axis=1)[:5]
f.reshape(50, 100).mean(axis=1)[:5]
d = rng.rand(4, 5, 6)
d.sum(axis=(1, 2))
d.mean(axis=(1, 2))
d.sum(axis=2)[0]
np.sum([0.1] * 10)
np.sum(np.array([0.1] * 17))
np.mean([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1])
np.sum(np.linspace(0, 1, 1001))
np.sum(np.array([], dtype=np.float64))
np.sum(np.arange(10))
