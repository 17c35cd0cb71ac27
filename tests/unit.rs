//! The library's unit tests (written beside their code, listed in `src/unit_tests.rs`),
//! one trial each, named by module path and function as `cargo test` would name them.

use libtest_mimic::{Arguments, Trial};

fn main() {
    let args = Arguments::from_args();
    let trials = tensh::unit_tests::all()
        .into_iter()
        .flat_map(|(module, cases)| {
            let module = module.strip_prefix("tensh::").unwrap_or(module);
            cases.iter().map(move |&(name, f)| {
                Trial::test(format!("{}::{}", module, name), move || {
                    f();
                    Ok(())
                })
            })
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}
