//! The number format language of `FORMAT_NUMBER` (functions-text-data.md §8.2):
//! d3-format specifiers, applied exactly to decimals.

use rust_decimal::{Decimal, RoundingStrategy};

use super::digits::group_digits;
use super::Locale;
use crate::error::{Error, Result};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Align {
    Right,
    Left,
    Center,
    /// `=`: padding between the sign/symbol and the digits.
    AfterSign,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sign {
    Minus,
    Plus,
    Space,
    Paren,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Symbol {
    None,
    Currency,
    Alternate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Type {
    None,
    Fixed,
    Exp,
    General,
    Percent,
    Integer,
    Binary,
    Octal,
    Hex,
    HexUpper,
}

/// A parsed specifier `[[fill]align][sign][symbol][0][width][,][.precision][~][type]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spec {
    fill: char,
    align: Align,
    sign: Sign,
    symbol: Symbol,
    zero: bool,
    width: usize,
    comma: bool,
    precision: Option<u32>,
    trim: bool,
    ty: Type,
}

/// The widest result a specifier may ask for.
const MAX_WIDTH: usize = 10_000;

fn align_of(c: char) -> Option<Align> {
    match c {
        '>' => Some(Align::Right),
        '<' => Some(Align::Left),
        '^' => Some(Align::Center),
        '=' => Some(Align::AfterSign),
        _ => None,
    }
}

/// Reads the decimal digits at `cs[*i..]`; `None` if there are none. Leading
/// zeros are refused (the caller reports them).
fn read_number(cs: &[char], i: &mut usize) -> Option<std::result::Result<usize, ()>> {
    let start = *i;
    while cs.get(*i).is_some_and(char::is_ascii_digit) {
        *i += 1;
    }
    if *i == start {
        return None;
    }
    let text: String = cs[start..*i].iter().collect();
    if text.len() > 1 && text.starts_with('0') {
        return Some(Err(()));
    }
    Some(text.parse::<usize>().map_err(|_| ()))
}

impl Spec {
    /// Parses a specifier for the function `fname`; an `ArgumentError` when it is not one.
    pub fn parse(fname: &str, spec: &str) -> Result<Spec> {
        let bad = |why: &str| {
            Error::argument(format!(
                "{fname} expects a d3 format specifier, got {spec:?}: {why}"
            ))
            .at_arg(1)
            .with_help("examples: \",\" groups thousands, \".2f\" two decimals, \",.2f\" both, \".1%\" a percentage, \"05\" zero padding")
        };
        let cs: Vec<char> = spec.chars().collect();
        let mut s = Spec {
            fill: ' ',
            align: Align::Right,
            sign: Sign::Minus,
            symbol: Symbol::None,
            zero: false,
            width: 0,
            comma: false,
            precision: None,
            trim: false,
            ty: Type::None,
        };
        let mut i = 0;
        if let Some(a) = cs.get(1).copied().and_then(align_of) {
            s.fill = cs[0];
            s.align = a;
            i = 2;
        } else if let Some(a) = cs.first().copied().and_then(align_of) {
            s.align = a;
            i = 1;
        }
        if let Some(sign) = match cs.get(i) {
            Some('-') => Some(Sign::Minus),
            Some('+') => Some(Sign::Plus),
            Some(' ') => Some(Sign::Space),
            Some('(') => Some(Sign::Paren),
            _ => None,
        } {
            s.sign = sign;
            i += 1;
        }
        match cs.get(i) {
            Some('$') => {
                s.symbol = Symbol::Currency;
                i += 1;
            }
            Some('#') => {
                s.symbol = Symbol::Alternate;
                i += 1;
            }
            _ => {}
        }
        if cs.get(i) == Some(&'0') {
            s.zero = true;
            i += 1;
        }
        match read_number(&cs, &mut i) {
            None if s.zero => return Err(bad("the 0 flag must be followed by a width")),
            None => {}
            Some(Err(())) => return Err(bad("the width is written without leading zeros")),
            Some(Ok(w)) if w > MAX_WIDTH => {
                return Err(Error::limit(format!(
                    "{fname}: a width of {w} is more than the {MAX_WIDTH} allowed"
                ))
                .at_arg(1))
            }
            Some(Ok(w)) => s.width = w,
        }
        if cs.get(i) == Some(&',') {
            s.comma = true;
            i += 1;
        }
        if cs.get(i) == Some(&'.') {
            i += 1;
            match read_number(&cs, &mut i) {
                None => return Err(bad("a . must be followed by the precision")),
                Some(Err(())) => return Err(bad("the precision is written without leading zeros")),
                Some(Ok(p)) => s.precision = Some(u32::try_from(p).unwrap_or(u32::MAX)),
            }
        }
        if cs.get(i) == Some(&'~') {
            s.trim = true;
            i += 1;
        }
        if let Some(c) = cs.get(i) {
            s.ty = match c {
                'f' => Type::Fixed,
                'e' => Type::Exp,
                'g' => Type::General,
                '%' => Type::Percent,
                'd' => Type::Integer,
                'b' => Type::Binary,
                'o' => Type::Octal,
                'x' => Type::Hex,
                'X' => Type::HexUpper,
                _ => return Err(bad(&format!("{c:?} is not a type (f e g % d b o x X)"))),
            };
            i += 1;
        }
        if i != cs.len() {
            return Err(bad("unexpected text after the type"));
        }
        let range = match s.ty {
            Type::Fixed | Type::Exp | Type::Percent => Some(0..=20),
            Type::General | Type::None => Some(1..=21),
            _ => None,
        };
        match (s.precision, range) {
            (Some(_), None) => return Err(bad("types d, b, o, x and X take no precision")),
            (Some(p), Some(r)) if !r.contains(&p) => {
                return Err(bad(&format!(
                    "the precision must be from {} to {} for this type",
                    r.start(),
                    r.end()
                )))
            }
            _ => {}
        }
        if s.zero {
            s.fill = '0';
            s.align = Align::AfterSign;
        }
        Ok(s)
    }
}

/// The magnitude of a decimal as significant digits: `d[0].d[1]d[2]… × 10^e`.
/// Empty `d` is zero; `d` has no trailing zeros.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Digits {
    d: Vec<u8>,
    e: i64,
}

impl Digits {
    fn of(n: Decimal) -> Digits {
        let n = n.abs().normalize();
        let text = n.mantissa().unsigned_abs().to_string();
        let mut d: Vec<u8> = text.bytes().map(|b| b - b'0').collect();
        let e = d.len() as i64 - 1 - i64::from(n.scale());
        while d.last() == Some(&0) {
            d.pop();
        }
        Digits { d, e }
    }

    fn is_zero(&self) -> bool {
        self.d.is_empty()
    }

    /// Keeps `keep` significant digits, rounding half away from zero.
    fn round_to(&self, keep: i64) -> Digits {
        let zero = Digits { d: vec![], e: 0 };
        if self.is_zero() || keep >= self.d.len() as i64 {
            return self.clone();
        }
        if keep < 0 {
            return zero;
        }
        let k = keep as usize;
        let mut d = self.d[..k].to_vec();
        let mut e = self.e;
        if self.d[k] >= 5 {
            let mut j = k;
            loop {
                if j == 0 {
                    d.insert(0, 1);
                    e += 1;
                    break;
                }
                j -= 1;
                if d[j] == 9 {
                    d[j] = 0;
                } else {
                    d[j] += 1;
                    break;
                }
            }
        }
        while d.last() == Some(&0) {
            d.pop();
        }
        if d.is_empty() {
            return zero;
        }
        Digits { d, e }
    }

    fn digit(&self, k: i64) -> char {
        let v = usize::try_from(k)
            .ok()
            .and_then(|k| self.d.get(k))
            .copied()
            .unwrap_or(0);
        char::from(b'0' + v)
    }

    /// The integer digits and exactly `decimals` fraction digits (no rounding).
    fn fixed(&self, decimals: i64) -> (String, String) {
        let int = if self.e < 0 || self.is_zero() {
            "0".to_string()
        } else {
            (0..=self.e).map(|k| self.digit(k)).collect()
        };
        let frac = (1..=decimals).map(|i| self.digit(self.e + i)).collect();
        (int, frac)
    }

    /// How many fraction digits the exact value has.
    fn fraction_len(&self) -> i64 {
        (self.d.len() as i64 - 1 - self.e).max(0)
    }
}

/// The pieces of a formatted number before signs and padding.
struct Body {
    int: String,
    frac: Option<String>,
    /// `e+5` and the like.
    exp: String,
    negative: bool,
}

fn exp_form(x: &Digits, decimals: i64) -> Body {
    let frac = (1..=decimals).map(|k| x.digit(k)).collect();
    let e = if x.is_zero() { 0 } else { x.e };
    Body {
        int: x.digit(0).to_string(),
        frac: Some(frac),
        exp: format!("e{}{}", if e < 0 { '-' } else { '+' }, e.abs()),
        negative: false,
    }
}

fn fixed_form(x: &Digits, decimals: i64) -> Body {
    let (int, frac) = x.fixed(decimals);
    Body {
        int,
        frac: Some(frac),
        exp: String::new(),
        negative: false,
    }
}

fn general(x: &Digits, p: i64) -> Body {
    let r = x.round_to(p);
    let e = if r.is_zero() { 0 } else { r.e };
    if (-6..p).contains(&e) {
        fixed_form(&r, p - 1 - e)
    } else {
        exp_form(&r, p - 1)
    }
}

fn radix(n: Decimal, base: u32, upper: bool) -> Body {
    let r = n.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    let mut m = r.normalize().mantissa().unsigned_abs();
    let mut out = Vec::new();
    loop {
        let digit = (m % u128::from(base)) as u32;
        out.push(char::from_digit(digit, base).unwrap_or('?'));
        m /= u128::from(base);
        if m == 0 {
            break;
        }
    }
    let mut int: String = out.iter().rev().collect();
    if upper {
        int = int.to_ascii_uppercase();
    }
    Body {
        negative: r.is_sign_negative() && !r.is_zero(),
        int,
        frac: None,
        exp: String::new(),
    }
}

/// Formats `n` with `spec`, using the separators and currency symbol of `locale`.
pub fn format(n: Decimal, spec: &Spec, locale: Locale) -> String {
    let x = Digits::of(n);
    let p = spec.precision.map(i64::from);
    let mut body = match spec.ty {
        Type::None => match p {
            None => fixed_form(&x, x.fraction_len()),
            Some(p) => {
                let mut b = general(&x, p);
                if let Some(f) = &mut b.frac {
                    trim_zeros(f);
                }
                b
            }
        },
        Type::Fixed => fixed_form(&x.round_to(x.e + 1 + p.unwrap_or(6)), p.unwrap_or(6)),
        Type::Percent => {
            let hundred = Digits {
                d: x.d.clone(),
                e: x.e + 2,
            };
            let p = p.unwrap_or(6);
            fixed_form(&hundred.round_to(hundred.e + 1 + p), p)
        }
        Type::Exp => {
            let p = p.unwrap_or(6);
            exp_form(&x.round_to(p + 1), p)
        }
        Type::General => general(&x, p.unwrap_or(6)),
        Type::Integer => fixed_form(&x.round_to(x.e + 1), 0),
        Type::Binary => radix(n, 2, false),
        Type::Octal => radix(n, 8, false),
        Type::Hex => radix(n, 16, false),
        Type::HexUpper => radix(n, 16, true),
    };
    if !matches!(
        spec.ty,
        Type::Binary | Type::Octal | Type::Hex | Type::HexUpper
    ) {
        let all_zero = body.int.bytes().all(|b| b == b'0')
            && body
                .frac
                .as_ref()
                .is_none_or(|f| f.bytes().all(|b| b == b'0'));
        body.negative = n.is_sign_negative() && !n.is_zero() && !all_zero;
    }
    if spec.trim {
        if let Some(f) = &mut body.frac {
            trim_zeros(f);
        }
    }
    assemble(body, spec, locale)
}

fn trim_zeros(f: &mut String) {
    while f.ends_with('0') {
        f.pop();
    }
}

fn assemble(body: Body, spec: &Spec, locale: Locale) -> String {
    let mut prefix = String::new();
    let mut suffix = String::new();
    match (spec.sign, body.negative) {
        (Sign::Paren, true) => prefix.push('('),
        (_, true) => prefix.push('-'),
        (Sign::Plus, false) => prefix.push('+'),
        (Sign::Space, false) => prefix.push(' '),
        _ => {}
    }
    match spec.symbol {
        Symbol::Currency => match locale {
            Locale::EnGb => prefix.push('£'),
            Locale::De => suffix.push_str(" €"),
            _ => prefix.push('$'),
        },
        Symbol::Alternate => prefix.push_str(match spec.ty {
            Type::Binary => "0b",
            Type::Octal => "0o",
            Type::Hex | Type::HexUpper => "0x",
            _ => "",
        }),
        Symbol::None => {}
    }
    let mut tail = String::new();
    if let Some(f) = body.frac.as_ref().filter(|f| !f.is_empty()) {
        tail.push(locale.decimal());
        tail.push_str(f);
    }
    tail.push_str(&body.exp);
    if spec.ty == Type::Percent {
        tail.push('%');
    }
    tail.push_str(&suffix);
    if spec.sign == Sign::Paren && body.negative {
        tail.push(')');
    }
    let len = |s: &str| s.chars().count();
    if spec.zero && spec.comma {
        // Pad the integer digits with the fewest zeros that reach the width,
        // grouping them too.
        let mut zeros = 0;
        loop {
            let digits = format!("{}{}", "0".repeat(zeros), body.int);
            let grouped = group_digits(&digits, locale.group());
            if len(&prefix) + len(&grouped) + len(&tail) >= spec.width || zeros > spec.width {
                return format!("{prefix}{grouped}{tail}");
            }
            zeros += 1;
        }
    }
    let int = if spec.comma {
        group_digits(&body.int, locale.group())
    } else {
        body.int
    };
    let total = len(&prefix) + len(&int) + len(&tail);
    let pad = spec.width.saturating_sub(total);
    let fill = |k: usize| spec.fill.to_string().repeat(k);
    match spec.align {
        Align::Right => format!("{}{prefix}{int}{tail}", fill(pad)),
        Align::Left => format!("{prefix}{int}{tail}{}", fill(pad)),
        Align::Center => format!(
            "{}{prefix}{int}{tail}{}",
            fill(pad / 2),
            fill(pad - pad / 2)
        ),
        Align::AfterSign => format!("{prefix}{}{int}{tail}", fill(pad)),
    }
}

#[cfg(test)]
mod tests;
