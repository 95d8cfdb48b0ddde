//! Built-ins of the conditional category (functions-text-data.md §5).

use super::args::arg;
use super::{req, rest, CallCtx, Category, FunctionSpec, Imp, Special};
use crate::error::Result;
use crate::value::Value;

const C: Category = Category::Conditional;

pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::pure(
        "EQUAL",
        C,
        &[req("a"), req("b")],
        equal,
        "whether two values are equal, as `=`",
    ),
    FunctionSpec {
        name: "IF",
        category: C,
        params: &[req("condition"), req("then"), rest("else")],
        pure: true,
        volatile: false,
        imp: Imp::Special(Special::If),
        summary: "then when the condition is truthy, else otherwise (lazy; pairs chain)",
    },
    FunctionSpec::pure(
        "ISEMPTY",
        C,
        &[req("value")],
        isempty,
        "whether the value is NULL, \"\", [] or {}",
    ),
    FunctionSpec::pure(
        "ISNOTEMPTY",
        C,
        &[req("value")],
        isnotempty,
        "whether the value is not NULL, \"\", [] or {}",
    ),
    FunctionSpec::pure(
        "NOT",
        C,
        &[req("value")],
        not,
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

fn equal(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    Ok(Value::Bool(arg(args, 0) == arg(args, 1)))
}

fn isempty(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    Ok(Value::Bool(is_empty(arg(args, 0))))
}

fn isnotempty(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    Ok(Value::Bool(!is_empty(arg(args, 0))))
}

fn not(_: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    Ok(Value::Bool(!arg(args, 0).is_truthy()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::args::testing::{call, l, n, t, NULL};
    use crate::builtins::{lookup, spec};
    use crate::value::testing::obj;

    const TRUE: Value = Value::Bool(true);
    const FALSE: Value = Value::Bool(false);

    #[test]
    fn equal_cases() {
        assert_eq!(call(equal, &[n("1"), n("1.0")]).unwrap(), TRUE);
        assert_eq!(
            call(equal, &[t("Airscript"), t("airscript")]).unwrap(),
            FALSE
        );
        assert_eq!(call(equal, &[n("2"), t("2")]).unwrap(), FALSE);
        let a = obj(&[("a", n("1")), ("b", n("2"))]);
        let b = obj(&[("b", n("2")), ("a", n("1"))]);
        assert_eq!(call(equal, &[a, b]).unwrap(), TRUE);
        assert_eq!(call(equal, &[NULL, NULL]).unwrap(), TRUE);
        let s = spec(lookup("EQUAL").unwrap());
        assert!(s.check_arity(1).is_err() && s.check_arity(3).is_err());
    }

    #[test]
    fn if_and_not_arity() {
        let s = spec(lookup("if").unwrap());
        assert!(matches!(s.imp, Imp::Special(Special::If)));
        assert!(s.check_arity(1).is_err());
        assert!(s.check_arity(5).is_ok());
        assert!(spec(lookup("NOT").unwrap()).check_arity(2).is_err());
    }

    #[test]
    fn emptiness() {
        for v in [NULL, t(""), l(&[]), obj(&[])] {
            assert_eq!(call(isempty, std::slice::from_ref(&v)).unwrap(), TRUE);
            assert_eq!(call(isnotempty, &[v]).unwrap(), FALSE);
        }
        for v in [t(" "), n("0"), FALSE, l(&[NULL])] {
            assert_eq!(call(isempty, std::slice::from_ref(&v)).unwrap(), FALSE);
            assert_eq!(call(isnotempty, &[v]).unwrap(), TRUE);
        }
    }

    #[test]
    fn not_cases() {
        assert_eq!(call(not, &[TRUE]).unwrap(), FALSE);
        assert_eq!(call(not, &[NULL]).unwrap(), TRUE);
        assert_eq!(call(not, &[n("0")]).unwrap(), TRUE);
        assert_eq!(call(not, &[t("FALSE")]).unwrap(), FALSE);
        assert_eq!(call(not, &[l(&[])]).unwrap(), TRUE);
    }
}
