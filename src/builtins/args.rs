//! Argument conversion: a built-in is a plain typed Rust function, and each of
//! its parameter types says how an argument converts ([`FromArg`]), what the
//! docs call it and whether it takes `NULL`.
//!
//! The [`sig!`](crate::sig) macro turns `capitalize(text: &str) -> TEXT` into a
//! table [`Signature`]: the parameters' names and types come
//! from the function's own parameter list, so the table and the code cannot
//! disagree. The adapter it builds applies the calling conventions of
//! functions-text-data.md §1.1 once for every function:
//!
//! - `NULL` in a required parameter whose type does not take `NULL` makes the
//!   result `NULL` without further checks;
//! - `Option<T>` is an optional parameter: `NULL` or leaving it out is `None`;
//! - a wrong type is a `TypeError` naming the function, the argument's position
//!   and the parameter's name: `UPPERCASE expects Text for argument 1 (text), got Number`.

use std::sync::Arc;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::spec::{FunctionSpec, ParamKind, Signature, Ty};
use crate::error::{Error, Result};
use crate::limits::Budget;
use crate::session::Session;
use crate::value::{Asset, Currency, ObjectMap, Value};

/// The largest Text a built-in builds, in bytes (functions-text-data.md §1.1 "Size").
pub const MAX_TEXT_BYTES: usize = 16 * 1024 * 1024;
/// The largest List a built-in builds, in items (at least 1 000 000: RANGE).
pub const MAX_LIST_ITEMS: usize = 10_000_000;

/// Why an argument did not convert.
#[derive(Debug)]
pub enum ArgError {
    /// The wrong type: what was expected.
    Type(Ty),
    /// The right type, an unusable value: the complaint, after "argument N (name)".
    Domain(String),
}

/// A parameter type of a built-in.
pub trait FromArg<'a>: Sized {
    /// What the parameter accepts, as the docs and errors name it.
    const TY: Ty;
    /// Required, optional (`Option<T>`) or variadic ([`Rest`]).
    const KIND: ParamKind = ParamKind::Required;
    /// Whether `NULL` is passed in rather than making the result `NULL`.
    const TAKES_NULL: bool = false;
    /// Converts argument `i` (absent when the call gave fewer).
    fn from_arg(args: &'a [Value], i: usize) -> std::result::Result<Self, ArgError>;
}

const NULL: &Value = &Value::Null;

fn get(args: &[Value], i: usize) -> &Value {
    args.get(i).unwrap_or(NULL)
}

/// Declares a parameter type that is one variant of [`Value`].
macro_rules! variant_arg {
    ($t:ty, $ty:expr, $pat:pat => $out:expr) => {
        impl<'a> FromArg<'a> for $t {
            const TY: Ty = $ty;
            fn from_arg(args: &'a [Value], i: usize) -> std::result::Result<Self, ArgError> {
                match get(args, i) {
                    $pat => Ok($out),
                    _ => Err(ArgError::Type($ty)),
                }
            }
        }
    };
}

variant_arg!(&'a str, Ty::TEXT, Value::Text(t) => t);
variant_arg!(&'a Arc<str>, Ty::TEXT, Value::Text(t) => t);
variant_arg!(Decimal, Ty::NUMBER, Value::Number(n) => *n);
variant_arg!(bool, Ty::BOOLEAN, Value::Bool(b) => *b);
variant_arg!(&'a [Value], Ty::LIST, Value::List(l) => l.as_slice());
variant_arg!(&'a ObjectMap, Ty::OBJECT, Value::Object(o) => o);
variant_arg!(jiff::civil::Date, Ty::DATE, Value::Date(d) => *d);
variant_arg!(jiff::civil::Time, Ty::TIME, Value::Time(t) => *t);
variant_arg!(&'a jiff::Zoned, Ty::DATETIME, Value::DateTime(z) => z);
variant_arg!(Currency, Ty::CURRENCY, Value::Currency(c) => *c);
variant_arg!(&'a Asset, Ty::ASSET, Value::Asset(a) => a);

/// Any value, `NULL` included.
impl<'a> FromArg<'a> for &'a Value {
    const TY: Ty = Ty::ANY;
    const TAKES_NULL: bool = true;
    fn from_arg(args: &'a [Value], i: usize) -> std::result::Result<Self, ArgError> {
        Ok(get(args, i))
    }
}

/// A required parameter that takes `NULL` as ordinary input (`None`), for the
/// functions that §1.1 lists as exceptions (`LENGTH(NULL) ⇒ 0`).
#[derive(Clone, Copy, Debug)]
pub struct Nullable<T>(pub Option<T>);

impl<'a, T: FromArg<'a>> FromArg<'a> for Nullable<T> {
    const TY: Ty = T::TY.or(Ty::NULL);
    const TAKES_NULL: bool = true;
    fn from_arg(args: &'a [Value], i: usize) -> std::result::Result<Self, ArgError> {
        match get(args, i) {
            Value::Null => Ok(Nullable(None)),
            _ => T::from_arg(args, i).map(|v| Nullable(Some(v))),
        }
    }
}

/// Declares a parameter type that accepts several variants of [`Value`].
macro_rules! union_arg {
    ($(#[$m:meta])* $name:ident { $($variant:ident($t:ty) = $ty:expr),* $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug)]
        pub enum $name<'a> {
            $($variant($t)),*
        }
        impl<'a> FromArg<'a> for $name<'a> {
            const TY: Ty = Ty::NEVER$(.or($ty))*;
            fn from_arg(args: &'a [Value], i: usize) -> std::result::Result<Self, ArgError> {
                match get(args, i) {
                    $(Value::$variant(x) => Ok($name::$variant(x)),)*
                    _ => Err(ArgError::Type(Self::TY)),
                }
            }
        }
    };
}

union_arg!(
    /// A Text or a List.
    TextOrList { Text(&'a Arc<str>) = Ty::TEXT, List(&'a Arc<crate::value::List>) = Ty::LIST }
);
union_arg!(
    /// A List or an Object.
    ListOrObject { List(&'a Arc<crate::value::List>) = Ty::LIST, Object(&'a Arc<crate::value::Object>) = Ty::OBJECT }
);
union_arg!(
    /// A Text, a List or an Object: what has a length.
    Collection {
        Text(&'a Arc<str>) = Ty::TEXT,
        List(&'a Arc<crate::value::List>) = Ty::LIST,
        Object(&'a Arc<crate::value::Object>) = Ty::OBJECT,
    }
);
union_arg!(
    /// A Date or a DateTime.
    DateLike { Date(&'a jiff::civil::Date) = Ty::DATE, DateTime(&'a Arc<jiff::Zoned>) = Ty::DATETIME }
);
union_arg!(
    /// A Time or a DateTime.
    TimeLike { Time(&'a jiff::civil::Time) = Ty::TIME, DateTime(&'a Arc<jiff::Zoned>) = Ty::DATETIME }
);
union_arg!(
    /// A Text or an Asset: data whose bytes a function reads.
    Bytes { Text(&'a Arc<str>) = Ty::TEXT, Asset(&'a Arc<Asset>) = Ty::ASSET }
);
union_arg!(
    /// A Number or a Currency.
    Amount { Number(&'a Decimal) = Ty::NUMBER, Currency(&'a Currency) = Ty::CURRENCY }
);

/// An optional parameter: `NULL` or left out is `None`.
impl<'a, T: FromArg<'a>> FromArg<'a> for Option<T> {
    const TY: Ty = T::TY;
    const KIND: ParamKind = ParamKind::Optional;
    const TAKES_NULL: bool = true;
    fn from_arg(args: &'a [Value], i: usize) -> std::result::Result<Self, ArgError> {
        match get(args, i) {
            Value::Null => Ok(None),
            _ => T::from_arg(args, i).map(Some),
        }
    }
}

/// The remaining arguments of a variadic function, as they are.
#[derive(Clone, Copy, Debug)]
pub struct Rest<'a>(pub &'a [Value]);

impl<'a> FromArg<'a> for Rest<'a> {
    const TY: Ty = Ty::ANY;
    const KIND: ParamKind = ParamKind::Variadic;
    const TAKES_NULL: bool = true;
    fn from_arg(args: &'a [Value], i: usize) -> std::result::Result<Self, ArgError> {
        Ok(Rest(args.get(i..).unwrap_or(&[])))
    }
}

/// `n` as an `i64`, saturating at the ends of the range (`n` has no fraction).
fn saturate(n: Decimal) -> i64 {
    n.to_i64().unwrap_or(if n.is_sign_negative() {
        i64::MIN
    } else {
        i64::MAX
    })
}

/// A whole Number: a zero fraction is fine (`3.0` is `3`), a fraction is an
/// `ArgumentError`. Magnitudes beyond `i64` saturate, which is right for
/// positions, counts and depths (they clamp or hit a limit anyway).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Whole(pub i64);

impl<'a> FromArg<'a> for Whole {
    const TY: Ty = Ty::NUMBER;
    fn from_arg(args: &'a [Value], i: usize) -> std::result::Result<Self, ArgError> {
        let n = Decimal::from_arg(args, i)?;
        if n.fract().is_zero() {
            Ok(Whole(saturate(n)))
        } else {
            Err(ArgError::Domain(format!(
                "must be a whole number, got {}",
                crate::value::number::plain(n)
            )))
        }
    }
}

/// A Number truncated toward zero, as Excel's `REPT` and `ROUND` digits are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Trunc(pub i64);

impl<'a> FromArg<'a> for Trunc {
    const TY: Ty = Ty::NUMBER;
    fn from_arg(args: &'a [Value], i: usize) -> std::result::Result<Self, ArgError> {
        Decimal::from_arg(args, i).map(|n| Trunc(saturate(n.trunc())))
    }
}

/// What a built-in returns: a value, or anything that converts into one,
/// possibly inside a `Result`.
pub trait Ret {
    fn into_result(self) -> Result<Value>;
}

impl<T: Into<Value>> Ret for T {
    fn into_result(self) -> Result<Value> {
        Ok(self.into())
    }
}

impl<T: Into<Value>> Ret for Result<T> {
    fn into_result(self) -> Result<Value> {
        self.map(Into::into)
    }
}

/// What a built-in sees of the evaluation besides its arguments: the session,
/// and its own table entry, from which errors take the names.
pub struct CallCtx<'a> {
    pub session: &'a Session,
    /// The evaluation's account of time and memory: long loops tick it.
    pub budget: &'a Budget,
    pub spec: &'static FunctionSpec,
    pub sig: &'static Signature,
}

impl CallCtx<'_> {
    /// The function's canonical name.
    pub fn name(&self) -> &'static str {
        self.spec.name
    }

    /// The declared name of the parameter that argument `i` binds to.
    pub fn param_name(&self, i: usize) -> &'static str {
        self.sig.param(i).map_or("value", |p| p.name)
    }

    /// `FNAME expects EXPECTED for argument N (param), got TYPE`, blamed on argument `i`.
    pub fn type_error(&self, i: usize, expected: impl std::fmt::Display, got: &Value) -> Error {
        Error::type_error(format!(
            "{} expects {expected} for argument {} ({}), got {}",
            self.name(),
            i + 1,
            self.param_name(i),
            got.type_name()
        ))
        .at_arg(i)
    }

    /// An `ArgumentError` about argument `i`: `FNAME: argument N (param) MESSAGE`.
    pub fn domain_error(&self, i: usize, message: impl std::fmt::Display) -> Error {
        Error::argument(format!(
            "{}: argument {} ({}) {message}",
            self.name(),
            i + 1,
            self.param_name(i)
        ))
        .at_arg(i)
    }

    /// The error for an argument that did not convert.
    pub fn arg_error(&self, i: usize, e: ArgError, args: &[Value]) -> Error {
        match e {
            ArgError::Type(ty) => self.type_error(i, ty, get(args, i)),
            ArgError::Domain(msg) => self.domain_error(i, msg),
        }
    }

    /// A `FormatError` about argument `i`: `FNAME: MESSAGE`.
    pub fn format_error(&self, i: usize, message: impl std::fmt::Display) -> Error {
        Error::format(format!("{}: {message}", self.name())).at_arg(i)
    }

    /// An `ArgumentError` about the call as a whole: `FNAME: MESSAGE`.
    pub fn argument_error(&self, message: impl std::fmt::Display) -> Error {
        Error::argument(format!("{}: {message}", self.name()))
    }

    /// An `ArgumentError` unless `n >= min`.
    pub fn at_least(&self, i: usize, n: i64, min: i64) -> Result<i64> {
        if n < min {
            Err(self.domain_error(i, format!("must be at least {min}, got {n}")))
        } else {
            Ok(n)
        }
    }

    /// An option word (§1.6): Text matched case-insensitively against `words`;
    /// gives the index of the match. An unknown word is an `ArgumentError`
    /// listing the known ones.
    pub fn option_word(&self, i: usize, word: &str, words: &[&str]) -> Result<usize> {
        match words.iter().position(|k| k.eq_ignore_ascii_case(word)) {
            Some(p) => Ok(p),
            None => Err(self.domain_error(
                i,
                format!(
                    "must be one of {}, got \"{word}\"",
                    words
                        .iter()
                        .map(|k| format!("\"{k}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
        }
    }

    /// Fails with a `LimitError` when a text of `bytes` bytes would be too large.
    pub fn check_text_size(&self, bytes: u128) -> Result<()> {
        if bytes > MAX_TEXT_BYTES as u128 {
            Err(Error::limit(format!(
                "{} would build a text of {bytes} bytes, over the limit of {MAX_TEXT_BYTES}",
                self.name()
            )))
        } else {
            Ok(())
        }
    }

    /// Fails with a `LimitError` when a list of `items` items would be too large.
    pub fn check_list_size(&self, items: u128) -> Result<()> {
        if items > MAX_LIST_ITEMS as u128 {
            Err(Error::limit(format!(
                "{} would build a list of {items} items, over the limit of {MAX_LIST_ITEMS}",
                self.name()
            )))
        } else {
            Ok(())
        }
    }

    /// A Number result, checked against the overflow bound `10^28` (`ArithmeticError`).
    pub fn checked(&self, n: Decimal) -> Result<Value> {
        if n.abs() >= OVERFLOW_BOUND {
            Err(self.overflow())
        } else {
            Ok(Value::Number(n))
        }
    }

    /// An `ArithmeticError` for a decimal operation that overflowed.
    pub fn overflow(&self) -> Error {
        Error::arithmetic(format!(
            "{}: the result is too large (10^28 or more)",
            self.name()
        ))
    }
}

/// `10^28`: results of this magnitude or more are an `ArithmeticError`.
pub const OVERFLOW_BOUND: Decimal =
    Decimal::from_parts(268_435_456, 1_042_612_833, 542_101_086, false, 0);

/// A parameter's name without the `r#` of a raw identifier (`r#type` is `type`).
pub const fn unraw(name: &'static str) -> &'static str {
    match name.as_bytes() {
        [b'r', b'#', ..] => name.split_at(2).1,
        _ => name,
    }
}

/// Whether the adapter of a signature must give `NULL` without calling the
/// function: a required argument is `NULL` and its type does not take `NULL`.
#[doc(hidden)]
pub fn null_short_circuit(args: &[Value], takes_null: &[bool]) -> bool {
    takes_null
        .iter()
        .zip(args)
        .any(|(takes, v)| !takes && v.is_null())
}

/// Converts argument `i` for the adapter, naming the parameter on failure.
#[doc(hidden)]
pub fn convert<'a, T: FromArg<'a>>(cx: &CallCtx<'_>, args: &'a [Value], i: usize) -> Result<T> {
    T::from_arg(args, i).map_err(|e| cx.arg_error(i, e, args))
}

/// A table [`Signature`](super::Signature) for a typed Rust function:
///
/// ```text
/// sig!(padstring(text: &str, length: Whole, pad: Option<&str>) -> TEXT)
/// ```
///
/// The function takes `&CallCtx` first, then one argument per parameter, and
/// returns anything [`Ret`] accepts. The parameter list is the function's own
/// (the compiler checks that the types agree); the result is a [`Ty`] constant.
#[macro_export]
macro_rules! sig {
    ($f:ident ( $($name:ident : $t:ty),* $(,)? ) -> $ret:ident $(| $more:ident)*) => {
        $crate::builtins::Signature::new(
            &[$($crate::builtins::Param {
                name: $crate::builtins::args::unraw(stringify!($name)),
                ty: <$t as $crate::builtins::args::FromArg<'static>>::TY,
                kind: <$t as $crate::builtins::args::FromArg<'static>>::KIND,
            }),*],
            $crate::builtins::Ty::$ret$(.or($crate::builtins::Ty::$more))*,
            $crate::builtins::Imp::Native(
                |_cx: &$crate::builtins::CallCtx<'_>, _args: &[$crate::value::Value]| {
                    if $crate::builtins::args::null_short_circuit(
                        _args,
                        &[$(<$t as $crate::builtins::args::FromArg<'static>>::TAKES_NULL),*],
                    ) {
                        return Ok($crate::value::Value::Null);
                    }
                    let mut _i = 0usize;
                    $crate::builtins::args::Ret::into_result($f(
                        _cx,
                        $({
                            let v: $t = $crate::builtins::args::convert(_cx, _args, _i)?;
                            _i += 1;
                            v
                        }),*
                    ))
                },
            ),
        )
    };
}

/// Helpers for the unit tests of the built-ins.
#[cfg(test)]
pub mod testing {
    use crate::error::{ErrorKind, Result};
    use crate::session::Session;
    use crate::value::Value;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    /// Calls the built-in `name` through its table entry, with a default session.
    pub fn call(name: &str, args: &[Value]) -> Result<Value> {
        call_with(&Session::default(), name, args)
    }
    /// Calls the built-in `name` through its table entry.
    pub fn call_with(session: &Session, name: &str, args: &[Value]) -> Result<Value> {
        let id = super::super::lookup(name).expect("a registered built-in");
        super::super::call(id, session, &crate::limits::Budget::default(), args)
    }
    /// The error kind of a call that must fail.
    pub fn err(name: &str, args: &[Value]) -> ErrorKind {
        match call(name, args) {
            Ok(v) => panic!("expected an error, got {v:?}"),
            Err(e) => e.kind(),
        }
    }
    pub fn t(s: &str) -> Value {
        Value::from(s)
    }
    /// A Number from its decimal text.
    pub fn n(s: &str) -> Value {
        Value::Number(Decimal::from_str(s).expect("test number"))
    }
    pub fn l(items: &[Value]) -> Value {
        Value::list(items.to_vec())
    }
    pub const NULL: Value = Value::Null;
}

#[cfg(test)]
mod tests {
    use super::testing::{call, n, t};
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn bound_is_ten_to_the_28() {
        assert_eq!(OVERFLOW_BOUND.to_string(), format!("1{}", "0".repeat(28)));
    }

    #[test]
    fn type_errors_name_the_parameter_from_the_table() {
        let e = call("UPPERCASE", &[Value::from(5)]).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Type);
        assert_eq!(e.arg(), Some(0));
        assert_eq!(
            e.message(),
            "UPPERCASE expects Text for argument 1 (text), got Number"
        );
    }

    #[test]
    fn null_in_a_required_argument_gives_null_without_further_checks() {
        // REPT(NULL, "x"): the second argument is never looked at.
        assert_eq!(call("REPT", &[Value::Null, t("x")]).unwrap(), Value::Null);
        // An optional NULL means "not given".
        assert_eq!(
            call("SPLIT", &[t("a b"), Value::Null]).unwrap(),
            Value::list(vec![t("a"), t("b")])
        );
    }

    #[test]
    fn whole_numbers() {
        assert_eq!(Whole::from_arg(&[n("3.0")], 0).unwrap(), Whole(3));
        assert!(matches!(
            Whole::from_arg(&[n("2.5")], 0),
            Err(ArgError::Domain(m)) if m == "must be a whole number, got 2.5"
        ));
        assert!(matches!(
            Whole::from_arg(&[t("3")], 0),
            Err(ArgError::Type(Ty::NUMBER))
        ));
        assert_eq!(
            Whole::from_arg(&[Value::Number(Decimal::MAX)], 0).unwrap(),
            Whole(i64::MAX)
        );
        assert_eq!(Trunc::from_arg(&[n("-2.7")], 0).unwrap(), Trunc(-2));
    }

    #[test]
    fn overloads_choose_by_count_then_type() {
        use crate::value::testing::obj;
        // By type among overloads that take one argument.
        let parts = obj(&[("amount", n("150"))]);
        assert!(matches!(
            call("CURRENCY", std::slice::from_ref(&parts)),
            Ok(Value::Currency(_))
        ));
        assert!(matches!(
            call("CURRENCY", &[n("150")]),
            Ok(Value::Currency(_))
        ));
        // Arguments that fit a form with another count: an ArgumentError.
        let e = call("CURRENCY", &[parts, t("USD")]).unwrap_err();
        assert_eq!(
            (e.kind(), e.message()),
            (ErrorKind::Argument, "CURRENCY takes 1 argument, got 2")
        );
        assert_eq!(
            call("TIME", &[n("5")]).unwrap_err().message(),
            "TIME takes 2 to 4 arguments, got 1"
        );
        // Fitting no form: a TypeError whose help lists every form.
        let e = call("DATE", &[t("x")]).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Type);
        assert_eq!(
            e.help(),
            Some("usage: DATE(year: Number, month: Number, day: Number) → Date or DATE(parts: Object) → Date")
        );
        // A form without parameters fits no arguments.
        assert_eq!(
            call("RANDOM", &[t("1"), n("2")]).unwrap_err().kind(),
            ErrorKind::Type
        );
        assert_eq!(
            call("RANDOM", &[n("1")]).unwrap_err().kind(),
            ErrorKind::Argument
        );
    }

    #[test]
    fn option_words_and_domain_errors() {
        let e = call("PADSTRING", &[t("a"), n("3"), t("0"), t("middle")]).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Argument);
        assert_eq!(e.arg(), Some(3));
        assert!(e
            .message()
            .starts_with("PADSTRING: argument 4 (side) must be one of"));
    }
}
