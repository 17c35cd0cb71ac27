//! [`ExcKind`]: every exception class tensh raises or lets a program name, with CPython
//! 3.11's and TensorFlow 2.15's hierarchy (checked against both; `tf.errors.OpError`
//! derives from `Exception`).

/// Declares [`ExcKind`] from one list of variants: the enum, [`ExcKind::ALL`] in
/// declaration order and [`ExcKind::name`] (each class's name is its variant's name).
macro_rules! exc_kinds {
    ($($(#[$doc:meta])* $kind:ident,)*) => {
        /// A builtin exception class: one of CPython's or one of TensorFlow's `tf.errors`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ExcKind {
            $($(#[$doc])* $kind,)*
        }

        impl ExcKind {
            /// Every kind, CPython's first, then TensorFlow's (`OpError` first among those).
            pub const ALL: &'static [ExcKind] = &[$(ExcKind::$kind,)*];

            /// The class name as Python prints it: `ValueError`, `InvalidArgumentError`.
            pub fn name(self) -> &'static str {
                match self {
                    $(ExcKind::$kind => stringify!($kind),)*
                }
            }
        }
    };
}

exc_kinds! {
    // CPython's builtin exceptions.
    BaseException,
    Exception,
    KeyboardInterrupt,
    SystemExit,
    GeneratorExit,
    ArithmeticError,
    ZeroDivisionError,
    OverflowError,
    FloatingPointError,
    LookupError,
    IndexError,
    KeyError,
    ValueError,
    UnicodeError,
    UnicodeDecodeError,
    UnicodeEncodeError,
    RuntimeError,
    NotImplementedError,
    RecursionError,
    ImportError,
    ModuleNotFoundError,
    NameError,
    UnboundLocalError,
    SyntaxError,
    IndentationError,
    TabError,
    OSError,
    ConnectionError,
    BrokenPipeError,
    FileNotFoundError,
    FileExistsError,
    IsADirectoryError,
    NotADirectoryError,
    PermissionError,
    TimeoutError,
    /// `io.UnsupportedOperation` (CPython's derives from both OSError and ValueError).
    UnsupportedOperation,
    /// `csv.Error` (`_csv.Error`).
    Error,
    /// `struct.error`.
    #[allow(non_camel_case_types)]
    error,
    /// `numpy.linalg.LinAlgError`.
    LinAlgError,
    TypeError,
    AttributeError,
    AssertionError,
    StopIteration,
    StopAsyncIteration,
    MemoryError,
    EOFError,
    BufferError,
    ReferenceError,
    SystemError,
    Warning,
    UserWarning,
    DeprecationWarning,
    PendingDeprecationWarning,
    RuntimeWarning,
    FutureWarning,
    SyntaxWarning,
    ImportWarning,
    UnicodeWarning,
    BytesWarning,
    ResourceWarning,
    // numpy's own classes (not builtins; AxisError also derives from IndexError in numpy).
    UFuncTypeError,
    AxisError,
    /// `tf.errors.OperatorNotAllowedInGraphError`, a `TypeError`.
    OperatorNotAllowedInGraphError,
    // TensorFlow's `tf.errors`.
    OpError,
    CancelledError,
    UnknownError,
    InvalidArgumentError,
    DeadlineExceededError,
    NotFoundError,
    AlreadyExistsError,
    PermissionDeniedError,
    ResourceExhaustedError,
    FailedPreconditionError,
    AbortedError,
    OutOfRangeError,
    UnimplementedError,
    InternalError,
    UnavailableError,
    DataLossError,
    UnauthenticatedError,
}

use ExcKind::*;

impl ExcKind {
    /// The direct base class; `None` for `BaseException`.
    pub fn parent(self) -> Option<ExcKind> {
        Some(match self {
            BaseException => return None,
            Exception | KeyboardInterrupt | SystemExit | GeneratorExit => BaseException,
            ArithmeticError | LookupError | ValueError | RuntimeError | ImportError | NameError
            | SyntaxError | OSError | TypeError | AttributeError | AssertionError
            | StopIteration | StopAsyncIteration | MemoryError | EOFError | BufferError
            | ReferenceError | SystemError | Warning | OpError | Error | error => Exception,
            ZeroDivisionError | OverflowError | FloatingPointError => ArithmeticError,
            IndexError | KeyError => LookupError,
            UnicodeError | AxisError | LinAlgError => ValueError,
            UFuncTypeError | OperatorNotAllowedInGraphError => TypeError,
            UnicodeDecodeError | UnicodeEncodeError => UnicodeError,
            NotImplementedError | RecursionError => RuntimeError,
            ModuleNotFoundError => ImportError,
            UnboundLocalError => NameError,
            IndentationError => SyntaxError,
            TabError => IndentationError,
            ConnectionError | FileNotFoundError | FileExistsError | IsADirectoryError
            | NotADirectoryError | PermissionError | TimeoutError | UnsupportedOperation => OSError,
            BrokenPipeError => ConnectionError,
            UserWarning
            | DeprecationWarning
            | PendingDeprecationWarning
            | RuntimeWarning
            | FutureWarning
            | SyntaxWarning
            | ImportWarning
            | UnicodeWarning
            | BytesWarning
            | ResourceWarning => Warning,
            CancelledError
            | UnknownError
            | InvalidArgumentError
            | DeadlineExceededError
            | NotFoundError
            | AlreadyExistsError
            | PermissionDeniedError
            | ResourceExhaustedError
            | FailedPreconditionError
            | AbortedError
            | OutOfRangeError
            | UnimplementedError
            | InternalError
            | UnavailableError
            | DataLossError
            | UnauthenticatedError => OpError,
        })
    }

    /// Whether this class is `base` or derives from it.
    pub fn is_subclass_of(self, base: ExcKind) -> bool {
        // numpy's AxisError(ValueError, IndexError): the one class with two bases.
        if self == AxisError && IndexError.is_subclass_of(base) {
            return true;
        }
        let mut cur = Some(self);
        while let Some(k) = cur {
            if k == base {
                return true;
            }
            cur = k.parent();
        }
        false
    }

    /// Whether this is one of TensorFlow's `tf.errors` classes.
    pub fn is_tf(self) -> bool {
        self.is_subclass_of(OpError)
    }

    /// A `tf.errors` class's error code (`tf.errors.INVALID_ARGUMENT` is 3); `OpError`
    /// and the other classes have none.
    pub fn error_code(self) -> Option<i64> {
        Some(match self {
            CancelledError => 1,
            UnknownError => 2,
            InvalidArgumentError => 3,
            DeadlineExceededError => 4,
            NotFoundError => 5,
            AlreadyExistsError => 6,
            PermissionDeniedError => 7,
            ResourceExhaustedError => 8,
            FailedPreconditionError => 9,
            AbortedError => 10,
            OutOfRangeError => 11,
            UnimplementedError => 12,
            InternalError => 13,
            UnavailableError => 14,
            DataLossError => 15,
            UnauthenticatedError => 16,
            _ => return None,
        })
    }

    /// The module the class lives in, as its repr shows it.
    pub fn module(self) -> &'static str {
        if self.is_tf() || self == OperatorNotAllowedInGraphError {
            "tensorflow.python.framework.errors_impl"
        } else if self == UnsupportedOperation {
            "io"
        } else if self == UFuncTypeError {
            "numpy.core._exceptions"
        } else if self == AxisError {
            "numpy.exceptions"
        } else if self == Error {
            "_csv"
        } else if self == error {
            "struct"
        } else if self == LinAlgError {
            "numpy.linalg"
        } else {
            "builtins"
        }
    }

    /// The kind a class name denotes, for resolving a builtin class the program names
    /// (the global `ValueError`, `tf.errors.InvalidArgumentError`).
    pub fn from_name(name: &str) -> Option<ExcKind> {
        ExcKind::ALL.iter().copied().find(|k| k.name() == name)
    }
}

impl std::fmt::Display for ExcKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

pub(crate) mod tests {
    use super::*;

    /// `[c.__name__ for c in K.__mro__]` without `object`.
    fn mro(k: ExcKind) -> Vec<&'static str> {
        let mut out = vec![];
        let mut cur = Some(k);
        while let Some(c) = cur {
            out.push(c.name());
            cur = c.parent();
        }
        out
    }

    fn mros_match_cpython_and_tensorflow() {
        assert_eq!(
            mro(TabError),
            [
                "TabError",
                "IndentationError",
                "SyntaxError",
                "Exception",
                "BaseException"
            ]
        );
        assert_eq!(
            mro(BrokenPipeError),
            [
                "BrokenPipeError",
                "ConnectionError",
                "OSError",
                "Exception",
                "BaseException"
            ]
        );
        assert_eq!(
            mro(UnicodeDecodeError),
            [
                "UnicodeDecodeError",
                "UnicodeError",
                "ValueError",
                "Exception",
                "BaseException"
            ]
        );
        assert_eq!(
            mro(KeyboardInterrupt),
            ["KeyboardInterrupt", "BaseException"]
        );
        assert_eq!(
            mro(InvalidArgumentError),
            [
                "InvalidArgumentError",
                "OpError",
                "Exception",
                "BaseException"
            ]
        );
        assert_eq!(
            mro(ModuleNotFoundError),
            [
                "ModuleNotFoundError",
                "ImportError",
                "Exception",
                "BaseException"
            ]
        );
    }

    fn subclass_relation() {
        assert!(IndexError.is_subclass_of(LookupError));
        assert!(KeyError.is_subclass_of(LookupError));
        assert!(ZeroDivisionError.is_subclass_of(ArithmeticError));
        assert!(ResourceExhaustedError.is_subclass_of(OpError));
        assert!(ResourceExhaustedError.is_subclass_of(Exception));
        assert!(ValueError.is_subclass_of(ValueError));
        assert!(!LookupError.is_subclass_of(IndexError));
        assert!(!SystemExit.is_subclass_of(Exception));
        assert!(!GeneratorExit.is_subclass_of(Exception));
        assert!(!ValueError.is_subclass_of(TypeError));
        assert!(!MemoryError.is_subclass_of(OpError));
        for k in ExcKind::ALL {
            assert!(k.is_subclass_of(BaseException), "{}", k);
        }
    }

    fn names_round_trip_and_are_unique() {
        for (i, k) in ExcKind::ALL.iter().enumerate() {
            assert_eq!(ExcKind::from_name(k.name()), Some(*k));
            assert_eq!(*k as usize, i, "ALL lists the kinds in declaration order");
        }
        assert_eq!(ExcKind::from_name("NoSuchError"), None);
        assert_eq!(ExcKind::from_name("valueerror"), None);
    }

    fn tf_classes_live_in_errors_impl() {
        assert!(InvalidArgumentError.is_tf() && OpError.is_tf());
        assert!(!ValueError.is_tf() && !Exception.is_tf());
        assert_eq!(
            InternalError.module(),
            "tensorflow.python.framework.errors_impl"
        );
        assert_eq!(KeyError.module(), "builtins");
    }

    unit_cases!(
        mros_match_cpython_and_tensorflow,
        subclass_relation,
        names_round_trip_and_are_unique,
        tf_classes_live_in_errors_impl,
    );
}
