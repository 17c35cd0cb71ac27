# tf.IndexedSlices: the values of some slices of a dense tensor, with the indices they sit
# at along its first axis (and, optionally, the dense tensor's shape).


class IndexedSlices:
    """A sparse representation of a set of tensor slices at given indices."""

    def __init__(self, values, indices, dense_shape=None):
        self._values = values
        self._indices = indices
        self._dense_shape = dense_shape

    @property
    def values(self):
        """A `Tensor` containing the values of the slices."""
        return self._values

    @property
    def indices(self):
        """A 1-D `Tensor` containing the indices of the slices."""
        return self._indices

    @property
    def dense_shape(self):
        """A 1-D `Tensor` containing the shape of the corresponding dense tensor."""
        return self._dense_shape

    @property
    def dtype(self):
        """The `DType` of elements in this tensor."""
        return self._values.dtype

    @property
    def shape(self):
        """Gets the `tf.TensorShape` representing the shape of the dense tensor."""
        import tensorflow as tf
        if self._dense_shape is None:
            return tf.TensorShape(None)
        return tf.TensorShape([int(d) for d in tf.reshape(self._dense_shape, [-1])])

    def __neg__(self):
        return IndexedSlices(-self._values, self._indices, self._dense_shape)

    def __str__(self):
        return "IndexedSlices(indices=%s, values=%s%s)" % (
            self._indices,
            self._values,
            (", dense_shape=%s" % (self._dense_shape,))
            if self._dense_shape is not None
            else "",
        )
