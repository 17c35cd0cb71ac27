import os
import shutil
import numpy as np
shutil.rmtree('/tmp/tensh_npy', ignore_errors=True)
os.makedirs('/tmp/tensh_npy')
a = np.arange(12).reshape(3, 4)
np.save('/tmp/tensh_npy/a.npy', a)
np.save('/tmp/tensh_npy/b', np.linspace(0, 1, 5))
sorted(os.listdir('/tmp/tensh_npy'))
open('/tmp/tensh_npy/a.npy', 'rb').read()
open('/tmp/tensh_npy/b.npy', 'rb').read()[:80]
np.load('/tmp/tensh_npy/a.npy')
np.load('/tmp/tensh_npy/b.npy')
np.save('/tmp/tensh_npy/f32.npy', np.ones((2, 2), dtype=np.float32) / 3)
np.load('/tmp/tensh_npy/f32.npy')
np.load('/tmp/tensh_npy/f32.npy').dtype
np.save('/tmp/tensh_npy/u8.npy', np.array([[0, 255], [7, 8]], dtype=np.uint8))
np.load('/tmp/tensh_npy/u8.npy')
np.save('/tmp/tensh_npy/bools.npy', np.array([True, False, True]))
np.load('/tmp/tensh_npy/bools.npy')
np.save('/tmp/tensh_npy/scalar.npy', 3.5)
np.load('/tmp/tensh_npy/scalar.npy').shape
float(np.load('/tmp/tensh_npy/scalar.npy'))
np.save('/tmp/tensh_npy/list.npy', [[1, 2], [3, 4]])
np.load('/tmp/tensh_npy/list.npy')
np.save('/tmp/tensh_npy/empty.npy', np.zeros((0, 3)))
np.load('/tmp/tensh_npy/empty.npy').shape
open('/tmp/tensh_npy/scalar.npy', 'rb').read()
np.savez('/tmp/tensh_npy/pack', a, np.arange(3), w=np.ones(2))
d = np.load('/tmp/tensh_npy/pack.npz')
d
d.files
d['arr_0']
d['w']
'w' in d
'zz' in d
len(d)
list(d)
sorted(d.keys())
d['missing']
np.savez_compressed('/tmp/tensh_npy/small.npz', x=np.arange(100), y=np.ones((3, 3)))
with np.load('/tmp/tensh_npy/small.npz') as z:
    print(z['x'].sum(), z['y'])

np.savez('/tmp/tensh_npy/clash.npz', np.ones(1), arr_0=np.zeros(1))
np.load('/tmp/tensh_npy/nothere.npy')
open('/tmp/tensh_npy/junk.npy', 'wb').write(b'this is not numpy')
np.load('/tmp/tensh_npy/junk.npy')
