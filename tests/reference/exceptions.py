import tensorflow as tf
def catch(f):
    try:
        f()
    except LookupError as e:
        return "LookupError", type(e).__name__, str(e)
    except ArithmeticError as e:
        return "ArithmeticError", type(e).__name__, str(e)
    except Exception as e:
        return "Exception", type(e).__name__
catch(lambda: [1, 2][5])
catch(lambda: {"a": 1}["b"])
catch(lambda: 1 / 0)
catch(lambda: 7 // 0)
catch(lambda: int("x"))
catch(lambda: tf.reshape(tf.constant([1, 2, 3]), [2]))
try:
    tf.reshape(tf.constant([1, 2, 3]), [2])
except tf.errors.OpError as e:
    print(type(e).__name__, isinstance(e, tf.errors.InvalidArgumentError), isinstance(e, Exception))
try:
    tf.reshape(tf.constant([1, 2, 3]), [2])
except tf.errors.InvalidArgumentError as e:
    print("caught", type(e).__name__, e.args, repr(e))
try:
    raise tf.errors.ResourceExhaustedError(None, None, "out of memory")
except tf.errors.OpError as e:
    print(type(e).__name__, str(e), repr(e))
class MyError(ValueError):
    pass
try:
    raise MyError("bad value")
except ValueError as e:
    print("ValueError caught", type(e).__name__, e.args, repr(e))
try:
    raise MyError("again")
except MyError as e:
    print("MyError caught", str(e))
try:
    raise MyError("base")
except Exception as e:
    print("Exception caught", isinstance(e, ValueError), isinstance(e, MyError), isinstance(e, LookupError))
for f in [lambda: len(5), lambda: {}["k"], lambda: [][0]]:
    try:
        f()
    except (TypeError, KeyError) as e:
        print("tuple caught", type(e).__name__, repr(e), e.args)
    except IndexError as e:
        print("IndexError", e)
issubclass(KeyError, LookupError), issubclass(IndexError, LookupError), issubclass(LookupError, KeyError)
issubclass(ZeroDivisionError, ArithmeticError), issubclass(ValueError, Exception), issubclass(KeyboardInterrupt, Exception)
issubclass(ModuleNotFoundError, ImportError), issubclass(TabError, SyntaxError), issubclass(BrokenPipeError, OSError)
issubclass(MyError, ValueError), issubclass(MyError, Exception), issubclass(MyError, TypeError)
issubclass(tf.errors.InvalidArgumentError, tf.errors.OpError), issubclass(tf.errors.OpError, Exception)
isinstance(KeyError("k"), LookupError), isinstance(ValueError("v"), (TypeError, ValueError)), isinstance(ValueError(), KeyError)
ValueError("x"), KeyError("k"), ValueError(), ValueError(1, 2), RuntimeError("r")
str(KeyError("k")), str(ValueError(1, 2)), str(ValueError("plain")), ValueError("a").args
ValueError, LookupError, tf.errors.InvalidArgumentError, tf.errors.OpError
ValueError.__name__, tf.errors.ResourceExhaustedError.__name__
type(ValueError("x")) is ValueError, type(KeyError("k"))
try:
    {}["missing"]
except KeyError as e:
    print(repr(e), e.args, str(e))
try:
    raise KeyError
except LookupError as e:
    print("bare class", repr(e))
try:
    try:
        1 / 0
    except ValueError:
        print("wrong handler")
except ZeroDivisionError as e:
    print("outer", e)
try:
    raise ValueError(5)
except ValueError as e:
    print(repr(e), str(e))
try:
    "{x}".format(y=1)
except KeyError as e:
    print(repr(e))
err = None
try:
    {1: 2}.pop(3)
except LookupError as e:
    err = e
try:
    raise err
except KeyError as e:
    print("re-raised", repr(e), e is err)
