//! The unit tests written beside the code they check, gathered for `tests/unit.rs`.
//!
//! Each module's `tests` submodule ends with `unit_cases!(...)`, which lists its test
//! functions as `ALL`; this file lists every module's `ALL`. The tests are plain functions
//! compiled into the library, so `cargo test --release` compiles the library once (a
//! `#[cfg(test)]` copy would be a second full optimised build). A test function left out
//! of its `unit_cases!`, or a module left out of this list, is dead code, which the lint
//! gate rejects.

/// One module's tests: its path and its `(name, function)` pairs.
pub type Cases = (&'static str, &'static [(&'static str, fn())]);

/// Every module's unit tests.
pub fn all() -> Vec<Cases> {
    vec![
        crate::api::jpeg::tests::ALL,
        crate::api::np_promote::tests::ALL,
        crate::api::np_random::draws::tests::ALL,
        crate::api::np_random::mt19937::tests::ALL,
        crate::api::np_random::pcg64::tests::ALL,
        crate::api::npy::tests::ALL,
        crate::api::pickle::tests::ALL,
        crate::api::tf_function::jumps::tests::ALL,
        crate::errors::kind::tests::ALL,
        crate::eval::decl::tests::ALL,
        crate::eval::unread::tests::ALL,
        crate::eval::value::tests::ALL,
        crate::golden::matcher::tests::ALL,
        crate::kernel::complete::tests::ALL,
        crate::kernel::wire::tests::ALL,
        crate::nn::layers::tests::ALL,
        crate::nn::saving::checkpoint::table::tests::ALL,
        crate::nn::tf_op_names::tests::ALL,
        crate::notebook::exec::tests::ALL,
        crate::notebook::format::tests::ALL,
        crate::plot::tests::ALL,
        crate::plot::colors::tests::ALL,
        crate::plot::geometry::tests::ALL,
        crate::plot::png::tests::ALL,
        crate::plot::ticks::tests::ALL,
        crate::print::float::tests::ALL,
        crate::print::tf_summary::tests::ALL,
        crate::pylib::glob::tests::ALL,
        crate::repl::complete::tests::ALL,
        crate::repl::config::tests::ALL,
        crate::repl::editing::tests::ALL,
        crate::repl::magics::tests::ALL,
        crate::repl::magics::timing::tests::ALL,
        crate::tensor::broadcast::tests::ALL,
        crate::tensor::complex::tests::ALL,
        crate::tensor::ops::decomp::eig::tests::ALL,
        crate::tensor::ops::decomp::eigh::tests::ALL,
        crate::tensor::ops::decomp::eigh_eigen::tests::ALL,
        crate::tensor::ops::decomp::lu::tests::ALL,
        crate::tensor::ops::decomp::qr::tests::ALL,
        crate::tensor::ops::decomp::svd::tests::ALL,
        crate::tensor::ops::decomp::svd_jacobi::tests::ALL,
        crate::tensor::ops::eigen::tests::ALL,
        crate::tensor::random::dists::tests::ALL,
        crate::tensor::random::philox::tests::ALL,
        crate::tensor::tstr::tests::ALL,
    ]
}
