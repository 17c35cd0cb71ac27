# tf.errors: the OpError classes, their constructor and attributes, the error codes,
# and the classes tensh's own ops raise.
import tensorflow as tf
print(tf.errors.InvalidArgumentError)
e = tf.errors.InvalidArgumentError(None, None, 'msg')
e
str(e)
e.message
e.op
e.node_def
e.error_code
e.args
e.experimental_payloads
tf.errors.INVALID_ARGUMENT
tf.errors.OK
(tf.errors.CANCELLED, tf.errors.UNKNOWN, tf.errors.DEADLINE_EXCEEDED, tf.errors.NOT_FOUND, tf.errors.ALREADY_EXISTS, tf.errors.PERMISSION_DENIED, tf.errors.UNAUTHENTICATED, tf.errors.RESOURCE_EXHAUSTED, tf.errors.FAILED_PRECONDITION, tf.errors.ABORTED, tf.errors.OUT_OF_RANGE, tf.errors.UNIMPLEMENTED, tf.errors.INTERNAL, tf.errors.UNAVAILABLE, tf.errors.DATA_LOSS)
[n for n in dir(tf.errors) if not n.startswith('_')]
tf.errors.OpError(None, None, 'm', tf.errors.INTERNAL)
o = tf.errors.OpError(None, None, 'm', tf.errors.INTERNAL)
o.error_code
str(o)
o.message
tf.errors.InvalidArgumentError('a')
tf.errors.InvalidArgumentError()
tf.errors.InvalidArgumentError(None, None, 'msg', 3)
tf.errors.InvalidArgumentError(node_def=None, op=None, message='kw').message
[c(None, None, 'x').error_code for c in (tf.errors.CancelledError, tf.errors.UnknownError, tf.errors.InvalidArgumentError, tf.errors.DeadlineExceededError, tf.errors.NotFoundError, tf.errors.AlreadyExistsError, tf.errors.PermissionDeniedError, tf.errors.UnauthenticatedError, tf.errors.ResourceExhaustedError, tf.errors.FailedPreconditionError, tf.errors.AbortedError, tf.errors.OutOfRangeError, tf.errors.UnimplementedError, tf.errors.InternalError, tf.errors.UnavailableError, tf.errors.DataLossError)]
try:
  raise tf.errors.InvalidArgumentError(None, None, 'boom')
except tf.errors.OpError as err:
  print(type(err).__name__, err.message, err.error_code, isinstance(err, Exception))
try:
  tf.reshape(tf.range(6), [4, 2])
except tf.errors.InvalidArgumentError as err:
  print('caught', type(err), err.error_code, err.op, err.node_def)
try:
  tf.zeros([2]) + tf.zeros([3])
except tf.errors.InvalidArgumentError as err:
  print('caught', err.message)
try:
  tf.constant([1.0]) + tf.constant([1])
except tf.errors.OpError as err:
  print('caught', type(err).__name__, err.error_code)
try:
  tf.debugging.assert_equal(1, 2)
except tf.errors.InvalidArgumentError as err:
  print('caught', err.error_code, err.message)
raise tf.errors.ResourceExhaustedError(None, None, 'oom')
raise tf.errors.InvalidArgumentError(None, None, 'multi\nline')
raise tf.errors.NotFoundError(None, None, 'missing file')
issubclass(tf.errors.InvalidArgumentError, tf.errors.OpError)
issubclass(tf.errors.OpError, Exception)
tf.errors.InvalidArgumentError.__name__
repr(tf.errors.InvalidArgumentError(None, None, 'with "quotes"'))
tf.errors.UnknownError(None, None, 'x').error_code
def risky(n):
  if n < 0:
    raise tf.errors.InvalidArgumentError(None, None, f'n must be >= 0, got {n}')
  return n
try:
  risky(-1)
except tf.errors.InvalidArgumentError as err:
  print(err)
