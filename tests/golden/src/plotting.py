import matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt
import numpy as np
import os
out_dir = '/tmp'
fig = plt.figure()
fig
print(fig)
plt.figure(figsize=(10, 5))
plt.figure(figsize=(4, 3), dpi=50)
lines = plt.plot([1, 2, 3])
type(lines), len(lines), type(lines[0])
plt.title('x')
plt.xlabel('e')
plt.ylabel('loss')
plt.suptitle('S')
plt.gca()
print(plt.gca())
ax = plt.gca(); ax.set_title('t'); ax.set_xlabel('xx')
ax
plt.gcf()
fig, axes = plt.subplots(2, 2)
fig
type(axes), axes.shape, axes.dtype
axes
print(axes)
axes[0, 1]
print(axes[0, 1])
len(list(axes.flat)), axes.size, axes.ndim, len(axes)
fig, axes = plt.subplots(1, 3)
axes.shape
axes
fig, axes = plt.subplots(2, 5)
axes
fig, axes = plt.subplots(1, 10)
axes
print(axes)
fig, ax = plt.subplots()
print(ax, type(ax))
fig, axes = plt.subplots(2, 2, squeeze=False)
axes.shape
fig, axes = plt.subplots(1, 1, squeeze=False)
axes.shape, axes
axes.ravel().shape, axes.flatten().shape
print(plt.subplot(2, 5, 1))
print(plt.subplot(235))
im = plt.imshow(np.zeros((3, 3)))
print(im)
plt.axis('off')
plt.axis('on')
plt.xlim(0, 5)
plt.ylim()
plt.xticks([])
plt.yticks([])
print(plt.grid(True))
plt.text(1, 2, 'hi')
print(plt.tight_layout())
print(plt.show())
print(plt.close())
print(plt.clf())
type(plt.scatter([1, 2], [3, 4]))
plt.bar([1, 2], [3, 4])
plt.barh([1, 2], [3, 4])
plt.hist([1, 2, 2, 3, 3, 3], bins=3)
fig = plt.figure(); im = plt.imshow(np.zeros((2, 2))); cb = plt.colorbar(); print(type(cb))
fig
fig.axes[1]
fig = plt.figure()
print(fig.add_subplot(1, 2, 1))
print(fig.add_subplot(122))
fig
print(fig.get_size_inches(), fig.dpi)
fig.set_size_inches(3, 2); print(fig)
print(fig.add_axes([0.1, 0.1, 0.8, 0.8]))
# %%
for fmt in ['rx--z', 'q', 'r--b', '--:', 'oo']:
    try:
        plt.plot([1, 2], fmt)
    except ValueError as e:
        print(e)
# %%
plt.plot([1, 2], [1, 2, 3])
plt.plot([1, 2], color='notacolor')
plt.imshow(np.zeros((2, 2, 5)))
plt.imshow(np.zeros((2,)))
plt.subplot(2, 2, 5)
plt.subplots(0, 1)
plt.axis('foo')
plt.savefig(os.path.join(out_dir, 'x.foo'))
fig, ax = plt.subplots()
ax.set_xlim(0, 10), ax.get_xlim(), ax.set_ylim([1, 2])
len(ax.set_xticks([0, 5, 10]))
ax.set_xticklabels(['a', 'b', 'c'])
print(ax.legend(['x']))
fig, ax = plt.subplots(); ax.plot([0, 1, 2], [3, 1, 2]); print(ax.get_xlim(), ax.get_ylim())
ax.plot([5], [7]); print(ax.get_xlim(), ax.get_ylim())
fig, ax = plt.subplots(); ax.bar([0, 1, 2], [3, 1, 2]); print(ax.get_xlim(), ax.get_ylim())
fig, ax = plt.subplots(); ax.barh([0, 1, 2], [3, 1, 2]); print(ax.get_xlim(), ax.get_ylim())
fig, ax = plt.subplots(); ax.hist([1, 2, 2, 3, 3, 3, 4]); print([round(v, 9) for v in ax.get_xlim()], ax.get_ylim())
fig, ax = plt.subplots(); ax.scatter([0, 1, 2], [3, 1, 2]); print(ax.get_xlim(), ax.get_ylim())
fig, ax = plt.subplots(); ax.imshow(np.zeros((28, 28))); print(ax.get_xlim(), ax.get_ylim())
fig, ax = plt.subplots(); ax.plot([1, 1]); print(ax.get_xlim(), ax.get_ylim())
fig, ax = plt.subplots(); print(ax.get_xlim(), ax.get_ylim(), ax.get_xticks())
fig, ax = plt.subplots(); ax.plot(range(1, 11), [0.9, 0.5, 0.4, 0.3, 0.25, 0.2, 0.18, 0.16, 0.15, 0.14]); print(ax.get_xticks(), ax.get_yticks())
plt.close('all'); print(plt.get_fignums())
print(plt.figure(3)); print(plt.gcf().number)
plt.figure(); plt.get_fignums()
# %%
history = {'loss': [0.9, 0.5, 0.35, 0.3, 0.27], 'val_loss': [0.95, 0.6, 0.45, 0.42, 0.41],
           'accuracy': [0.6, 0.8, 0.86, 0.9, 0.91]}
fig = plt.figure(figsize=(8, 4))
plt.plot(history['loss'], 'b-', label='train')
plt.plot(history['val_loss'], 'r--', label='validation')
plt.title('Loss')
plt.xlabel('epoch')
plt.ylabel('loss')
leg = plt.legend()
type(leg)
[t.get_text() for t in leg.get_texts()]
plt.gca()
plt.savefig(os.path.join(out_dir, 'loss.png'))
os.path.getsize(os.path.join(out_dir, 'loss.png')) > 1000
plt.savefig(os.path.join(out_dir, 'loss.svg'))
open(os.path.join(out_dir, 'loss.svg')).read().count('<svg')
# %%
images = np.random.RandomState(0).rand(10, 8, 8)
plt.figure(figsize=(10, 4))
for i in range(10):
    plt.subplot(2, 5, i + 1)
    plt.imshow(images[i], cmap='gray')
    plt.title(str(i))
    plt.axis('off')
# %%
plt.gcf()
fig, axes = plt.subplots(2, 5, figsize=(10, 4))
for ax, img in zip(axes.flat, images):
    ax.imshow(img, cmap='binary', interpolation='nearest')
    ax.set_xticks([])
    ax.set_yticks([])
# %%
fig.suptitle('digits')
fig
plt.close('all')
plt.get_fignums()
# %%
plt.cm.gray(0.5)
plt.cm.tab10(1)
plt.get_cmap('gray').name, type(plt.cm.viridis)
fig, ax = plt.subplots()
bars = ax.bar(['a', 'b', 'c'], [3, 1, 2], color='green')
len(bars), bars[0].get_height(), [p.get_x() for p in bars]
ax.get_xticks(), ax.get_xlim()
sc = ax.scatter([1, 2, 3], [4, 5, 6], c=[0.1, 0.5, 0.9], cmap='viridis', s=20)
sc.get_label()
fig, ax = plt.subplots(figsize=(5, 3))
lines = ax.plot([0, 1], [0, 1], 'go-', linewidth=2, markersize=4, label='a')
lines[0].get_label(), lines[0].get_color()
ax.legend(loc='lower right')
ax.grid(True)
ax.get_legend() is not None
ax.axhline(0.5), ax.axvline(0.5)
ax.set(title='T', xlabel='x')
ax
