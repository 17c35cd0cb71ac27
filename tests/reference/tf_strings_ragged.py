import tensorflow as tf
t = tf.constant(["hello world", "foo bar baz"])
tf.strings.split(t)
tf.strings.split(t).to_list()
tf.strings.split(t, maxsplit=1)
tf.strings.split(["a b", ""])
tf.strings.split(tf.constant(["a,b", "c"]), ",")
tf.strings.split(t).row_lengths()
tf.strings.split(t).flat_values
tf.strings.bytes_split(["ab", "c"])
tf.strings.unicode_split(["ab", "c"], "UTF-8")
tf.strings.unicode_decode(["ab", "é"], "UTF-8")
tf.ragged.constant([["a", "b"], ["c"]])
tf.ragged.constant([[b"x"], [], [b"y", b"z"]])
rt = tf.ragged.constant([["a", "b"], ["c"]])
rt.dtype
rt[0]
rt[1:]
tf.strings.upper(rt)
tf.strings.length(rt)
tf.strings.reduce_join(rt, axis=1, separator=" ")
words = tf.strings.split(["the cat sat", "a dog"])
words.nrows()
words.bounding_shape()
