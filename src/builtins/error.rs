//! Built-ins of the error-handling category (functions-text-data.md §12).

use super::args::arg;
use super::{opt, req, CallCtx, Category, FunctionSpec, Imp, Special};
use crate::error::{Error, ErrorKind, Result};
use crate::value::render::render;
use crate::value::Value;

const E: Category = Category::Error;

pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec {
        name: "THROW",
        category: E,
        params: &[req("value")],
        // Raising is not a side effect: the same argument always raises the same error.
        pure: true,
        volatile: false,
        imp: Imp::Native(throw),
        summary: "raises a UserError carrying the value, rendered as its message",
    },
    FunctionSpec {
        name: "TRY",
        category: E,
        params: &[req("expression"), opt("fallback")],
        pure: true,
        volatile: false,
        imp: Imp::Special(Special::Try),
        summary: "the expression's value, or the fallback (with `error` bound) when it fails",
    },
];

fn throw(ctx: &CallCtx<'_>, args: &[Value]) -> Result<Value> {
    let v = arg(args, 0).clone();
    Err(Error::new(ErrorKind::User, render(&v, ctx.session)).with_payload(v))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::args::testing::{call, n, t, NULL};
    use crate::builtins::{lookup, spec};

    #[test]
    fn throw_raises_user_error_with_payload() {
        let e = call(throw, &[t("Order not found")]).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::User);
        assert_eq!(e.message(), "Order not found");
        assert_eq!(e.payload(), Some(&t("Order not found")));
        let e = call(throw, &[n("404.0")]).unwrap_err();
        assert_eq!(e.message(), "404");
        assert_eq!(e.payload(), Some(&n("404")));
        let e = call(throw, &[NULL]).unwrap_err();
        assert_eq!((e.kind(), e.message()), (ErrorKind::User, ""));
    }

    #[test]
    fn arity() {
        let throw = spec(lookup("THROW").unwrap());
        assert!(throw.check_arity(0).is_err() && throw.check_arity(2).is_err());
        let try_ = spec(lookup("TRY").unwrap());
        assert!(matches!(try_.imp, Imp::Special(Special::Try)));
        assert!(try_.check_arity(1).is_ok() && try_.check_arity(3).is_err());
    }
}
