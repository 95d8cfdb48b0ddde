//! Built-ins of the error-handling category (functions-text-data.md §12).

use super::format::bounded::render_capped;
use super::{CallCtx, Category, FunctionSpec, Imp, Param, ParamKind, Signature, Special, Ty};
use crate::error::{Error, ErrorKind};
use crate::sig;
use crate::value::Value;

const E: Category = Category::Error;

pub const FUNCTIONS: &[FunctionSpec] = &[
    // Raising is not a side effect: the same argument always raises the same error.
    FunctionSpec::new(
        "THROW",
        E,
        &[sig!(throw(value: &Value) -> NEVER)],
        "raises a UserError carrying the value, rendered as its message",
    ),
    FunctionSpec::new(
        "TRY",
        E,
        &[Signature::new(
            &[
                Param {
                    name: "expression",
                    ty: Ty::ANY,
                    kind: ParamKind::Required,
                },
                Param {
                    name: "fallback",
                    ty: Ty::ANY,
                    kind: ParamKind::Optional,
                },
            ],
            Ty::ANY,
            Imp::Special(Special::Try),
        )],
        "the expression's value, or the fallback (with `error` bound) when it fails",
    ),
];

/// The message is the value's rendering; one over the Text limit is a
/// `LimitError` instead.
fn throw(cx: &CallCtx<'_>, v: &Value) -> crate::error::Result<Value> {
    let mut message = String::new();
    render_capped(cx, v, &mut message)?;
    Err(Error::new(ErrorKind::User, message).with_payload(v.clone()))
}
