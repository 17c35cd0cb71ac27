//! The `builtin!` macro and its helpers: a declaration's tokens become a `Decl` gathered
//! into `BUILTINS` at link time.

/// Declares a builtin function; see the module documentation.
#[macro_export]
macro_rules! builtin {
    (
        $(#[doc = $doc:literal])*
        $style:ident $(($op:literal))? [$($path:literal),+ $(,)?]
        fn $name:ident ( $it:ident $(, $($params:tt)*)? ) $body:block
    ) => {
        $crate::__builtin_params! {
            @ctx [$name $it $body [$($doc)*] [$style $($op)?] [$($path),+]]
            @acc [] @kind Positional @rest [$($($params)*)?]
        }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __builtin_params {
    // Done: emit the declaration.
    (@ctx [$name:ident $it:ident $body:block [$($doc:literal)*] [$($style:tt)*] [$($path:literal),+]]
     @acc [$(($k:ident $p:ident [$($d:expr)?]))*] @kind $kind:ident @rest []) => {
        const _: () = {
            #[$crate::eval::decl::linkme::distributed_slice($crate::eval::decl::BUILTINS)]
            #[linkme(crate = $crate::eval::decl::linkme)]
            static DECL: $crate::eval::decl::Decl = $crate::eval::decl::Decl {
                name: $crate::eval::decl::py_name(stringify!($name)),
                paths: &[$($path),+],
                params: &[$($crate::eval::decl::Param {
                    name: $crate::eval::decl::py_name(stringify!($p)),
                    kind: $crate::eval::decl::ParamKind::$k,
                    default: $crate::__builtin_default!($($d)?),
                }),*],
                style: $crate::__builtin_style!($($style)*),
                doc: concat!($($doc, "\n"),*),
                f: {
                    #[allow(unused_variables, unused_mut, non_snake_case, clippy::needless_return)]
                    fn imp(
                        $it: &mut $crate::eval::Interp,
                        args: Vec<$crate::eval::Value>,
                    ) -> $crate::eval::R<$crate::eval::Value> {
                        let mut args = args.into_iter();
                        $(let $p: $crate::eval::Value =
                            args.next().unwrap_or($crate::eval::Value::None);)*
                        $body
                    }
                    imp
                },
            };
        };
    };
    // Separators.
    (@ctx $ctx:tt @acc [$($acc:tt)*] @kind $kind:ident @rest [, $($rest:tt)*]) => {
        $crate::__builtin_params! { @ctx $ctx @acc [$($acc)*] @kind $kind @rest [$($rest)*] }
    };
    // **kwargs
    (@ctx $ctx:tt @acc [$($acc:tt)*] @kind $kind:ident @rest [* * $p:ident $($rest:tt)*]) => {
        $crate::__builtin_params! {
            @ctx $ctx @acc [$($acc)* (VarKw $p [])] @kind $kind @rest [$($rest)*]
        }
    };
    // *args
    (@ctx $ctx:tt @acc [$($acc:tt)*] @kind $kind:ident @rest [* $p:ident $($rest:tt)*]) => {
        $crate::__builtin_params! {
            @ctx $ctx @acc [$($acc)* (VarArgs $p [])] @kind KeywordOnly @rest [$($rest)*]
        }
    };
    // bare `*`: keyword-only parameters follow
    (@ctx $ctx:tt @acc [$($acc:tt)*] @kind $kind:ident @rest [* $($rest:tt)*]) => {
        $crate::__builtin_params! { @ctx $ctx @acc [$($acc)*] @kind KeywordOnly @rest [$($rest)*] }
    };
    // name = default
    (@ctx $ctx:tt @acc [$($acc:tt)*] @kind $kind:ident @rest [$p:ident = $d:expr $(, $($rest:tt)*)?]) => {
        $crate::__builtin_params! {
            @ctx $ctx @acc [$($acc)* ($kind $p [$d])] @kind $kind @rest [$($($rest)*)?]
        }
    };
    // name
    (@ctx $ctx:tt @acc [$($acc:tt)*] @kind $kind:ident @rest [$p:ident $($rest:tt)*]) => {
        $crate::__builtin_params! {
            @ctx $ctx @acc [$($acc)* ($kind $p [])] @kind $kind @rest [$($rest)*]
        }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __builtin_default {
    () => {
        None
    };
    ($d:expr) => {
        Some(stringify!($d))
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __builtin_style {
    (python) => {
        $crate::eval::decl::Style::Python
    };
    (dispatch) => {
        $crate::eval::decl::Style::Dispatch
    };
    (op $py:literal) => {
        $crate::eval::decl::Style::Op($py)
    };
}
