//! The single table of built-in functions. Every built-in is written once, as a
//! `FunctionSpec` in its category's file; name resolution, arity checks, folding,
//! REPL completion and the docs all read this table.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::error::Result;
use crate::session::Session;
use crate::value::Value;

pub mod args;
pub mod conditional;
pub mod currency;
pub mod datetime;
pub mod email;
pub mod encoding;
pub mod error;
pub mod list;
pub mod math;
pub mod numberformat;
pub mod text;

/// What a built-in sees of the evaluation besides its arguments.
pub struct CallCtx<'a> {
    pub session: &'a Session,
}

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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    Required,
    Optional,
    /// Zero or more further arguments (only the last parameter).
    Variadic,
}

#[derive(Clone, Copy, Debug)]
pub struct Param {
    pub name: &'static str,
    pub kind: ParamKind,
}

pub const fn req(name: &'static str) -> Param {
    Param {
        name,
        kind: ParamKind::Required,
    }
}
pub const fn opt(name: &'static str) -> Param {
    Param {
        name,
        kind: ParamKind::Optional,
    }
}
pub const fn rest(name: &'static str) -> Param {
    Param {
        name,
        kind: ParamKind::Variadic,
    }
}

/// One built-in function.
#[derive(Clone, Copy)]
pub struct FunctionSpec {
    /// Canonical (upper-case) name.
    pub name: &'static str,
    pub category: Category,
    pub params: &'static [Param],
    /// No side effects (everything but the messaging effects).
    pub pure: bool,
    /// May give a different result for the same arguments (NOW, RANDOM, ...):
    /// never folded, never cached.
    pub volatile: bool,
    pub imp: Imp,
    /// One line for `:help` and completion.
    pub summary: &'static str,
}

impl FunctionSpec {
    /// A pure, non-volatile native function: the common case.
    pub const fn pure(
        name: &'static str,
        category: Category,
        params: &'static [Param],
        f: NativeFn,
        summary: &'static str,
    ) -> FunctionSpec {
        FunctionSpec {
            name,
            category,
            params,
            pure: true,
            volatile: false,
            imp: Imp::Native(f),
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

    pub fn min_args(&self) -> usize {
        self.params
            .iter()
            .filter(|p| p.kind == ParamKind::Required)
            .count()
    }

    /// `None` when variadic.
    pub fn max_args(&self) -> Option<usize> {
        if self.params.iter().any(|p| p.kind == ParamKind::Variadic) {
            None
        } else {
            Some(self.params.len())
        }
    }

    /// `NAME(a, [b], c...)`
    pub fn signature(&self) -> String {
        let ps: Vec<String> = self
            .params
            .iter()
            .map(|p| match p.kind {
                ParamKind::Required => p.name.to_string(),
                ParamKind::Optional => format!("[{}]", p.name),
                ParamKind::Variadic => format!("{}...", p.name),
            })
            .collect();
        format!("{}({})", self.name, ps.join(", "))
    }

    /// Checks the number of arguments: an `ArgumentError` naming the expected count.
    pub fn check_arity(&self, n: usize) -> Result<()> {
        let min = self.min_args();
        let ok = n >= min && self.max_args().is_none_or(|m| n <= m);
        if ok {
            return Ok(());
        }
        let expected = match self.max_args() {
            None => format!("at least {min}"),
            Some(max) if max == min => format!("{min}"),
            Some(max) => format!("{min} to {max}"),
        };
        let plural = if expected == "1" { "" } else { "s" };
        Err(crate::error::Error::argument(format!(
            "{} takes {expected} argument{plural}, got {n}",
            self.name
        ))
        .with_help(format!("usage: {}", self.signature())))
    }
}

/// Index of a built-in in [`all`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FnId(pub u16);

const CATEGORIES: &[&[FunctionSpec]] = &[
    conditional::FUNCTIONS,
    text::FUNCTIONS,
    list::FUNCTIONS,
    email::FUNCTIONS,
    encoding::FUNCTIONS,
    numberformat::FUNCTIONS,
    datetime::FUNCTIONS,
    currency::FUNCTIONS,
    math::FUNCTIONS,
    error::FUNCTIONS,
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
