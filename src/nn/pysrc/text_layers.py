# Keras 2.15's lookup and text preprocessing layers: StringLookup, IntegerLookup,
# TextVectorization and Hashing, with Keras's vocabulary rules (mask and OOV indices, a
# vocabulary learned by `adapt` sorted by count with ties broken by the tokens, high to low),
# output modes (int, one_hot, multi_hot, count, tf_idf) and argument checks.
import collections
import numpy as np
import tensorflow as tf

INT = "int"
ONE_HOT = "one_hot"
MULTI_HOT = "multi_hot"
COUNT = "count"
TF_IDF = "tf_idf"

LOWER_AND_STRIP_PUNCTUATION = "lower_and_strip_punctuation"
STRIP_PUNCTUATION = "strip_punctuation"
LOWER = "lower"
WHITESPACE = "whitespace"
CHARACTER = "character"

DEFAULT_STRIP_REGEX = r'[!"#$%&()\*\+,-\./:;<=>?@\[\\\]^_`{|}~\']'


def _validate_string_arg(value, allowable_strings, layer_name, arg_name, allow_none=False,
                         allow_callables=False):
    if allow_none and value is None:
        return
    if allow_callables and callable(value):
        return
    if isinstance(value, str) and value in allowable_strings:
        return
    allowed_args = "`None`, " if allow_none else ""
    allowed_args += "a `Callable`, " if allow_callables else ""
    allowed_args += f"or one of the following values: {allowable_strings}"
    if allow_callables:
        callable_note = (
            f"If restoring a model and `{arg_name}` is a custom callable, "
            "please ensure the callable is registered as a custom object. "
            "See https://www.tensorflow.org/guide/keras/save_and_serialize"
            "#registering_the_custom_object for details. ")
    else:
        callable_note = ""
    raise ValueError(
        f"Unkown value for `{arg_name}` argument of layer {layer_name}. "
        f"{callable_note}Allowed values are: {allowed_args}. Received: {value}")


def _listify(x):
    if tf.is_tensor(x):
        x = x.numpy()
    if isinstance(x, np.ndarray):
        x = x.tolist()
    return x


def _batches(data, batch_size):
    # What `adapt` iterates: a dataset's elements, or an array cut into batches.
    if isinstance(data, tf.data.Dataset):
        for element in data:
            yield element
        return
    if isinstance(data, tf.RaggedTensor):
        yield data
        return
    if not tf.is_tensor(data):
        data = tf.convert_to_tensor(data)
    if data.shape.rank == 0:
        yield data
        return
    n = int(data.shape[0])
    size = batch_size or 32
    for start in range(0, n, size):
        yield data[start:start + size]


def _adapt(layer, data, batch_size, steps):
    # PreprocessingLayer.adapt: state from scratch, batch by batch; the first batch's rank
    # becomes the layer's `batch_input_shape` (all None) unless it has one.
    layer.reset_state()
    for i, batch in enumerate(_batches(data, batch_size)):
        if steps is not None and i >= steps:
            break
        if getattr(layer, "_adapt_shape", None) is None:
            layer._adapt_shape = tuple([None] * len(batch.shape))
        layer.update_state(batch)
    layer.finalize_state()


def _with_adapt_shape(layer, base_config):
    shape = getattr(layer, "_adapt_shape", None)
    if shape is not None and "batch_input_shape" not in base_config:
        base_config["batch_input_shape"] = shape
    return base_config


def _encode(inputs, output_mode, depth, dtype, idf_weights=None):
    # keras.layers.preprocessing.preprocessing_utils.encode_categorical_inputs (dense).
    if output_mode == INT:
        return tf.identity(tf.cast(inputs, dtype))
    if isinstance(inputs, tf.RaggedTensor):
        # Padding past `depth` is dropped by the bincount.
        inputs = inputs.to_tensor(default_value=depth)
    original_shape = inputs.shape
    if inputs.shape.rank == 0:
        inputs = tf.expand_dims(inputs, -1)
    if output_mode == ONE_HOT:
        if inputs.shape[-1] != 1:
            inputs = tf.expand_dims(inputs, -1)
    if inputs.shape.rank > 2:
        raise ValueError(
            "When output_mode is not `'int'`, maximum supported output rank "
            f"is 2. Received output_mode {output_mode} and input shape "
            f"{original_shape}, "
            f"which would result in output rank {inputs.shape.rank}.")
    binary = output_mode in (MULTI_HOT, ONE_HOT)
    counts = tf.math.bincount(inputs, minlength=depth, maxlength=depth, dtype=dtype, axis=-1,
                              binary_output=binary)
    if output_mode != TF_IDF:
        return counts
    return tf.multiply(counts, idf_weights)


class IndexLookup(tf.keras.layers.Layer):
    """Maps values from a vocabulary to integer indices."""

    def __init__(self, max_tokens, num_oov_indices, mask_token, oov_token, vocabulary_dtype,
                 vocabulary=None, idf_weights=None, invert=False, output_mode="int",
                 sparse=False, pad_to_max_tokens=False, **kwargs):
        if max_tokens is not None and max_tokens <= 1:
            raise ValueError(
                "If set, `max_tokens` must be greater than 1. "
                f"Received: max_tokens={max_tokens}")
        if pad_to_max_tokens and max_tokens is None:
            raise ValueError(
                "If pad_to_max_tokens is True, must set `max_tokens`. "
                f"Received: max_tokens={max_tokens}")
        if num_oov_indices < 0:
            raise ValueError(
                "`num_oov_indices` must be greater than or equal to 0. "
                f"Received: num_oov_indices={num_oov_indices}")
        if output_mode == "binary":
            output_mode = MULTI_HOT
        if output_mode == "tf-idf":
            output_mode = TF_IDF
        _validate_string_arg(output_mode, (INT, ONE_HOT, MULTI_HOT, COUNT, TF_IDF),
                             self.__class__.__name__, "output_mode")
        if invert and output_mode != INT:
            raise ValueError(
                "`output_mode` must be `'int'` when `invert` is true. "
                f"Received: output_mode={output_mode}")
        if sparse and output_mode == INT:
            raise ValueError(
                "`sparse` may only be true if `output_mode` is "
                "`'one_hot'`, `'multi_hot'`, `'count'` or `'tf_idf'`. "
                f"Received: sparse={sparse} and "
                f"output_mode={output_mode}")
        if sparse:
            raise NotImplementedError("tensh: `sparse=True` outputs are not supported")
        if idf_weights is not None and output_mode != TF_IDF:
            raise ValueError(
                "`idf_weights` should only be set if `output_mode` is "
                f"`'tf_idf'`. Received: idf_weights={idf_weights} and "
                f"output_mode={output_mode}")
        self.invert = invert
        self.max_tokens = max_tokens
        self.num_oov_indices = num_oov_indices
        self.mask_token = mask_token
        self.oov_token = oov_token
        self.output_mode = output_mode
        self.sparse = sparse
        self.pad_to_max_tokens = pad_to_max_tokens
        self.vocabulary_dtype = vocabulary_dtype
        self._frozen_vocab_size = kwargs.pop("vocabulary_size", None)
        # Lists assigned to a layer are tracked: Keras shows them as ListWrapper.
        self.input_vocabulary = _ListWrapper(vocabulary) if isinstance(vocabulary, list) else vocabulary
        self.input_idf_weights = (_ListWrapper(idf_weights) if isinstance(idf_weights, list)
                                  else idf_weights)
        self._has_input_vocabulary = kwargs.pop("has_input_vocabulary", vocabulary is not None)
        kwargs.pop("has_static_table", None)
        if "dtype" not in kwargs:
            kwargs["dtype"] = "int64" if output_mode == INT else "float32"
        self._out_dtype = tf.as_dtype(kwargs["dtype"])
        if output_mode == INT and not self._out_dtype.is_integer:
            raise ValueError(
                "When `output_mode='int'`, `dtype` should be an integer "
                f"type. Received: dtype={kwargs['dtype']}")
        super().__init__(**kwargs)
        self._tokens = []          # the learned or given tokens, in index order
        self._index = {}           # token -> index
        self._counts = {}          # adapt's token counts
        self._doc_counts = {}
        self._num_documents = 0
        self.idf_weights = None
        if output_mode == TF_IDF:
            self._set_idf([0.0] * self._token_start_index())
        if vocabulary is not None:
            self.set_vocabulary(vocabulary, idf_weights)

    def _set_idf(self, weights):
        # Keras keeps a variable of unknown length; here a new one per vocabulary.
        self.idf_weights = tf.Variable(tf.constant(weights, dtype=self._out_dtype),
                                       trainable=False, name="Variable")

    # --- vocabulary ---------------------------------------------------------------
    def _oov_start_index(self):
        return 1 if self.mask_token is not None and self.output_mode == INT else 0

    def _token_start_index(self):
        return self._oov_start_index() + self.num_oov_indices

    def _key(self, value):
        # Tokens are kept as Python str (strings) or int (integers).
        if isinstance(value, bytes):
            return value.decode("utf-8")
        if isinstance(value, (str, int)):
            return value
        if hasattr(value, "item"):
            return self._key(value.item())
        return value

    def _set_tokens(self, tokens):
        start = self._token_start_index()
        self._tokens = list(tokens)
        self._index = {t: start + i for i, t in enumerate(self._tokens)}

    def get_vocabulary(self, include_special_tokens=True):
        """Returns the current vocabulary of the layer."""
        vocab = ([self.oov_token] * self._token_start_index()) + list(self._tokens)
        if self.mask_token is not None and self.output_mode == INT:
            vocab[0] = self.mask_token
        if not include_special_tokens:
            vocab = vocab[self._token_start_index():]
        return vocab

    def vocabulary_size(self):
        """Gets the current size of the layer's vocabulary."""
        return len(self._tokens) + self._token_start_index()

    def vocab_size(self):
        return self.vocabulary_size()

    def _record_vocabulary_size(self):
        self._ensure_vocab_size_unchanged()
        self._frozen_vocab_size = self.vocabulary_size()

    def _ensure_known_vocab_size(self):
        if self.output_mode == INT or self.pad_to_max_tokens:
            return
        if self._frozen_vocab_size is None:
            raise RuntimeError(
                f"When using `output_mode={self.output_mode}` "
                "and `pad_to_max_tokens=False`, "
                "you must set the layer's vocabulary before calling it. Either "
                "pass a `vocabulary` argument to the layer, or call `adapt` "
                "with some sample data.")

    def _ensure_vocab_size_unchanged(self):
        if self.output_mode == INT or self.pad_to_max_tokens:
            return
        new_vocab_size = self.vocabulary_size()
        if self._frozen_vocab_size is not None and new_vocab_size != self._frozen_vocab_size:
            raise RuntimeError(
                f"When using `output_mode={self.output_mode}` "
                "and `pad_to_max_tokens=False`, "
                "the vocabulary size cannot be changed after the layer is "
                f"called. Old vocab size is {self._frozen_vocab_size}, "
                f"new vocab size is {new_vocab_size}")

    def _vocab_list(self, vocabulary):
        if isinstance(vocabulary, str):
            if not tf.io.gfile.exists(vocabulary):
                raise ValueError(f"Vocabulary file {vocabulary} does not exist.")
            if self.output_mode == TF_IDF:
                raise ValueError(
                    "output_mode `'tf_idf'` does not support loading a "
                    "vocabulary from file.")
            with open(vocabulary, "r") as f:
                lines = f.read().split("\n")
            if lines and lines[-1] == "":
                lines = lines[:-1]
            return [self._parse_line(l) for l in lines]
        if tf.is_tensor(vocabulary):
            vocabulary = vocabulary.numpy()
        if isinstance(vocabulary, np.ndarray):
            vocabulary = vocabulary.tolist()
        return [self._key(v) for v in vocabulary]

    def _parse_line(self, line):
        return line

    def set_vocabulary(self, vocabulary, idf_weights=None):
        """Sets vocabulary (and optionally document frequency) for this layer."""
        if self.output_mode == TF_IDF:
            if idf_weights is None:
                raise ValueError("`idf_weights` must be set if output_mode is TF_IDF")
        elif idf_weights is not None:
            raise ValueError(
                "`idf_weights` should only be set if output_mode is "
                f"`'tf_idf'`. Received: output_mode={self.output_mode} "
                f"and idf_weights={idf_weights}")
        vocabulary = self._vocab_list(vocabulary)
        if len(vocabulary) == 0:
            raise ValueError(f"Cannot set an empty vocabulary, you passed {np.array(vocabulary)}.")
        oov_start = self._oov_start_index()
        token_start = self._token_start_index()
        special_tokens = [self.mask_token] * oov_start + [self.oov_token] * self.num_oov_indices
        found_special_tokens = list(vocabulary[:token_start]) == special_tokens
        tokens = vocabulary[token_start:] if found_special_tokens else vocabulary
        repeated = [t for t, c in collections.Counter(tokens).items() if c > 1]
        if repeated:
            raise ValueError(
                "The passed vocabulary has at least one repeated "
                "term. Please uniquify your dataset. The repeated terms "
                "are {}".format(repeated))
        if self.mask_token is not None and self.mask_token in tokens:
            mask_index = [i for i, v in enumerate(vocabulary) if v == self.mask_token][-1]
            raise ValueError(
                "Found reserved mask token at unexpected location in "
                "`vocabulary`. Note that passed `vocabulary` does not need to "
                "include the OOV and mask tokens. Either remove all mask and "
                "OOV tokens, or include them only at the start of the "
                f"vocabulary in precisely this order: {special_tokens}. "
                f"Received: mask_token={self.mask_token} at "
                f"vocabulary index [{mask_index}]")
        if self.oov_token is not None and self.invert and self.oov_token in tokens:
            oov_index = [i for i, v in enumerate(vocabulary) if v == self.oov_token][-1]
            raise ValueError(
                "Found reserved OOV token at unexpected location in "
                "`vocabulary`. Note that passed `vocabulary` does not need to "
                "include the OOV and mask tokens. Either remove all mask and "
                "OOV tokens, or include them only at the start of the "
                f"vocabulary in precisely this order: {special_tokens}. "
                f"Received: oov_token={self.oov_token} at "
                f"vocabulary index [{oov_index}]")
        new_vocab_size = token_start + len(tokens)
        if self.max_tokens is not None and new_vocab_size > self.max_tokens:
            raise ValueError(
                "Attempted to set a vocabulary larger than the maximum vocab "
                "size. Passed vocab size is {}, max vocab size is {}.".format(
                    new_vocab_size, self.max_tokens))
        self._set_tokens(tokens)
        self._record_vocabulary_size()
        if self.output_mode == TF_IDF and idf_weights is not False:
            weights = _listify(idf_weights)
            if len(vocabulary) != len(weights):
                raise ValueError(
                    "`idf_weights` must be the same length as vocabulary. "
                    "len(idf_weights) is {}, len(vocabulary) is {}".format(
                        len(weights), len(vocabulary)))
            weights = np.array(weights, dtype="float64")
            if weights.ndim != 1:
                raise ValueError(
                    "TF-IDF data must be a 1-index array, "
                    "but received {}".format(type(idf_weights)))
            if found_special_tokens:
                front, front_value = 0, 0
            else:
                front, front_value = token_start, float(np.average(weights))
            back = 0
            if self.pad_to_max_tokens and self.max_tokens is not None:
                back = self.max_tokens - front - len(weights)
            full = [front_value] * front + weights.tolist() + [0.0] * max(back, 0)
            self._set_idf(full)

    # --- adapt ----------------------------------------------------------------------
    def adapt(self, data, batch_size=None, steps=None):
        """Computes a vocabulary of terms from tokens in a dataset."""
        _adapt(self, data, batch_size, steps)

    def _flat_tokens(self, data):
        if isinstance(data, tf.RaggedTensor):
            return data.flat_values.numpy().tolist()
        return tf.reshape(data, [-1]).numpy().tolist()

    def _rows(self, data):
        if isinstance(data, tf.RaggedTensor):
            return data.to_list()
        return data.numpy().tolist()

    def update_state(self, data):
        if self._has_input_vocabulary:
            raise ValueError(
                "Cannot adapt {} layer after setting a static vocabulary via "
                "init argument "
                "or `set_vocabulary`.".format(self.__class__.__name__))
        if not isinstance(data, tf.RaggedTensor):
            data = tf.convert_to_tensor(data)
            if data.dtype != tf.as_dtype(self.vocabulary_dtype):
                data = tf.cast(data, self.vocabulary_dtype)
            if data.shape.rank == 0:
                data = tf.expand_dims(data, 0)
            if data.shape.rank == 1:
                data = tf.expand_dims(data, 0)
        for t in self._flat_tokens(data):
            k = self._key(t)
            self._counts[k] = self._counts.get(k, 0) + 1
        if self.output_mode == TF_IDF:
            rows = self._rows(data)
            for row in rows:
                flat = row
                while flat and isinstance(flat[0], list):
                    flat = [x for r in flat for x in r]
                for k in set(self._key(t) for t in flat):
                    self._doc_counts[k] = self._doc_counts.get(k, 0) + 1
            self._num_documents += len(rows)

    def finalize_state(self):
        if self._has_input_vocabulary or len(self._counts) == 0:
            self._record_vocabulary_size()
            return
        counts = dict(self._counts)
        if self.mask_token is not None:
            counts.pop(self.mask_token, None)
        if self.oov_token is not None:
            counts.pop(self.oov_token, None)
        # numpy's lexsort by (count, token), reversed: highest count first, ties by the
        # tokens from high to low.
        order = sorted(counts.items(), key=lambda kv: (kv[1], self._sort_key(kv[0])),
                       reverse=True)
        tokens = [k for k, _ in order]
        if self.max_tokens:
            tokens = tokens[:self.max_tokens - self._token_start_index()]
        self._set_tokens(tokens)
        if self.output_mode == TF_IDF:
            n = self._num_documents
            idf = [float(np.log(1 + n / (1 + self._doc_counts.get(t, 0)))) for t in tokens]
            mean = float(np.mean(np.array(idf, dtype="float32"))) if idf else 0.0
            full = [mean] * self._token_start_index() + idf
            if self.pad_to_max_tokens and self.max_tokens is not None:
                full = full + [0.0] * (self.max_tokens - len(full))
            self._set_idf(full)
        self.reset_state()
        self._record_vocabulary_size()

    def _sort_key(self, token):
        return token

    def reset_state(self):
        if self._has_input_vocabulary:
            return
        self._counts = {}
        self._doc_counts = {}
        self._num_documents = 0

    # --- call -----------------------------------------------------------------------
    def _lookup_values(self, values):
        # values: a flat Python list of keys (or of indices when inverting).
        if self.invert:
            vocab = self.get_vocabulary()
            out = []
            for i in values:
                i = int(i)
                if self.mask_token is not None and i == 0:
                    out.append(self.mask_token)
                elif 0 <= i < len(vocab) and i >= self._token_start_index():
                    out.append(vocab[i])
                else:
                    out.append(self.oov_token)
            return out
        out = []
        missing = []
        for v in values:
            k = self._key(v)
            if self.mask_token is not None and k == self.mask_token:
                # Masked values are 0 in int output and left out of the counts otherwise
                # (an index past the depth, which the bincount drops).
                out.append(0 if self.output_mode == INT else self._depth())
                continue
            idx = self._index.get(k)
            if idx is None:
                if self.num_oov_indices == 0:
                    missing.append(k)
                    idx = -1
                elif self.num_oov_indices == 1:
                    idx = self._oov_start_index()
                else:
                    idx = self._oov_start_index() + self._oov_bucket(k)
            out.append(idx)
        if missing:
            raise tf.errors.InvalidArgumentError(
                None, None,
                "When `num_oov_indices=0` all inputs should be in vocabulary, "
                f"found OOV values {self._oov_text(missing)}, consider setting "
                "`num_oov_indices=1`.")
        return out

    def _oov_text(self, missing):
        return str(np.array(missing))

    def _oov_bucket(self, key):
        # With several OOV indices, a string's FarmHash picks one (an integer's floormod).
        return int(tf.strings.to_hash_bucket_fast(key, self.num_oov_indices))

    def _depth(self):
        return self.max_tokens if self.pad_to_max_tokens else self._frozen_vocab_size

    def _lookup_dense(self, x):
        values = tf.reshape(x, [-1]).numpy().tolist()
        out = self._lookup_values(values)
        if self.invert:
            dtype = self.vocabulary_dtype
        else:
            dtype = self._out_dtype if self.output_mode == INT else "int64"
        return tf.reshape(tf.constant(out, dtype=dtype), tf.shape(x))

    def call(self, inputs):
        self._ensure_known_vocab_size()
        if isinstance(inputs, tf.RaggedTensor):
            lookups = tf.ragged.map_flat_values(self._lookup_dense, inputs)
        else:
            key_dtype = tf.int64 if self.invert else tf.as_dtype(self.vocabulary_dtype)
            if not tf.is_tensor(inputs):
                inputs = tf.convert_to_tensor(inputs, key_dtype)
            elif inputs.dtype != key_dtype:
                inputs = tf.cast(inputs, key_dtype)
            original_rank = inputs.shape.rank
            if original_rank == 0:
                inputs = tf.expand_dims(inputs, -1)
            lookups = self._lookup_dense(inputs)
            if self.output_mode == INT:
                if original_rank == 0:
                    lookups = tf.squeeze(lookups, -1)
                return lookups
        if self.output_mode == INT:
            return lookups
        return _encode(lookups, self.output_mode, self._depth(), self._out_dtype,
                       self.idf_weights if self.output_mode == TF_IDF else None)

    def compute_output_shape(self, input_shape):
        if self.output_mode == INT:
            return input_shape
        return tf.TensorShape([input_shape[0], self._depth()])

    def get_config(self):
        config = {
            "invert": self.invert,
            "max_tokens": self.max_tokens,
            "num_oov_indices": self.num_oov_indices,
            "oov_token": self.oov_token,
            "mask_token": self.mask_token,
            "output_mode": self.output_mode,
            "sparse": self.sparse,
            "pad_to_max_tokens": self.pad_to_max_tokens,
            "vocabulary_dtype": self.vocabulary_dtype,
            "idf_weights": _listify(self.input_idf_weights),
            "vocabulary": _listify(self.input_vocabulary),
            "vocabulary_size": self._frozen_vocab_size,
        }
        base_config = _with_adapt_shape(self, super().get_config())
        return dict(list(base_config.items()) + list(config.items()))


class StringLookup(IndexLookup):
    """A preprocessing layer which maps string features to integer indices."""
    __module__ = "keras.src.layers.preprocessing.string_lookup"

    def __init__(self, max_tokens=None, num_oov_indices=1, mask_token=None, oov_token="[UNK]",
                 vocabulary=None, idf_weights=None, encoding="utf-8", invert=False,
                 output_mode="int", sparse=False, pad_to_max_tokens=False, **kwargs):
        if "dtype" in kwargs and (kwargs["dtype"] == tf.string or kwargs["dtype"] == "string"):
            del kwargs["dtype"]
        self.encoding = encoding
        super().__init__(max_tokens=max_tokens, num_oov_indices=num_oov_indices,
                         mask_token=mask_token, oov_token=oov_token, vocabulary=vocabulary,
                         vocabulary_dtype="string", idf_weights=idf_weights, invert=invert,
                         output_mode=output_mode, sparse=sparse,
                         pad_to_max_tokens=pad_to_max_tokens, **kwargs)

    def _sort_key(self, token):
        return token.encode("utf-8")

    def _oov_text(self, missing):
        return "[" + " ".join(repr(m.encode("utf-8")) for m in missing) + "]"

    def get_config(self):
        config = {"encoding": self.encoding}
        base_config = super().get_config()
        del base_config["vocabulary_dtype"]
        return dict(list(base_config.items()) + list(config.items()))


class IntegerLookup(IndexLookup):
    """A preprocessing layer which maps integer features to contiguous ranges."""
    __module__ = "keras.src.layers.preprocessing.integer_lookup"

    def __init__(self, max_tokens=None, num_oov_indices=1, mask_token=None, oov_token=-1,
                 vocabulary=None, vocabulary_dtype="int64", idf_weights=None, invert=False,
                 output_mode="int", sparse=False, pad_to_max_tokens=False, **kwargs):
        if not tf.as_dtype(vocabulary_dtype).is_integer:
            raise ValueError(
                "`vocabulary_dtype` must be an integer dtype. "
                f"Received: {vocabulary_dtype}")
        if max_tokens is not None and max_tokens <= 1:
            raise ValueError(
                "If `max_tokens` is set for `IntegerLookup`, it must be "
                f"greater than 1. Received: max_tokens={max_tokens}.")
        if num_oov_indices < 0:
            raise ValueError(
                "The value of `num_oov_indices` argument for `IntegerLookup` "
                "must >= 0. Received num_oov_indices="
                f"{num_oov_indices}.")
        if "dtype" in kwargs and kwargs["dtype"] is None:
            del kwargs["dtype"]
        super().__init__(max_tokens=max_tokens, num_oov_indices=num_oov_indices,
                         mask_token=mask_token, oov_token=oov_token, vocabulary=vocabulary,
                         vocabulary_dtype=vocabulary_dtype, idf_weights=idf_weights,
                         invert=invert, output_mode=output_mode, sparse=sparse,
                         pad_to_max_tokens=pad_to_max_tokens, **kwargs)

    def _parse_line(self, line):
        return int(line)

    def _oov_bucket(self, key):
        return key % self.num_oov_indices


class TextVectorization(tf.keras.layers.Layer):
    """A preprocessing layer which maps text features to integer sequences."""
    __module__ = "keras.src.layers.preprocessing.text_vectorization"

    def __init__(self, max_tokens=None, standardize="lower_and_strip_punctuation",
                 split="whitespace", ngrams=None, output_mode="int", output_sequence_length=None,
                 pad_to_max_tokens=False, vocabulary=None, idf_weights=None, sparse=False,
                 ragged=False, encoding="utf-8", **kwargs):
        if "dtype" in kwargs and kwargs["dtype"] != tf.string and kwargs["dtype"] != "string":
            raise ValueError(
                "`TextVectorization` may only have a dtype of string. "
                f"Received dtype: {kwargs['dtype']}.")
        elif "dtype" not in kwargs:
            kwargs["dtype"] = "string"
        _validate_string_arg(standardize, (LOWER_AND_STRIP_PUNCTUATION, LOWER, STRIP_PUNCTUATION),
                             "TextVectorization", "standardize", allow_none=True,
                             allow_callables=True)
        _validate_string_arg(split, (WHITESPACE, CHARACTER), "TextVectorization", "split",
                             allow_none=True, allow_callables=True)
        if output_mode == "binary":
            output_mode = MULTI_HOT
        if output_mode == "tf-idf":
            output_mode = TF_IDF
        _validate_string_arg(output_mode, (INT, COUNT, MULTI_HOT, TF_IDF), "TextVectorization",
                             "output_mode", allow_none=True)
        if not (ngrams is None or isinstance(ngrams, int)
                or isinstance(ngrams, tuple) and all(isinstance(item, int) for item in ngrams)):
            raise ValueError(
                "`ngrams` must be None, an integer, or a tuple of "
                f"integers. Received: ngrams={ngrams}")
        if output_mode == INT and not (isinstance(output_sequence_length, int)
                                       or output_sequence_length is None):
            raise ValueError(
                "`output_sequence_length` must be either None or an "
                "integer when `output_mode` is 'int'. Received: "
                f"output_sequence_length={output_sequence_length}")
        if output_mode != INT and output_sequence_length is not None:
            raise ValueError(
                "`output_sequence_length` must not be set if `output_mode` is "
                "not 'int'. "
                f"Received output_sequence_length={output_sequence_length}.")
        if ragged and output_mode != INT:
            raise ValueError(
                "`ragged` must not be true if `output_mode` is "
                f"`'int'`. Received: ragged={ragged} and "
                f"output_mode={output_mode}")
        if ragged and output_sequence_length is not None:
            raise ValueError(
                "`output_sequence_length` must not be set if ragged "
                f"is True. Received: ragged={ragged} and "
                f"output_sequence_length={output_sequence_length}")
        self._max_tokens = max_tokens
        self._standardize = standardize
        self._split = split
        self._ngrams_arg = ngrams
        if isinstance(ngrams, int):
            self._ngrams = tuple(range(1, ngrams + 1))
        else:
            self._ngrams = ngrams
        self._ragged = ragged
        self._output_mode = output_mode
        self._output_sequence_length = output_sequence_length
        self._encoding = encoding
        self._has_input_vocabulary = kwargs.pop("has_input_vocabulary", vocabulary is not None)
        vocabulary_size = kwargs.pop("vocabulary_size", None)
        super().__init__(**kwargs)
        self._lookup_layer = StringLookup(
            max_tokens=max_tokens, vocabulary=vocabulary, idf_weights=idf_weights,
            pad_to_max_tokens=pad_to_max_tokens, mask_token="",
            output_mode=output_mode if output_mode is not None else INT, sparse=sparse,
            has_input_vocabulary=self._has_input_vocabulary, encoding=encoding,
            vocabulary_size=vocabulary_size)

    def compute_output_shape(self, input_shape):
        if self._output_mode == INT:
            return tf.TensorShape([input_shape[0], self._output_sequence_length])
        if self._split is None:
            if len(input_shape) <= 1:
                input_shape = tuple(input_shape) + (1,)
        else:
            input_shape = tuple(input_shape) + (None,)
        return self._lookup_layer.compute_output_shape(input_shape)

    def adapt(self, data, batch_size=None, steps=None):
        """Computes a vocabulary of string terms from tokens in a dataset."""
        _adapt(self, data, batch_size, steps)

    def update_state(self, data):
        self._lookup_layer.update_state(self._preprocess(data))

    def finalize_state(self):
        self._lookup_layer.finalize_state()

    def reset_state(self):
        self._lookup_layer.reset_state()

    def get_vocabulary(self, include_special_tokens=True):
        """Returns the current vocabulary of the layer."""
        return self._lookup_layer.get_vocabulary(include_special_tokens)

    def vocabulary_size(self):
        """Gets the current size of the layer's vocabulary."""
        return self._lookup_layer.vocabulary_size()

    def set_vocabulary(self, vocabulary, idf_weights=None):
        """Sets vocabulary (and optionally document frequency) for this layer."""
        self._lookup_layer.set_vocabulary(vocabulary, idf_weights=idf_weights)

    def get_config(self):
        config = {
            "max_tokens": self._lookup_layer.max_tokens,
            "standardize": self._standardize,
            "split": self._split,
            "ngrams": self._ngrams_arg,
            "output_mode": self._output_mode,
            "output_sequence_length": self._output_sequence_length,
            "pad_to_max_tokens": self._lookup_layer.pad_to_max_tokens,
            "sparse": self._lookup_layer.sparse,
            "ragged": self._ragged,
            "vocabulary": _listify(self._lookup_layer.input_vocabulary),
            "idf_weights": _listify(self._lookup_layer.input_idf_weights),
            "encoding": self._encoding,
            "vocabulary_size": self.vocabulary_size(),
        }
        base_config = _with_adapt_shape(self, super().get_config())
        return dict(list(base_config.items()) + list(config.items()))

    def _preprocess(self, inputs):
        if not tf.is_tensor(inputs) and not isinstance(inputs, tf.RaggedTensor):
            inputs = tf.convert_to_tensor(inputs, "string")
        if self._standardize in (LOWER, LOWER_AND_STRIP_PUNCTUATION):
            inputs = tf.strings.lower(inputs)
        if self._standardize in (STRIP_PUNCTUATION, LOWER_AND_STRIP_PUNCTUATION):
            inputs = tf.strings.regex_replace(inputs, DEFAULT_STRIP_REGEX, "")
        if callable(self._standardize):
            inputs = self._standardize(inputs)
        if self._split is not None:
            if inputs.shape.rank > 1:
                if inputs.shape[-1] != 1:
                    raise ValueError(
                        "When using `TextVectorization` to tokenize strings, "
                        "the input rank must be 1 or the last shape dimension "
                        f"must be 1. Received: inputs.shape={inputs.shape} "
                        f"with rank={inputs.shape.rank}")
                inputs = tf.squeeze(inputs, axis=-1)
            if self._split == WHITESPACE:
                inputs = tf.strings.split(inputs)
            elif self._split == CHARACTER:
                inputs = tf.strings.unicode_split(inputs, "UTF-8")
            elif callable(self._split):
                inputs = self._split(inputs)
        if self._ngrams is not None:
            inputs = tf.strings.ngrams(inputs, ngram_width=self._ngrams, separator=" ")
        return inputs

    def call(self, inputs):
        if isinstance(inputs, (list, tuple, np.ndarray)):
            inputs = tf.convert_to_tensor(inputs)
        inputs = self._preprocess(inputs)
        if self._output_mode is None:
            return inputs
        lookup_data = self._lookup_layer(inputs)
        if self._output_mode != INT:
            return lookup_data
        if self._ragged:
            return lookup_data
        if isinstance(lookup_data, tf.RaggedTensor):
            bounds = lookup_data.bounding_shape().numpy().tolist()
            if self._output_sequence_length is not None:
                bounds[-1] = self._output_sequence_length
            return lookup_data.to_tensor(default_value=0, shape=bounds)
        if self._output_sequence_length is not None:
            lookup_data = lookup_data[..., :self._output_sequence_length]
            have = int(lookup_data.shape[-1])
            pad = [[0, 0]] * (lookup_data.shape.rank - 1) + [
                [0, self._output_sequence_length - have]]
            return tf.pad(lookup_data, pad)
        return lookup_data


class Hashing(tf.keras.layers.Layer):
    """A preprocessing layer which hashes and bins categorical features."""
    __module__ = "keras.src.layers.preprocessing.hashing"

    def __init__(self, num_bins, mask_value=None, salt=None, output_mode="int", sparse=False,
                 **kwargs):
        if num_bins is None or num_bins <= 0:
            raise ValueError(
                "The `num_bins` for `Hashing` cannot be `None` or "
                f"non-positive values. Received: num_bins={num_bins}.")
        if "dtype" not in kwargs or kwargs["dtype"] is None:
            kwargs["dtype"] = "int64" if output_mode == INT else "float32"
        elif output_mode == "int" and not tf.as_dtype(kwargs["dtype"]).is_integer:
            kwargs["dtype"] = "int64"
        self._out_dtype = tf.as_dtype(kwargs["dtype"])
        super().__init__(**kwargs)
        _validate_string_arg(output_mode, (INT, ONE_HOT, MULTI_HOT, COUNT),
                             self.__class__.__name__, "output_mode")
        if sparse and output_mode == INT:
            raise ValueError(
                "`sparse` may only be true if `output_mode` is "
                '`"one_hot"`, `"multi_hot"`, or `"count"`. '
                f"Received: sparse={sparse} and "
                f"output_mode={output_mode}")
        if sparse:
            raise NotImplementedError("tensh: `sparse=True` outputs are not supported")
        self.num_bins = num_bins
        self.mask_value = mask_value
        self.strong_hash = True if salt is not None else False
        self.output_mode = output_mode
        self.sparse = sparse
        self.salt = None
        if salt is not None:
            if isinstance(salt, (tuple, list)) and len(salt) == 2:
                self.salt = salt
            elif isinstance(salt, int):
                self.salt = [salt, salt]
            else:
                raise ValueError(
                    "The `salt` argument for `Hashing` can only be a tuple of "
                    "size 2 integers, or a single integer. "
                    f"Received: salt={salt}.")

    def call(self, inputs):
        if not tf.is_tensor(inputs):
            inputs = tf.convert_to_tensor(inputs)
        return _encode(self._hash_values_to_bins(inputs), self.output_mode, self.num_bins,
                       self._out_dtype)

    def _hash_values_to_bins(self, values):
        hash_bins = self.num_bins
        mask = None
        if self.mask_value is not None and hash_bins > 1:
            hash_bins -= 1
            mask = tf.equal(values, self.mask_value)
        if values.dtype.is_integer:
            values = tf.as_string(values)
        if self.strong_hash:
            values = tf.strings.to_hash_bucket_strong(values, hash_bins, name="hash",
                                                      key=self.salt)
        else:
            values = tf.strings.to_hash_bucket_fast(values, hash_bins, name="hash")
        if mask is not None:
            values = tf.add(values, tf.ones_like(values))
            values = tf.where(mask, tf.zeros_like(values), values)
        return values

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config.update({
            "num_bins": self.num_bins,
            "salt": self.salt,
            "mask_value": self.mask_value,
            "output_mode": self.output_mode,
            "sparse": self.sparse,
        })
        return config
