//! `exit` and `quit`: objects whose repr tells how to leave and whose call raises
//! `SystemExit(code)` (Python's `_sitebuiltins.Quitter`).

use super::error::{system_exit, type_err, R};
use super::value::{Args, Object, Value};
use super::Interp;
use std::any::Any;
use std::rc::Rc;

/// `exit` or `quit`.
pub struct Quitter {
    name: &'static str,
}

impl Object for Quitter {
    fn type_name(&self) -> String {
        "Quitter".into()
    }
    fn get_attr(&self, _: &Value, name: &str, _: &mut Interp) -> R<Option<Value>> {
        Ok(match name {
            "name" => Some(Value::str(self.name)),
            "eof" => Some(Value::str("Ctrl-D (i.e. EOF)")),
            _ => None,
        })
    }
    /// `exit(code=None)`.
    fn call(&self, _this: &Value, _it: &mut Interp, args: Args) -> R<Value> {
        let given = args.pos.len() + args.kw.len();
        let mut code = args.pos.into_iter().next();
        for (k, v) in args.kw {
            if k != "code" {
                return Err(type_err(format!(
                    "Quitter.__call__() got an unexpected keyword argument '{}'",
                    k
                )));
            }
            if code.is_some() {
                return Err(type_err(
                    "Quitter.__call__() got multiple values for argument 'code'",
                ));
            }
            code = Some(v);
        }
        if given > 1 {
            return Err(type_err(format!(
                "Quitter.__call__() takes from 1 to 2 positional arguments but {} were given",
                given + 1
            )));
        }
        Err(system_exit(code.unwrap_or(Value::None)))
    }
    fn repr(&self, _: &mut Interp) -> R<String> {
        Ok(format!("Use {}() or Ctrl-D (i.e. EOF) to exit", self.name))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Puts `exit` and `quit` among the builtins.
pub fn install(it: &mut Interp) {
    for name in ["exit", "quit"] {
        it.builtins
            .insert(name.into(), Value::Object(Rc::new(Quitter { name })));
    }
}
