//! Built-ins of the conditional category (functions-text-data.md §5).

use super::format::bounded;
use super::{CallCtx, Category, FunctionSpec, Imp, Param, ParamKind, Signature, Special, Ty};
use crate::error::Result;
use crate::sig;
use crate::value::Value;

const C: Category = Category::Conditional;

pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::new(
        "EQUAL",
        C,
        &[sig!(equal(a: &Value, b: &Value) -> BOOLEAN)],
        "whether two values are equal, as `=`",
    ),
    FunctionSpec::new(
        "IF",
        C,
        &[Signature::new(
            &[
                Param {
                    name: "condition",
                    ty: Ty::ANY,
                    kind: ParamKind::Required,
                },
                Param {
                    name: "then",
                    ty: Ty::ANY,
                    kind: ParamKind::Required,
                },
                Param {
                    name: "else",
                    ty: Ty::ANY,
                    kind: ParamKind::Variadic,
                },
            ],
            Ty::ANY,
            Imp::Special(Special::If),
        )],
        "then when the condition is truthy, else otherwise (lazy; pairs chain)",
    ),
    FunctionSpec::new(
        "ISEMPTY",
        C,
        &[sig!(isempty(value: &Value) -> BOOLEAN)],
        "whether the value is NULL, \"\", [] or {}",
    ),
    FunctionSpec::new(
        "ISNOTEMPTY",
        C,
        &[sig!(isnotempty(value: &Value) -> BOOLEAN)],
        "whether the value is not NULL, \"\", [] or {}",
    ),
    FunctionSpec::new(
        "NOT",
        C,
        &[sig!(not(value: &Value) -> BOOLEAN)],
        "TRUE when the value is falsy",
    ),
];

/// Emptiness (functions-text-data.md §1.5): `NULL`, `""`, `[]` and `{}`.
pub fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Text(t) => t.is_empty(),
        Value::List(l) => l.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

fn equal(cx: &CallCtx<'_>, a: &Value, b: &Value) -> Result<bool> {
    bounded::equal(cx, a, b)
}

fn isempty(_: &CallCtx<'_>, v: &Value) -> bool {
    is_empty(v)
}

fn isnotempty(_: &CallCtx<'_>, v: &Value) -> bool {
    !is_empty(v)
}

fn not(_: &CallCtx<'_>, v: &Value) -> bool {
    !v.is_truthy()
}
