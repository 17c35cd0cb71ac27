import tensorflow as tf
import os
os.makedirs("/tmp/tensh_text_ref", exist_ok=True)
with open("/tmp/tensh_text_ref/a.csv", "w") as f: f.write("x,y,label\n1.5,2,cat\n3,4.25,dog\n-1,0,cat\n")
with open("/tmp/tensh_text_ref/b.txt", "w") as f: f.write("first line\r\nsecond line\n\nlast")
with open("/tmp/tensh_text_ref/c.txt", "w") as f: f.write("")
ds = tf.data.TextLineDataset("/tmp/tensh_text_ref/b.txt")
ds
ds.element_spec
for line in ds: print(line)
list(ds.as_numpy_iterator())
list(tf.data.TextLineDataset(["/tmp/tensh_text_ref/b.txt", "/tmp/tensh_text_ref/c.txt", "/tmp/tensh_text_ref/a.csv"]).as_numpy_iterator())
lines = tf.data.TextLineDataset("/tmp/tensh_text_ref/a.csv").skip(1)
def parse(line):
    x, y, label = tf.io.decode_csv(line, [[0.0], [0.0], [""]])
    return tf.stack([x, y]), label
parsed = lines.map(parse)
parsed.element_spec
for feats, label in parsed: print(feats.numpy(), label.numpy())
for b in parsed.batch(2): print(b)
words = tf.data.Dataset.from_tensor_slices(["the cat", "a dog sat", "hi"])
words
words.element_spec
list(words.as_numpy_iterator())
for w in words.map(tf.strings.upper): print(w)
for w in words.map(lambda s: tf.strings.length(s)): print(w)
for b in words.batch(2): print(b)
for w in words.filter(lambda s: tf.strings.length(s) > 3): print(w)
labels = tf.data.Dataset.from_tensor_slices((["a", "b"], [1, 2]))
labels.element_spec
for s, n in labels: print(s, n)
files = tf.data.Dataset.list_files("/tmp/tensh_text_ref/*.txt", shuffle=False)
files
list(files.as_numpy_iterator())
sorted(tf.data.Dataset.list_files("/tmp/tensh_text_ref/*").as_numpy_iterator())
len(list(tf.data.Dataset.list_files("/tmp/tensh_text_ref/*", seed=3)))
tf.data.Dataset.list_files("/tmp/tensh_text_ref/*.nope")
tf.data.TextLineDataset(1)
tf.data.TextLineDataset("/tmp/tensh_text_ref/missing.txt")
list(tf.data.TextLineDataset("/tmp/tensh_text_ref/missing.txt"))
nums = tf.data.TextLineDataset("/tmp/tensh_text_ref/a.csv").skip(1).map(lambda l: tf.strings.to_number(tf.strings.split(l, ",")[0]))
list(nums.as_numpy_iterator())
