//! What the table says about a built-in: its name, category, signatures
//! (parameter names and types, one signature per overload), purity,
//! volatility, whether it reads the session, and a one-line summary.

use std::fmt;

use super::CallCtx;
use crate::error::{Error, Result};
use crate::value::{Type, Value};

/// A built-in implemented in Rust: the arguments are already evaluated.
pub type NativeFn = fn(&CallCtx<'_>, &[Value]) -> Result<Value>;

/// How a built-in runs.
#[derive(Clone, Copy)]
pub enum Imp {
    /// Arguments evaluated left to right, then the function is called.
    Native(NativeFn),
    /// A lazy form the evaluator runs itself (`IF`, `TRY`).
    Special(Special),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Special {
    /// `IF(cond, then, else)`: only the chosen branch runs.
    If,
    /// `TRY(expr, fallback)`: the fallback runs only on a recoverable error.
    Try,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Category {
    Text,
    List,
    Object,
    Conditional,
    Phone,
    Email,
    NumberFormat,
    DataType,
    Asset,
    Encoding,
    Error,
    Validation,
    DateTime,
    Math,
    Currency,
    Messaging,
}

impl Category {
    /// The category's name, which is also its file in `stdlib/`.
    pub fn name(self) -> &'static str {
        match self {
            Category::Text => "text",
            Category::List => "list",
            Category::Object => "object",
            Category::Conditional => "conditional",
            Category::Phone => "phone",
            Category::Email => "email",
            Category::NumberFormat => "numberformat",
            Category::DataType => "datatype",
            Category::Asset => "asset",
            Category::Encoding => "encoding",
            Category::Error => "error",
            Category::Validation => "validation",
            Category::DateTime => "datetime",
            Category::Math => "math",
            Category::Currency => "currency",
            Category::Messaging => "messaging",
        }
    }
}

/// A set of value types: what a parameter accepts or a function returns.
/// One bit per [`Type`], by its discriminant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Ty(u16);

impl Ty {
    pub const NEVER: Ty = Ty(0);
    pub const NULL: Ty = Ty::of(Type::Null);
    pub const BOOLEAN: Ty = Ty::of(Type::Boolean);
    pub const NUMBER: Ty = Ty::of(Type::Number);
    pub const TEXT: Ty = Ty::of(Type::Text);
    pub const DATE: Ty = Ty::of(Type::Date);
    pub const TIME: Ty = Ty::of(Type::Time);
    pub const DATETIME: Ty = Ty::of(Type::DateTime);
    pub const CURRENCY: Ty = Ty::of(Type::Currency);
    pub const LIST: Ty = Ty::of(Type::List);
    pub const OBJECT: Ty = Ty::of(Type::Object);
    pub const ASSET: Ty = Ty::of(Type::Asset);
    /// Every type, `NULL` included.
    pub const ANY: Ty = Ty((1 << (Type::Asset as u16 + 1)) - 1);

    /// The order the docs name the types in (`Number | Null`: NULL last).
    const SHOWN: [Type; 11] = [
        Type::Boolean,
        Type::Number,
        Type::Text,
        Type::Date,
        Type::Time,
        Type::DateTime,
        Type::Currency,
        Type::List,
        Type::Object,
        Type::Asset,
        Type::Null,
    ];

    /// The set of one type.
    pub const fn of(t: Type) -> Ty {
        Ty(1 << t as u16)
    }

    /// The union of two sets.
    pub const fn or(self, other: Ty) -> Ty {
        Ty(self.0 | other.0)
    }

    /// Whether the two sets share a type.
    pub const fn intersects(self, other: Ty) -> bool {
        self.0 & other.0 != 0
    }

    /// Whether a value of this set's types is accepted.
    pub fn accepts(self, v: &Value) -> bool {
        self.intersects(Ty::of(v.type_of()))
    }
}

/// `Text`, `Number | Currency`, `Any`, `Never`.
impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if *self == Ty::ANY {
            return f.write_str("Any");
        }
        if *self == Ty::NEVER {
            return f.write_str("Never");
        }
        let names: Vec<&str> = Ty::SHOWN
            .into_iter()
            .filter(|t| self.intersects(Ty::of(*t)))
            .map(Type::name)
            .collect();
        f.write_str(&names.join(" | "))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    Required,
    /// May be left out (only after the required ones); `NULL` means "not given".
    Optional,
    /// Zero or more further arguments (only the last parameter).
    Variadic,
}

#[derive(Clone, Copy, Debug)]
pub struct Param {
    pub name: &'static str,
    pub ty: Ty,
    pub kind: ParamKind,
}

/// One way to call a built-in: its parameters, its result and its code.
#[derive(Clone, Copy)]
pub struct Signature {
    pub params: &'static [Param],
    pub returns: Ty,
    pub imp: Imp,
    /// The number of required parameters (counted once, at compile time).
    min: usize,
    /// The number of parameters; `None` when the last is variadic.
    max: Option<usize>,
}

impl Signature {
    pub const fn new(params: &'static [Param], returns: Ty, imp: Imp) -> Signature {
        let (mut min, mut max, mut i) = (0, Some(params.len()), 0);
        while i < params.len() {
            match params[i].kind {
                ParamKind::Required => min += 1,
                ParamKind::Optional => {}
                ParamKind::Variadic => max = None,
            }
            i += 1;
        }
        Signature {
            params,
            returns,
            imp,
            min,
            max,
        }
    }

    pub fn min_args(&self) -> usize {
        self.min
    }

    /// `None` when variadic.
    pub fn max_args(&self) -> Option<usize> {
        self.max
    }

    pub fn takes(&self, n: usize) -> bool {
        n >= self.min && self.max.is_none_or(|m| n <= m)
    }

    /// Whether every argument that is not `NULL` has a type its parameter
    /// accepts; arguments beyond the last parameter of a signature that is
    /// not variadic are not looked at (the count is checked apart).
    pub fn accepts(&self, args: &[Value]) -> bool {
        let variadic = self.max_args().is_none();
        args.iter().enumerate().all(|(i, v)| {
            v.is_null()
                || match self.params.get(i) {
                    Some(p) => p.ty.accepts(v),
                    None => !variadic || self.params.last().is_some_and(|p| p.ty.accepts(v)),
                }
        })
    }

    /// The parameter that argument `i` binds to (the variadic one for later indexes).
    pub fn param(&self, i: usize) -> Option<&'static Param> {
        self.params.get(i).or(self.params.last())
    }
}

/// One built-in function.
#[derive(Clone, Copy)]
pub struct FunctionSpec {
    /// Canonical (upper-case) name: the only place it is written.
    pub name: &'static str,
    pub category: Category,
    /// One per overload, tried in order: the first that takes the number of
    /// arguments and accepts their types runs. Overloads that take the same
    /// number differ in the type of their first parameter.
    pub signatures: &'static [Signature],
    /// No side effects (everything but the messaging effects).
    pub pure: bool,
    /// May give a different result for the same arguments (NOW, RANDOM, ...):
    /// never folded, never cached.
    pub volatile: bool,
    /// Reads the session (clock, time zone, locale) beyond rendering its
    /// arguments: never folded at compile time.
    pub session: bool,
    /// One line for `:help` and completion.
    pub summary: &'static str,
}

impl FunctionSpec {
    /// A pure, non-volatile function that does not read the session: the common case.
    pub const fn new(
        name: &'static str,
        category: Category,
        signatures: &'static [Signature],
        summary: &'static str,
    ) -> FunctionSpec {
        FunctionSpec {
            name,
            category,
            signatures,
            pure: true,
            volatile: false,
            session: false,
            summary,
        }
    }

    pub const fn volatile(mut self) -> FunctionSpec {
        self.volatile = true;
        self
    }

    pub const fn impure(mut self) -> FunctionSpec {
        self.pure = false;
        self
    }

    pub const fn session(mut self) -> FunctionSpec {
        self.session = true;
        self
    }

    /// Whether a call with constant arguments may be evaluated at compile time.
    pub fn foldable(&self) -> bool {
        self.pure && !self.volatile && !self.session
    }

    /// The special form this built-in is, if it is one.
    pub fn special(&self) -> Option<Special> {
        self.signatures.iter().find_map(|s| match s.imp {
            Imp::Special(sp) => Some(sp),
            Imp::Native(_) => None,
        })
    }

    /// The signature a call with `n` arguments uses.
    pub fn overload(&self, n: usize) -> Option<&'static Signature> {
        self.signatures.iter().find(|s| s.takes(n))
    }

    /// The signature that runs a call with these arguments: among those that
    /// take their number, the first whose types fit; else the first that takes
    /// their number, which then reports the type error. A number no signature
    /// takes, or arguments that fit a signature taking another number, are an
    /// `ArgumentError`.
    pub fn select(&self, args: &[Value]) -> Result<&'static Signature> {
        if let [only] = self.signatures {
            if only.takes(args.len()) {
                return Ok(only);
            }
        }
        let mut fallback = None;
        for s in self.signatures.iter().filter(|s| s.takes(args.len())) {
            if s.accepts(args) {
                return Ok(s);
            }
            fallback.get_or_insert(s);
        }
        // Arguments that fit another signature's parameters but not in number:
        // say so (a signature without parameters fits nothing).
        let fitting: Vec<&Signature> = self
            .signatures
            .iter()
            .filter(|s| !s.params.is_empty() && !s.takes(args.len()) && s.accepts(args))
            .collect();
        match fallback {
            Some(s) if fitting.is_empty() => Ok(s),
            _ if fitting.is_empty() => Err(self.arity_error(self.signatures.iter(), args.len())),
            _ => Err(self.arity_error(fitting.into_iter(), args.len())),
        }
    }

    /// `NAME takes 2 to 3 arguments, got 1`, with the usage of `sigs`.
    fn arity_error<'s>(
        &self,
        sigs: impl Iterator<Item = &'s Signature> + Clone,
        n: usize,
    ) -> Error {
        let counts: Vec<String> = sigs
            .clone()
            .map(|s| match s.max_args() {
                None => format!("at least {}", s.min_args()),
                Some(max) if max == s.min_args() => format!("{max}"),
                Some(max) => format!("{} to {max}", s.min_args()),
            })
            .collect();
        let expected = counts.join(" or ");
        let plural = if expected == "1" { "" } else { "s" };
        let usage: Vec<String> = sigs.map(|s| self.signature_line(s)).collect();
        Error::argument(format!(
            "{} takes {expected} argument{plural}, got {n}",
            self.name
        ))
        .with_help(format!("usage: {}", usage.join(" or ")))
    }

    /// Each signature as the docs write it: `NAME(a: Text, [b: Number], c: Any...) → Text`.
    pub fn signature_lines(&self) -> Vec<String> {
        self.signatures
            .iter()
            .map(|s| self.signature_line(s))
            .collect()
    }

    fn signature_line(&self, s: &Signature) -> String {
        let ps: Vec<String> = s
            .params
            .iter()
            .map(|p| match p.kind {
                ParamKind::Required => format!("{}: {}", p.name, p.ty),
                ParamKind::Optional => format!("[{}: {}]", p.name, p.ty),
                ParamKind::Variadic => format!("{}: {}...", p.name, p.ty),
            })
            .collect();
        format!("{}({}) → {}", self.name, ps.join(", "), s.returns)
    }

    /// Checks the number of arguments at compile time: the first signature
    /// that takes it, or an `ArgumentError` naming the expected counts.
    pub fn check_arity(&self, n: usize) -> Result<&'static Signature> {
        self.overload(n)
            .ok_or_else(|| self.arity_error(self.signatures.iter(), n))
    }
}
