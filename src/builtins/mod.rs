//! The single table of built-in functions. Every built-in is written once, as a
//! [`FunctionSpec`] in its category's file; name resolution, arity checks,
//! overloads, folding, error messages, REPL completion and the docs all read
//! this table.
//!
//! # Adding a built-in
//!
//! 1. Write a plain typed Rust function in its category's file. It takes the
//!    call context first, then one argument per parameter; the parameter types
//!    say how arguments convert ([`args::FromArg`]): `&str`, `Decimal`,
//!    [`args::Whole`], `&[Value]`, `&Value` (anything, `NULL` included),
//!    `Option<T>` (optional), [`args::Nullable`], [`args::Rest`] (variadic),
//!    unions such as [`args::TextOrList`]. It returns a value or a `Result`.
//!    Errors take the function's name from the context: `cx.domain_error(i,
//!    "...")`, `cx.type_error(...)`, `cx.check_text_size(...)`.
//!
//!    ```text
//!    fn rept(cx: &CallCtx<'_>, text: &str, count: Trunc) -> Result<String> { ... }
//!    ```
//!
//! 2. Add its entry to the category's `FUNCTIONS` table: the name (written
//!    nowhere else), one [`sig!`](crate::sig) per overload, and a summary;
//!    `.volatile()`, `.session()` or `.impure()` where they apply (they decide
//!    folding):
//!
//!    ```text
//!    FunctionSpec::new("REPT", T, &[sig!(rept(text: &str, count: Trunc) -> TEXT)], "...")
//!    ```
//!
//!    A `NULL` in a required parameter that does not take `NULL` makes the
//!    result `NULL` before the function runs; a wrong type is a `TypeError`
//!    naming the parameter.
//!
//! 3. Add `## REPT` to `stdlib/<category>.md` with a paragraph and
//!    `air-examples`; `AIRSCRIPT_BLESS=1 cargo test --test stdlib_docs` writes
//!    its signature line from the table. The tests fail until all three agree.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::error::{Error, ErrorKind, Result};
use crate::limits::Budget;
use crate::session::Session;
use crate::value::Value;

pub mod args;
pub mod asset;
pub mod conditional;
pub mod currency;
pub mod datatype;
pub mod datetime;
pub mod email;
pub mod encoding;
pub mod error;
pub mod excerpt;
pub mod format;
pub mod list;
pub mod math;
pub mod messaging;
pub mod numberformat;
pub mod object;
pub mod phone;
mod spec;
pub mod text;
pub mod validation;

pub use args::CallCtx;
pub use spec::{Category, FunctionSpec, Imp, NativeFn, Param, ParamKind, Signature, Special, Ty};

/// Index of a built-in in [`all`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FnId(pub u16);

const CATEGORIES: &[&[FunctionSpec]] = &[
    conditional::FUNCTIONS,
    text::FUNCTIONS,
    list::FUNCTIONS,
    object::FUNCTIONS,
    phone::FUNCTIONS,
    email::FUNCTIONS,
    encoding::FUNCTIONS,
    numberformat::FUNCTIONS,
    datatype::FUNCTIONS,
    asset::FUNCTIONS,
    datetime::FUNCTIONS,
    datetime::calendar::FUNCTIONS,
    datetime::update::FUNCTIONS,
    datetime::parse::FUNCTIONS,
    currency::FUNCTIONS,
    math::FUNCTIONS,
    math::aggregate::FUNCTIONS,
    math::counting::FUNCTIONS,
    math::powers::FUNCTIONS,
    math::trig::FUNCTIONS,
    math::geo::FUNCTIONS,
    error::FUNCTIONS,
    validation::FUNCTIONS,
    messaging::FUNCTIONS,
];

static ALL: LazyLock<Vec<&'static FunctionSpec>> =
    LazyLock::new(|| CATEGORIES.iter().flat_map(|c| c.iter()).collect());

static BY_NAME: LazyLock<HashMap<&'static str, FnId>> = LazyLock::new(|| {
    ALL.iter()
        .enumerate()
        .map(|(i, f)| (f.name, FnId(i as u16)))
        .collect()
});

/// Every built-in, in category order.
pub fn all() -> &'static [&'static FunctionSpec] {
    &ALL
}

/// Finds a built-in by name, in any letter case.
pub fn lookup(name: &str) -> Option<FnId> {
    if name.bytes().any(|b| b.is_ascii_lowercase()) {
        BY_NAME.get(name.to_ascii_uppercase().as_str()).copied()
    } else {
        BY_NAME.get(name).copied()
    }
}

pub fn spec(id: FnId) -> &'static FunctionSpec {
    ALL[id.0 as usize]
}

/// Calls the native built-in `id` with evaluated arguments, choosing the
/// overload by their number. A wrong number is an `ArgumentError`.
pub fn call(id: FnId, session: &Session, budget: &Budget, args: &[Value]) -> Result<Value> {
    let spec = spec(id);
    let sig = spec.select(args)?;
    match sig.imp {
        Imp::Native(f) => f(
            &CallCtx {
                session,
                budget,
                spec,
                sig,
            },
            args,
        )
        .map_err(|e| {
            // With overloads, a wrong type may mean another form was meant.
            if e.kind() == ErrorKind::Type && spec.signatures.len() > 1 && e.help().is_none() {
                let usage = spec.signature_lines().join(" or ");
                e.with_help(format!("usage: {usage}"))
            } else {
                e
            }
        }),
        Imp::Special(_) => Err(Error::new(
            ErrorKind::Syntax,
            format!("{} is a special form, not a function", spec.name),
        )),
    }
}
