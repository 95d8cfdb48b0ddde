//! The `eval` target's input: a generator of well-formed expressions.
//!
//! [`Program::arbitrary`] reads the fuzzer's bytes as a sequence of choices
//! and builds an [`Expr`] tree — literals, lists, objects, paths, operators,
//! `IF`, `TRY`, `LET ... IN` with value and function bindings (recursive ones
//! included), queries and calls of the built-ins taken from the function
//! table with argument counts from their signatures — then prints it as
//! source text. Names are drawn from what is in scope, so most programs
//! compile and the fuzzer spends its time in the evaluator and the
//! built-ins rather than in the parser. Size is bounded: [`MAX_DEPTH`]
//! levels, [`MAX_NODES`] nodes, short lists and texts.
//!
//! Seeds: an input that starts with [`SEED_PREFIX`] (a line comment, so the
//! whole input is valid source) is taken as source text as it is. That is
//! how the conformance cases and examples seed this target (see
//! `fuzz/seed.py`), and how the fuzzer's mutations of them are evaluated.

use std::fmt::{self, Write as _};
use std::sync::OnceLock;

use airscript::builtins::{self, FunctionSpec, Param, ParamKind, Ty};
use arbitrary::{Arbitrary, Result, Unstructured};

/// Inputs that start with this are source text, not generator choices.
pub const SEED_PREFIX: &[u8] = b"//seed\n";

/// The deepest nesting of generated expressions.
pub const MAX_DEPTH: u32 = 7;
/// The most nodes of one generated expression.
pub const MAX_NODES: u32 = 160;
const MAX_ITEMS: usize = 5;
/// Where `recursion` puts the recursive call (never printed).
const HOLE: &str = "__hole__";

/// One program for the `eval` target: its source text (which `Debug` prints
/// as it is, so that `cargo fuzz fmt eval ARTIFACT` writes the `.air` file
/// of a regression).
pub struct Program {
    pub source: String,
}

impl fmt::Debug for Program {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

impl<'a> Arbitrary<'a> for Program {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        let mut g = Gen::new(u);
        let e = g.expr(Ty::ANY)?;
        Ok(Program {
            source: e.to_string(),
        })
    }

    fn arbitrary_take_rest(mut u: Unstructured<'a>) -> Result<Self> {
        if u.peek_bytes(SEED_PREFIX.len()) == Some(SEED_PREFIX) {
            let bytes = u.take_rest();
            return Ok(Program {
                source: String::from_utf8_lossy(bytes).into_owned(),
            });
        }
        Program::arbitrary(&mut u)
    }
}

/// An expression, printed with parentheses around every compound part so
/// that the printed text means exactly this tree.
#[derive(Clone, Debug)]
pub enum Expr {
    /// A number literal as written (`1.5e3`).
    Num(String),
    Text(Vec<Part>),
    /// `TRUE`, `false`, `Null`: the keyword as written.
    Word(String),
    Var(String),
    At,
    List(Vec<Expr>, bool),
    Object(Vec<(Key, Expr)>),
    Path(Box<Expr>, Vec<Step>),
    Unary(&'static str, Box<Expr>),
    Binary(&'static str, Box<Expr>, Box<Expr>),
    Call(String, Vec<Expr>),
    Let(Vec<Binding>, Box<Expr>),
    Query(Box<Query>),
}

/// A piece of a string literal: escaped text, or an interpolation.
#[derive(Clone, Debug)]
pub enum Part {
    Raw(String),
    Interp(Expr),
}

#[derive(Clone, Debug)]
pub enum Key {
    Word(String),
    Text(Vec<Part>),
}

#[derive(Clone, Debug)]
pub enum Step {
    Name(String),
    Index(Expr),
    Slice(Option<Expr>, Option<Expr>),
    Star,
    Filter(Expr),
}

#[derive(Clone, Debug)]
pub enum Binding {
    Value(String, Expr),
    Func(String, Vec<String>, Expr),
}

#[derive(Clone, Debug)]
pub struct Query {
    pub item: String,
    pub index: Option<String>,
    pub collection: Option<String>,
    pub source: Expr,
    pub filter: Option<Expr>,
    pub order: Option<(Expr, Option<&'static str>)>,
    pub limit: Option<(Expr, Option<Expr>)>,
    pub select: Option<Select>,
}

#[derive(Clone, Debug)]
pub enum Select {
    Plain(bool, Expr),
    Keyed(Key, Expr),
}

fn parts(f: &mut fmt::Formatter<'_>, ps: &[Part]) -> fmt::Result {
    f.write_char('"')?;
    for p in ps {
        match p {
            Part::Raw(s) => f.write_str(s)?,
            Part::Interp(e) => write!(f, "{{{{ {e} }}}}")?,
        }
    }
    f.write_char('"')
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Key::Word(w) => f.write_str(w),
            Key::Text(ps) => parts(f, ps),
        }
    }
}

fn list<T: fmt::Display>(f: &mut fmt::Formatter<'_>, items: &[T]) -> fmt::Result {
    for (i, e) in items.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{e}")?;
    }
    Ok(())
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Num(n) => f.write_str(n),
            Expr::Text(ps) => parts(f, ps),
            Expr::Word(w) | Expr::Var(w) => f.write_str(w),
            Expr::At => f.write_char('@'),
            Expr::List(items, trailing) => {
                f.write_char('[')?;
                list(f, items)?;
                if *trailing && !items.is_empty() {
                    f.write_char(',')?;
                }
                f.write_char(']')
            }
            Expr::Object(members) => {
                f.write_char('{')?;
                for (i, (k, v)) in members.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{k}: {v}")?;
                }
                f.write_char('}')
            }
            Expr::Path(base, steps) => {
                match **base {
                    Expr::Num(_) => write!(f, "({base})")?,
                    _ => write!(f, "{base}")?,
                }
                for s in steps {
                    match s {
                        Step::Name(n) => write!(f, ".{n}")?,
                        Step::Index(e) => write!(f, "[{e}]")?,
                        Step::Slice(a, b) => {
                            f.write_char('[')?;
                            if let Some(a) = a {
                                write!(f, "{a}")?;
                            }
                            f.write_char(':')?;
                            if let Some(b) = b {
                                write!(f, "{b}")?;
                            }
                            f.write_char(']')?;
                        }
                        Step::Star => f.write_str("[*]")?,
                        Step::Filter(c) => write!(f, "[?({c})]")?,
                    }
                }
                Ok(())
            }
            Expr::Unary(op, e) => {
                // `NOT x`, `not x`: a word needs a space before its operand.
                let sep = if op.chars().all(char::is_alphabetic) {
                    " "
                } else {
                    ""
                };
                write!(f, "({op}{sep}{e})")
            }
            Expr::Binary(op, a, b) => write!(f, "({a} {op} {b})"),
            Expr::Call(name, args) => {
                write!(f, "{name}(")?;
                list(f, args)?;
                f.write_char(')')
            }
            Expr::Let(bindings, body) => {
                f.write_str("(LET ")?;
                for (i, b) in bindings.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    match b {
                        Binding::Value(n, e) => write!(f, "{n} = {e}")?,
                        Binding::Func(n, ps, e) => write!(f, "{n}({}) = {e}", ps.join(", "))?,
                    }
                }
                write!(f, " IN {body})")
            }
            Expr::Query(q) => {
                write!(f, "(FROM {}", q.item)?;
                if let Some(i) = &q.index {
                    write!(f, ", {i}")?;
                    if let Some(c) = &q.collection {
                        write!(f, ", {c}")?;
                    }
                }
                write!(f, " IN {}", q.source)?;
                if let Some(w) = &q.filter {
                    write!(f, " WHERE {w}")?;
                }
                if let Some((k, dir)) = &q.order {
                    write!(f, " ORDER BY {k}")?;
                    if let Some(d) = dir {
                        write!(f, " {d}")?;
                    }
                }
                if let Some((n, off)) = &q.limit {
                    write!(f, " LIMIT {n}")?;
                    if let Some(o) = off {
                        write!(f, " OFFSET {o}")?;
                    }
                }
                match &q.select {
                    None => {}
                    Some(Select::Plain(distinct, e)) => {
                        let d = if *distinct { "DISTINCT " } else { "" };
                        write!(f, " SELECT {d}{e}")?;
                    }
                    Some(Select::Keyed(k, e)) => write!(f, " SELECT {k}: {e}")?,
                }
                f.write_char(')')
            }
        }
    }
}

/// The variables of the harness's fixed context (see `harness::fixed_context`),
/// plus one it does not have.
const CONTEXT_VARS: &[&str] = &[
    "n", "x", "neg", "big", "s", "empty", "nul", "flag", "xs", "words", "nested", "obj", "people",
    "actor", "when", "missing",
];

/// Property names: those of the context's objects, and keywords (any word
/// is a property name after a dot).
const NAMES: &[&str] = &[
    "a", "b", "c", "name", "age", "email", "phone", "tags", "joined", "value", "kind", "message",
    "from", "select", "null", "uri", "size", "year", "date", "time", "amount", "code",
];

const NUMBERS: &[&str] = &[
    "0",
    "1",
    "2",
    "3",
    "7",
    "10",
    "12",
    "24",
    "31",
    "59",
    "60",
    "100",
    "255",
    "366",
    "1000",
    "2020",
    "65535",
    "1000000",
    "16000000",
    "1e7",
    "0.5",
    "1.5",
    "0.1",
    "3.14159",
    "2.5e-3",
    "1e-28",
    "0.0000000000000000000000000001",
    "9999999999999999999999999999",
    "1e27",
    "1E+2",
    "4294967296",
    "18446744073709551616",
    "1.005",
    "123456789.987654321",
    "007",
    "0.000",
];

const TEXTS: &[&str] = &[
    "", " ", "a", "abc", "Hello, World", "hello world", "a,b,,c", "  padded  ", "ÄÖÜ ß",
    "😀👍🏽", "e\u{301}", "İstanbul", "日本語", "\u{200b}", "a\tb\nc", "null", "true", "42",
    "-3.5", "1,234.56", "1.234,56", "1e3", "0x1F", "ff", "101", "MCMXCIV", "XLII", "2020-01-31",
    "2020-02-30", "31/12/1999", "1999-12-31T23:59:59Z", "2024-03-10T02:30:00", "09:41", "25:61",
    "Monday", "ann@example.com", "bad@", "a@b.c", "+1 650-253-0000", "(415) 555-0100",
    "+44 20 7946 0958", "555", "USD", "EUR", "JPY", "BHD", "XXX", "$1,234.50", "€5", "¥100",
    "UTC", "America/New_York", "Europe/Paris", "Asia/Kolkata", "Not/AZone", "+05:30",
    "en-US", "de-DE", "fr", "ja-JP", "ar-EG", "hi-IN", "zz", "yyyy-MM-dd", "dd/MM/yyyy HH:mm",
    "EEEE, MMMM d, y", "h:mm a", "#,##0.00", "0.###", "0%", "¤#,##0.00", "000", "days",
    "months", "years", "hours", "minutes", "seconds", "milliseconds", "weeks", "quarters",
    "INTERNATIONAL", "NATIONAL", "E164", "RFC3966", "hex", "base64", "url", "standard",
    "component", "form", "{\"a\": [1, 2, {\"b\": null}]}", "[1, 2", "<a><b>1</b><b>2</b></a>",
    "<a x=\"1\">t</a>", "<?xml version=\"1.0\"?><r/>", "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><x>1</x></soap:Body></soap:Envelope>",
    "data:text/plain;base64,SGVsbG8=", "data:,hi", "asset://x", "./missing.txt", "/nonexistent",
    "https://example.com/a?b=c&d=e", "a%20b", "%zz", "SGVsbG8=", "km", "mi", "left", "right",
    "both", "required", "isEmail", "Date", "Number", "Text",
];

/// Raw characters a string literal may hold (escaped when they must be).
const CHARS: &[&str] = &[
    "a", "b", "Z", "0", " ", ",", ".", ":", "@", "#", "$", "%", "'", "é", "😀", "\u{301}", "ß",
    "İ", "\u{200b}", "\u{feff}", "\n", "\t", "\r", "<", ">", "&", "/", "*",
];

const ESCAPES: &[&str] = &[
    "\\n",
    "\\t",
    "\\\"",
    "\\\\",
    "\\/",
    "\\b",
    "\\f",
    "\\r",
    "\\u00e9",
    "\\ud83d\\ude00",
    "\\{",
    "\\}",
    "\\u0000",
    "\\{{",
    "\\u001f",
];

const ZONES: &[&str] = &[
    "UTC",
    "America/New_York",
    "Europe/Paris",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
    "Pacific/Kiritimati",
    "America/St_Johns",
    "Not/AZone",
];

const BINARY: &[&str] = &[
    "+", "-", "*", "/", "%", "=", "<>", "!=", "<", "<=", ">", ">=", "??", "AND", "OR", "XOR",
];

/// The generator: a cursor over the fuzzer's bytes, the names in scope and
/// what is left of the size budget.
struct Gen<'a, 'u> {
    u: &'u mut Unstructured<'a>,
    depth: u32,
    nodes: u32,
    /// Variables in scope besides the context's.
    vars: Vec<String>,
    /// User functions in scope: name and number of parameters.
    funcs: Vec<(String, usize)>,
    /// Inside a filter: `@` is the item.
    filters: u32,
    fresh: u32,
}

impl<'a, 'u> Gen<'a, 'u> {
    fn new(u: &'u mut Unstructured<'a>) -> Self {
        Gen {
            u,
            depth: 0,
            nodes: 0,
            vars: Vec::new(),
            funcs: Vec::new(),
            filters: 0,
            fresh: 0,
        }
    }

    fn pick<'t, T>(&mut self, items: &'t [T]) -> Result<&'t T> {
        self.u.choose(items)
    }

    fn coin(&mut self, num: u8, den: u8) -> Result<bool> {
        self.u.ratio(num, den)
    }

    fn fresh(&mut self, prefix: &str) -> String {
        self.fresh += 1;
        format!("{prefix}{}", self.fresh)
    }

    fn exhausted(&self) -> bool {
        self.depth >= MAX_DEPTH || self.nodes >= MAX_NODES || self.u.is_empty()
    }

    /// An expression, likely (not surely) of a type in `ty`.
    fn expr(&mut self, ty: Ty) -> Result<Expr> {
        self.nodes += 1;
        if self.exhausted() {
            return self.leaf(ty);
        }
        self.depth += 1;
        let e = self.compound(ty);
        self.depth -= 1;
        e
    }

    fn compound(&mut self, ty: Ty) -> Result<Expr> {
        Ok(match self.u.int_in_range(0..=19)? {
            0..=3 => self.leaf(ty)?,
            4 | 5 => self.call(ty)?,
            6 => self.typed(ty)?,
            7 => {
                let n = self.u.int_in_range(0..=MAX_ITEMS)?;
                let mut items = Vec::with_capacity(n);
                for _ in 0..n {
                    items.push(self.expr(Ty::ANY)?);
                }
                Expr::List(items, self.coin(1, 8)?)
            }
            8 => self.object()?,
            9 => self.path()?,
            10 => {
                let op = *self.pick(&["-", "+", "NOT", "not"])?;
                Expr::Unary(op, Box::new(self.expr(Ty::NUMBER)?))
            }
            11 | 12 => {
                let op = *self.pick(BINARY)?;
                let hint = match op {
                    "AND" | "OR" | "XOR" => Ty::BOOLEAN,
                    "+" => *self.pick(&[Ty::NUMBER, Ty::TEXT, Ty::LIST, Ty::CURRENCY])?,
                    "-" | "*" | "/" | "%" => *self.pick(&[Ty::NUMBER, Ty::CURRENCY])?,
                    _ => Ty::ANY,
                };
                let a = self.expr(hint)?;
                let b = self.expr(hint)?;
                Expr::Binary(op, Box::new(a), Box::new(b))
            }
            13 => {
                let c = self.expr(Ty::BOOLEAN)?;
                let a = self.expr(ty)?;
                let b = self.expr(ty)?;
                Expr::Call(self.case("IF")?, vec![c, a, b])
            }
            14 => self.try_()?,
            15 => self.let_()?,
            16 => self.recursion()?,
            17 => self.query()?,
            18 => self.user_call()?,
            _ => Expr::Text(self.text_parts(true)?),
        })
    }

    /// A name in a random letter case (keywords and function names ignore case).
    fn case(&mut self, word: &str) -> Result<String> {
        Ok(match self.u.int_in_range(0..=7)? {
            0 => word.to_ascii_lowercase(),
            1 => {
                let mut c = word.chars();
                let first = c.next().map(|f| f.to_ascii_uppercase());
                first
                    .into_iter()
                    .chain(c.map(|ch| ch.to_ascii_lowercase()))
                    .collect()
            }
            _ => word.to_owned(),
        })
    }

    fn number(&mut self) -> Result<Expr> {
        Ok(Expr::Num(match self.u.int_in_range(0..=3)? {
            0 => self.u.int_in_range(0..=40u32)?.to_string(),
            1 => {
                let a: u32 = self.u.arbitrary()?;
                let b: u16 = self.u.arbitrary()?;
                format!("{a}.{b:03}")
            }
            _ => (*self.pick(NUMBERS)?).to_owned(),
        }))
    }

    fn var(&mut self) -> Result<Expr> {
        if !self.vars.is_empty() && self.coin(2, 3)? {
            return Ok(Expr::Var(self.pick(&self.vars.clone())?.clone()));
        }
        Ok(Expr::Var((*self.pick(CONTEXT_VARS)?).to_owned()))
    }

    /// A short, simple expression of a type in `ty`.
    fn leaf(&mut self, ty: Ty) -> Result<Expr> {
        let mut options: Vec<Ty> = [
            Ty::NUMBER,
            Ty::TEXT,
            Ty::BOOLEAN,
            Ty::NULL,
            Ty::LIST,
            Ty::OBJECT,
            Ty::DATE,
            Ty::TIME,
            Ty::DATETIME,
            Ty::CURRENCY,
        ]
        .into_iter()
        .filter(|t| ty.intersects(*t))
        .collect();
        if options.is_empty() || self.coin(1, 6)? {
            options = vec![Ty::ANY];
        }
        let t = *self.pick(&options)?;
        if t == Ty::ANY || self.coin(1, 4)? {
            return match self.u.int_in_range(0..=3)? {
                0 if self.filters > 0 => Ok(Expr::At),
                0 | 1 => self.var(),
                2 => self.number(),
                _ => Ok(Expr::Text(self.text_parts(false)?)),
            };
        }
        self.typed(t)
    }

    /// A literal or constructor call of one of the types in `ty`.
    fn typed(&mut self, ty: Ty) -> Result<Expr> {
        let n = |s: &str| Expr::Num(s.to_owned());
        let t = |s: &str| Expr::Text(vec![Part::Raw(escape(s))]);
        Ok(if ty.intersects(Ty::NUMBER) && self.coin(1, 2)? {
            self.number()?
        } else if ty.intersects(Ty::TEXT) && self.coin(1, 2)? {
            Expr::Text(self.text_parts(false)?)
        } else if ty.intersects(Ty::BOOLEAN) && self.coin(1, 2)? {
            let w = *self.pick(&["TRUE", "FALSE"])?;
            Expr::Word(self.case(w)?)
        } else if ty.intersects(Ty::LIST) && self.coin(1, 2)? {
            match self.u.int_in_range(0..=4)? {
                0 => Expr::Var("xs".into()),
                1 => Expr::Var("people".into()),
                2 => Expr::Call(
                    "RANGE".into(),
                    vec![
                        n("1"),
                        Expr::Num((*self.pick(&["5", "100", "1000", "1e5"])?).into()),
                    ],
                ),
                _ => {
                    let k = self.u.int_in_range(0..=MAX_ITEMS)?;
                    let mut items = Vec::new();
                    for _ in 0..k {
                        items.push(self.leaf(Ty::ANY)?);
                    }
                    Expr::List(items, false)
                }
            }
        } else if ty.intersects(Ty::OBJECT) && self.coin(1, 2)? {
            if self.coin(1, 2)? {
                Expr::Var((*self.pick(&["obj", "actor"])?).into())
            } else {
                self.object()?
            }
        } else if ty.intersects(Ty::DATE) && self.coin(1, 2)? {
            self.date()?
        } else if ty.intersects(Ty::TIME) && self.coin(1, 2)? {
            self.time()?
        } else if ty.intersects(Ty::DATETIME) && self.coin(1, 2)? {
            let d = self.date()?;
            let tm = self.time()?;
            let z = t(self.pick(ZONES)?);
            Expr::Call("DATETIME".into(), vec![d, tm, z])
        } else if ty.intersects(Ty::CURRENCY) && self.coin(1, 2)? {
            let amount = self.number()?;
            let code = t(self.pick(&["USD", "EUR", "JPY", "BHD", "GBP", "XXX"])?);
            Expr::Call("CURRENCY".into(), vec![amount, code])
        } else if ty.intersects(Ty::ASSET) && self.coin(1, 2)? {
            let uri = *self.pick(&[
                "data:text/plain;base64,SGVsbG8=",
                "data:image/png;name=dot.png;base64,iVBORw0KGgo=",
                "data:,a%20b",
                "asset://abc",
            ])?;
            Expr::Call("URI_TO_ASSET".into(), vec![t(uri)])
        } else if ty.intersects(Ty::NULL) && self.coin(1, 3)? {
            Expr::Word(self.case("NULL")?)
        } else {
            // Nothing chosen: any simple value.
            match self.u.int_in_range(0..=2)? {
                0 => self.number()?,
                1 => Expr::Text(self.text_parts(false)?),
                _ => self.var()?,
            }
        })
    }

    fn date(&mut self) -> Result<Expr> {
        let y = *self.pick(&["2020", "1970", "1", "9999", "2024", "1900", "0", "10000"])?;
        let m = self.u.int_in_range(0..=13u8)?;
        let d = self.u.int_in_range(0..=32u8)?;
        Ok(Expr::Call(
            "DATE".into(),
            vec![
                Expr::Num(y.into()),
                Expr::Num(m.to_string()),
                Expr::Num(d.to_string()),
            ],
        ))
    }

    fn time(&mut self) -> Result<Expr> {
        let h = self.u.int_in_range(0..=24u8)?;
        let m = self.u.int_in_range(0..=60u8)?;
        let s = self.u.int_in_range(0..=60u8)?;
        let mut args = vec![
            Expr::Num(h.to_string()),
            Expr::Num(m.to_string()),
            Expr::Num(s.to_string()),
        ];
        if self.coin(1, 4)? {
            args.push(Expr::Num(self.u.int_in_range(0..=1000u16)?.to_string()));
        }
        Ok(Expr::Call("TIME".into(), args))
    }

    /// The parts of a string literal; `interp` allows interpolations.
    fn text_parts(&mut self, interp: bool) -> Result<Vec<Part>> {
        if self.coin(1, 2)? {
            return Ok(vec![Part::Raw(escape(self.pick(TEXTS)?))]);
        }
        let n = self.u.int_in_range(0..=5)?;
        let mut ps = Vec::with_capacity(n);
        for _ in 0..n {
            ps.push(match self.u.int_in_range(0..=5)? {
                0 if interp && !self.exhausted() => {
                    self.depth += 1;
                    let e = self.expr(Ty::ANY);
                    self.depth -= 1;
                    Part::Interp(e?)
                }
                1 => Part::Raw((*self.pick(ESCAPES)?).to_owned()),
                2 => {
                    let c: char = self.u.arbitrary()?;
                    Part::Raw(escape(&c.to_string()))
                }
                _ => {
                    let k = self.u.int_in_range(1..=6)?;
                    let mut s = String::new();
                    for _ in 0..k {
                        s.push_str(self.pick(CHARS)?);
                    }
                    Part::Raw(escape(&s))
                }
            });
        }
        Ok(ps)
    }

    fn key(&mut self) -> Result<Key> {
        Ok(if self.coin(2, 3)? {
            Key::Word((*self.pick(NAMES)?).to_owned())
        } else {
            Key::Text(self.text_parts(true)?)
        })
    }

    fn object(&mut self) -> Result<Expr> {
        let n = self.u.int_in_range(0..=4)?;
        let mut members = Vec::with_capacity(n);
        for _ in 0..n {
            let k = self.key()?;
            members.push((k, self.expr(Ty::ANY)?));
        }
        Ok(Expr::Object(members))
    }

    fn path(&mut self) -> Result<Expr> {
        let base = match self.u.int_in_range(0..=3)? {
            0 => self.expr(Ty::LIST.or(Ty::OBJECT))?,
            _ => self.var()?,
        };
        let n = self.u.int_in_range(1..=3)?;
        let mut steps = Vec::with_capacity(n);
        for _ in 0..n {
            steps.push(match self.u.int_in_range(0..=6)? {
                0 | 1 => Step::Name((*self.pick(NAMES)?).to_owned()),
                2 => Step::Index(self.index()?),
                3 => {
                    let a = if self.coin(2, 3)? {
                        Some(self.index()?)
                    } else {
                        None
                    };
                    let b = if self.coin(2, 3)? {
                        Some(self.index()?)
                    } else {
                        None
                    };
                    Step::Slice(a, b)
                }
                4 => Step::Star,
                _ => {
                    self.filters += 1;
                    let c = self.expr(Ty::BOOLEAN);
                    self.filters -= 1;
                    Step::Filter(c?)
                }
            });
        }
        Ok(Expr::Path(Box::new(base), steps))
    }

    /// An index: mostly a small (maybe negative) number, sometimes a key or
    /// any expression.
    fn index(&mut self) -> Result<Expr> {
        Ok(match self.u.int_in_range(0..=5)? {
            0 | 1 => Expr::Num(self.u.int_in_range(0..=4u8)?.to_string()),
            2 => Expr::Unary(
                "-",
                Box::new(Expr::Num(self.u.int_in_range(1..=4u8)?.to_string())),
            ),
            3 => Expr::Text(vec![Part::Raw(escape(self.pick(NAMES)?))]),
            _ => self.expr(Ty::NUMBER.or(Ty::TEXT))?,
        })
    }

    fn try_(&mut self) -> Result<Expr> {
        let e = self.expr(Ty::ANY)?;
        let mut args = vec![e];
        if self.coin(3, 4)? {
            self.vars.push("error".into());
            let fb = match self.u.int_in_range(0..=3)? {
                0 => Ok(Expr::Path(
                    Box::new(Expr::Var("error".into())),
                    vec![Step::Name(
                        (*self.pick(&["kind", "message", "value"])?).into(),
                    )],
                )),
                _ => self.expr(Ty::ANY),
            };
            self.vars.pop();
            args.push(fb?);
        }
        Ok(Expr::Call(self.case("TRY")?, args))
    }

    fn let_(&mut self) -> Result<Expr> {
        let n = self.u.int_in_range(1..=3)?;
        let (vars, funcs) = (self.vars.len(), self.funcs.len());
        let mut bindings = Vec::with_capacity(n);
        for _ in 0..n {
            if self.coin(1, 3)? {
                let name = self.fresh("uf");
                let arity = self.u.int_in_range(0..=3)?;
                let params: Vec<String> = (0..arity).map(|_| self.fresh("p")).collect();
                // Visible in its own body (recursion), and after it.
                self.funcs.push((name.clone(), arity));
                let outer = self.vars.len();
                self.vars.extend(params.iter().cloned());
                let body = self.expr(Ty::ANY);
                self.vars.truncate(outer);
                bindings.push(Binding::Func(name, params, body?));
            } else {
                let name = self.fresh("v");
                let e = self.expr(Ty::ANY)?;
                self.vars.push(name.clone());
                bindings.push(Binding::Value(name, e));
            }
        }
        let body = self.expr(Ty::ANY);
        self.vars.truncate(vars);
        self.funcs.truncate(funcs);
        Ok(Expr::Let(bindings, Box::new(body?)))
    }

    /// A recursive function that counts its parameter down and wraps the
    /// result of each call (in a list, an object, an operation, a call),
    /// called with a small or a large count.
    fn recursion(&mut self) -> Result<Expr> {
        let name = self.fresh("uf");
        let p = self.fresh("p");
        let acc = self.coin(1, 2)?;
        let acc_name = self.fresh("acc");
        self.funcs.push((name.clone(), if acc { 2 } else { 1 }));
        self.vars.push(p.clone());
        let (base, hole) = if acc {
            self.vars.push(acc_name.clone());
            (Expr::Var(acc_name.clone()), Expr::Var(acc_name.clone()))
        } else {
            let base = self.leaf(Ty::ANY)?;
            // The recursive call, filled in below.
            (base, Expr::Var(HOLE.into()))
        };
        let wrapped = self.wrap(hole)?;
        let pm1 = Expr::Binary(
            "-",
            Box::new(Expr::Var(p.clone())),
            Box::new(Expr::Num("1".into())),
        );
        let step = if acc {
            Expr::Call(name.clone(), vec![wrapped, pm1])
        } else {
            self.fill_hole(wrapped, Expr::Call(name.clone(), vec![pm1]))
        };
        let stop = Expr::Binary(
            "<=",
            Box::new(Expr::Var(p.clone())),
            Box::new(Expr::Num("0".into())),
        );
        let body = Expr::Call("IF".into(), vec![stop, base, step]);
        self.vars.pop();
        if acc {
            self.vars.pop();
        }
        let count = Expr::Num(
            (*self.pick(&[
                "0", "3", "10", "100", "255", "1000", "1999", "2001", "5000", "100000",
            ])?)
            .into(),
        );
        let mut call_args = Vec::new();
        if acc {
            call_args.push(self.leaf(Ty::ANY)?);
        }
        call_args.push(count);
        let params = if acc { vec![acc_name, p] } else { vec![p] };
        let call = Expr::Call(name.clone(), call_args);
        let outer = if self.coin(1, 3)? {
            Expr::Call(
                (*self.pick(&["TO_JSON", "LENGTH", "FLAT", "TYPEOF", "CONCAT", "ISEMPTY"])?).into(),
                vec![call],
            )
        } else {
            call
        };
        self.funcs.pop();
        Ok(Expr::Let(
            vec![Binding::Func(name, params, body)],
            Box::new(outer),
        ))
    }

    /// An expression around `hole`.
    fn wrap(&mut self, hole: Expr) -> Result<Expr> {
        Ok(match self.u.int_in_range(0..=6)? {
            0 => Expr::List(vec![hole], false),
            1 => Expr::Object(vec![(Key::Word("a".into()), hole)]),
            2 => {
                let other = self.leaf(Ty::ANY)?;
                Expr::List(vec![other, hole], false)
            }
            3 => {
                let op = *self.pick(&["+", "*", "??", "-"])?;
                let other = self.leaf(Ty::NUMBER.or(Ty::TEXT).or(Ty::LIST))?;
                Expr::Binary(op, Box::new(hole), Box::new(other))
            }
            4 => Expr::Text(vec![Part::Raw("x".into()), Part::Interp(hole)]),
            5 => {
                let f = *self.pick(&[
                    "CONCAT",
                    "TO_JSON",
                    "FLAT",
                    "REVERSE",
                    "MERGE_OBJECTS",
                    "SUM",
                ])?;
                Expr::Call(f.into(), vec![hole])
            }
            _ => Expr::Path(
                Box::new(Expr::List(vec![hole], false)),
                vec![Step::Index(Expr::Num("0".into()))],
            ),
        })
    }

    /// `e` with its recursive-call placeholder ([`HOLE`]) replaced by `call`.
    fn fill_hole(&mut self, e: Expr, call: Expr) -> Expr {
        fn fill(e: Expr, call: &mut Option<Expr>) -> Expr {
            match e {
                Expr::Var(w) if w == HOLE => call.take().unwrap_or(Expr::Var(w)),
                Expr::List(items, t) => {
                    Expr::List(items.into_iter().map(|i| fill(i, call)).collect(), t)
                }
                Expr::Object(ms) => {
                    Expr::Object(ms.into_iter().map(|(k, v)| (k, fill(v, call))).collect())
                }
                Expr::Binary(op, a, b) => {
                    let a = fill(*a, call);
                    let b = fill(*b, call);
                    Expr::Binary(op, Box::new(a), Box::new(b))
                }
                Expr::Call(n, args) => {
                    Expr::Call(n, args.into_iter().map(|a| fill(a, call)).collect())
                }
                Expr::Text(ps) => Expr::Text(
                    ps.into_iter()
                        .map(|p| match p {
                            Part::Interp(e) => Part::Interp(fill(e, call)),
                            raw => raw,
                        })
                        .collect(),
                ),
                Expr::Path(base, steps) => Expr::Path(Box::new(fill(*base, call)), steps),
                other => other,
            }
        }
        let mut slot = Some(call);
        fill(e, &mut slot)
    }

    fn query(&mut self) -> Result<Expr> {
        let source = match self.u.int_in_range(0..=3)? {
            0 => Expr::Var((*self.pick(&["xs", "words", "people", "obj", "nested"])?).into()),
            1 => Expr::Call(
                "RANGE".into(),
                vec![
                    Expr::Num("1".into()),
                    // Mostly small; never ten million, which takes a second to
                    // build and then only meets the step limit.
                    Expr::Num(
                        (*self.pick(&["3", "10", "10", "100", "100", "1000", "1e5"])?).into(),
                    ),
                ],
            ),
            _ => self.expr(Ty::LIST.or(Ty::OBJECT))?,
        };
        let item = self.fresh("it");
        let index = if self.coin(1, 3)? {
            Some(self.fresh("ix"))
        } else {
            None
        };
        let collection = if index.is_some() && self.coin(1, 3)? {
            Some(self.fresh("co"))
        } else {
            None
        };
        let outer = self.vars.len();
        self.vars.push(item.clone());
        self.vars.extend(index.iter().cloned());
        self.vars.extend(collection.iter().cloned());
        let r = (|| -> Result<Query> {
            let filter = if self.coin(1, 2)? {
                Some(self.expr(Ty::BOOLEAN)?)
            } else {
                None
            };
            let order = if self.coin(1, 3)? {
                let k = self.expr(Ty::ANY)?;
                Some((
                    k,
                    *self.pick(&[None, Some("ASCENDING"), Some("DESCENDING")])?,
                ))
            } else {
                None
            };
            let limit = if self.coin(1, 3)? {
                let n = self.index()?;
                let off = if self.coin(1, 2)? {
                    Some(self.index()?)
                } else {
                    None
                };
                Some((n, off))
            } else {
                None
            };
            let select = match self.u.int_in_range(0..=5)? {
                0 => None,
                1 => {
                    let k = self.key()?;
                    Some(Select::Keyed(k, self.expr(Ty::ANY)?))
                }
                _ => {
                    let d = self.coin(1, 4)?;
                    Some(Select::Plain(d, self.expr(Ty::ANY)?))
                }
            };
            Ok(Query {
                item: item.clone(),
                index: index.clone(),
                collection: collection.clone(),
                source,
                filter,
                order,
                limit,
                select,
            })
        })();
        self.vars.truncate(outer);
        Ok(Expr::Query(Box::new(r?)))
    }

    fn user_call(&mut self) -> Result<Expr> {
        if self.funcs.is_empty() {
            return self.let_();
        }
        let (name, arity) = self.pick(&self.funcs.clone())?.clone();
        let mut args = Vec::with_capacity(arity);
        for _ in 0..arity {
            args.push(self.expr(Ty::ANY)?);
        }
        Ok(Expr::Call(name, args))
    }

    /// A call of a built-in from the table, with a number of arguments its
    /// signature takes, each likely of the parameter's type.
    fn call(&mut self, ty: Ty) -> Result<Expr> {
        let all = callable();
        // Prefer a function that can return the type asked for.
        let mut spec: &FunctionSpec = *self.pick(all)?;
        for _ in 0..3 {
            if spec.signatures.iter().any(|s| s.returns.intersects(ty)) {
                break;
            }
            spec = *self.pick(all)?;
        }
        let sig = self.pick(spec.signatures)?;
        let max = sig.max_args().unwrap_or(sig.min_args() + 3);
        let count = if self.coin(1, 16)? {
            // Sometimes a count no signature takes: an ArgumentError.
            self.u.int_in_range(0..=max + 1)?
        } else {
            self.u.int_in_range(sig.min_args()..=max)?
        };
        let mut args = Vec::with_capacity(count);
        for i in 0..count {
            let arg = match sig.param(i) {
                Some(p) => self.arg(spec, p)?,
                None => self.expr(Ty::ANY)?,
            };
            args.push(arg);
        }
        if spec.name == "TRY" && count == 2 {
            // The fallback sees `error`.
            self.vars.push("error".into());
            let fb = self.expr(Ty::ANY);
            self.vars.pop();
            args[1] = fb?;
        }
        Ok(Expr::Call(self.case(spec.name)?, args))
    }

    fn arg(&mut self, spec: &FunctionSpec, p: &Param) -> Result<Expr> {
        if p.kind == ParamKind::Optional && self.coin(1, 8)? {
            return Ok(Expr::Word("NULL".into()));
        }
        if p.ty.intersects(Ty::TEXT) && self.coin(1, 3)? {
            if let Some(pool) = text_pool(spec.name, p.name) {
                return Ok(Expr::Text(vec![Part::Raw(escape(self.pick(pool)?))]));
            }
        }
        if p.ty.intersects(Ty::LIST) && (p.name == "rules") && self.coin(1, 2)? {
            return self.rules();
        }
        if self.coin(3, 4)? {
            self.expr(p.ty)
        } else {
            self.expr(Ty::ANY)
        }
    }

    /// A validation rule list for RUN_VALIDATIONS / FIRST_VALIDATION.
    fn rules(&mut self) -> Result<Expr> {
        let n = self.u.int_in_range(0..=3)?;
        let mut items = Vec::new();
        for _ in 0..n {
            items.push(match self.u.int_in_range(0..=2)? {
                0 => {
                    Expr::Text(vec![Part::Raw(escape(self.pick(&[
                        "required", "isEmail", "isPhone", "isNumber", "bogus",
                    ])?))])
                }
                1 => {
                    let name = Expr::Text(vec![Part::Raw(escape(self.pick(&[
                        "required",
                        "minLength",
                        "maxLength",
                        "pattern",
                        "min",
                        "max",
                    ])?))]);
                    let v = self.leaf(Ty::ANY)?;
                    Expr::Object(vec![
                        (Key::Word("rule".into()), name),
                        (Key::Word("value".into()), v),
                    ])
                }
                _ => self.expr(Ty::ANY)?,
            });
        }
        Ok(Expr::List(items, false))
    }
}

/// The built-ins the generator calls: all but those whose result varies
/// from one evaluation to the next (RANDOM, SHUFFLE, UUID), so that the
/// harness can check that two evaluations agree.
fn callable() -> &'static [&'static FunctionSpec] {
    static CALLABLE: OnceLock<Vec<&'static FunctionSpec>> = OnceLock::new();
    CALLABLE.get_or_init(|| {
        builtins::all()
            .iter()
            .copied()
            .filter(|f| !crate::harness::varies(f))
            .collect()
    })
}

/// Text worth passing to a parameter, by its name.
fn text_pool(function: &str, param: &str) -> Option<&'static [&'static str]> {
    Some(match param {
        "unit" => &["days", "months", "years", "hours", "minutes", "seconds", "milliseconds", "weeks", "quarters", "km", "mi", "day", "bogus"],
        "time_zone" => ZONES,
        "locale" | "locale_or_code" => &["en-US", "de-DE", "fr-FR", "ja-JP", "ar-EG", "hi-IN", "pt-BR", "zz", "", "USD"],
        "code" => &["USD", "EUR", "JPY", "BHD", "GBP", "XXX", "usd", "US"],
        "region" => &["US", "GB", "DE", "IN", "ZZ", "us", ""],
        "format" if function.contains("PHONE") => &["INTERNATIONAL", "NATIONAL", "E164", "RFC3966", "x"],
        "format" | "pattern" => &["yyyy-MM-dd", "dd/MM/yyyy HH:mm:ss", "EEEE, MMMM d, y", "h:mm a", "#,##0.00", "0.###", "0%", "¤#,##0.00", "'quoted' yyyy", "SSS", "Z", "zzzz", "QQQ", "", "[", "''"],
        "encoding" => &["hex", "base64", "base64url", "bogus"],
        "variant" => &["standard", "url", "mime", "bogus"],
        "mode" => &["component", "form", "path", "bogus"],
        "separator" | "characters" | "pad" => &[",", "", " ", "ab", "😀", "\u{301}"],
        "side" => &["left", "right", "both", "bogus"],
        "type" => &["text/plain", "image/png", "Number", "Date", "Object", "bogus", "a/b;c=d"],
        "root" => &["root", "a b", "1x", ""],
        "version" => &["1.1", "1.2", "2"],
        "xml" => &["<a><b>1</b><b>2</b></a>", "<a x=\"1\">t</a>", "<r/>", "<a><b></a>", "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Header><h>1</h></soap:Header><soap:Body><x>1</x></soap:Body></soap:Envelope>", "<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>"],
        "json" => &["{\"a\": [1, 2, {\"b\": null}]}", "[1, 2", "1e400", "\"\\ud800\"", "[[[[[[[[[[]]]]]]]]]]", "{\"2020-01-01\": \"2020-01-01\"}"],
        "uri" => &["data:text/plain;base64,SGVsbG8=", "data:,a%20b", "asset://abc", "https://example.com/x.png", "./x.txt", "data:;base64,@@@"],
        "text" | "phone" => return None,
        _ => return None,
    })
}

/// `s` as the inside of a string literal: quotes, backslashes and braces
/// escaped so that it is plain text.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '{' => out.push_str("\\{"),
            '}' => out.push_str("\\}"),
            c => out.push(c),
        }
    }
    out
}
