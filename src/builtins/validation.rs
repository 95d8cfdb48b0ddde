//! Form and validation functions (functions-text-data.md §13):
//! RUN_VALIDATIONS and FIRST_VALIDATION check a value against rules — Objects
//! with a `message` and checks such as `required`, `email`, `min_length` or a
//! custom `valid` — and return the messages of the rules that fail.

use std::cmp::Ordering;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::conditional::is_empty;
use super::email::is_email;
use super::excerpt::excerpt;
use super::format::bounded;
use super::phone::is_phone;
use super::{CallCtx, Category, FunctionSpec};
use crate::error::{Error, Result};
use crate::sig;
use crate::value::order::compare;
use crate::value::Value;

const V: Category = Category::Validation;

pub const FUNCTIONS: &[FunctionSpec] = &[
    FunctionSpec::new(
        "RUN_VALIDATIONS",
        V,
        &[
            sig!(run_validations(value: &Value, rules: &[Value]) -> LIST),
            sig!(run_own_validations(rules: &[Value]) -> LIST),
        ],
        "the messages of the rules ({required: TRUE, message: \"...\"}, ...) that the value fails; [] when valid",
    ),
    FunctionSpec::new(
        "FIRST_VALIDATION",
        V,
        &[
            sig!(first_validation(value: &Value, rules: &[Value]) -> TEXT | NULL),
            sig!(first_own_validation(rules: &[Value]) -> TEXT | NULL),
        ],
        "the message of the first rule that the value fails, or NULL when it passes them all",
    ),
];

/// The keys of a rule that are checks (§13.1), in the table's order.
const CHECKS: [&str; 9] = [
    "valid",
    "required",
    "email",
    "phone",
    "min_length",
    "max_length",
    "min",
    "max",
    "one_of",
];
/// The other keys a rule may have.
const OTHERS: [&str; 3] = ["message", "value", "field"];

fn run_validations(cx: &CallCtx<'_>, value: &Value, rules: &[Value]) -> Result<Value> {
    let failed = failures(cx, Some(value), rules, 1)?;
    Ok(Value::list(failed.into_iter().map(Value::Text).collect()))
}

fn run_own_validations(cx: &CallCtx<'_>, rules: &[Value]) -> Result<Value> {
    let failed = failures(cx, None, rules, 0)?;
    Ok(Value::list(failed.into_iter().map(Value::Text).collect()))
}

fn first_validation(cx: &CallCtx<'_>, value: &Value, rules: &[Value]) -> Result<Value> {
    let failed = failures(cx, Some(value), rules, 1)?;
    Ok(failed.into_iter().next().map_or(Value::Null, Value::Text))
}

fn first_own_validation(cx: &CallCtx<'_>, rules: &[Value]) -> Result<Value> {
    let failed = failures(cx, None, rules, 0)?;
    Ok(failed.into_iter().next().map_or(Value::Null, Value::Text))
}

/// The messages of the rules that fail, in rule order. Every rule is read
/// (and a malformed one is an error) even after one has failed. `value` is
/// the common value (`None` in the one-argument form, where a rule without
/// its own `value` checks `NULL`); `arg` is the position of the rules.
fn failures(
    cx: &CallCtx<'_>,
    value: Option<&Value>,
    rules: &[Value],
    arg: usize,
) -> Result<Vec<Arc<str>>> {
    let mut failed = Vec::new();
    for (i, rule) in rules.iter().enumerate() {
        cx.budget.tick()?;
        let rule = Rule::read(cx, i, rule, arg)?;
        let checked = rule.value.or(value).unwrap_or(&Value::Null);
        if !rule.passes(cx, checked)? {
            failed.push(rule.message.clone());
        }
    }
    Ok(failed)
}

/// One rule, read and checked for form; a check that is absent (or `NULL`
/// where that means "not active") is `None`.
struct Rule<'a> {
    message: &'a Arc<str>,
    value: Option<&'a Value>,
    valid: Option<&'a Value>,
    required: bool,
    email: bool,
    phone: bool,
    min_length: Option<Decimal>,
    max_length: Option<Decimal>,
    min: Option<&'a Value>,
    max: Option<&'a Value>,
    one_of: Option<&'a [Value]>,
}

impl<'a> Rule<'a> {
    /// Reads rule `i` (0-based) of the rules at argument `arg`.
    fn read(cx: &CallCtx<'_>, i: usize, rule: &'a Value, arg: usize) -> Result<Rule<'a>> {
        let at = |e: Error| e.at_arg(arg);
        let type_error = |m: String| {
            at(Error::type_error(format!(
                "{}: rule {} {m}",
                cx.name(),
                i + 1
            )))
        };
        let argument_error = |m: String| {
            at(Error::argument(format!(
                "{}: rule {} {m}",
                cx.name(),
                i + 1
            )))
        };
        let Value::Object(map) = rule else {
            return Err(type_error(format!(
                "must be an Object, got {}",
                rule.type_name()
            )));
        };
        let known = |k: &str| CHECKS.contains(&k) || OTHERS.contains(&k);
        if let Some(key) = map.keys().map(|k| &**k).find(|k| !known(k)) {
            return Err(argument_error(unknown_key(key)));
        }
        if !map.keys().any(|k| CHECKS.contains(&&**k)) {
            return Err(argument_error(format!(
                "has no check; give one of {}",
                CHECKS.join(", ")
            )));
        }
        let message = match map.get("message") {
            Some(Value::Text(m)) => m,
            Some(other) => {
                return Err(type_error(format!(
                    "has a message that is not Text: {}",
                    other.type_name()
                )))
            }
            None => return Err(argument_error("has no message".to_owned())),
        };
        let length = |key: &str| -> Result<Option<Decimal>> {
            match map.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::Number(n)) if n.fract().is_zero() && *n >= Decimal::ZERO => {
                    Ok(Some(*n))
                }
                Some(Value::Number(n)) => Err(argument_error(format!(
                    "has {key} {}: a length is a whole number, 0 or more",
                    crate::value::number::plain(*n)
                ))),
                Some(other) => Err(type_error(format!(
                    "has {key} that is not a Number: {}",
                    other.type_name()
                ))),
            }
        };
        let one_of = match map.get("one_of") {
            None | Some(Value::Null) => None,
            Some(Value::List(items)) => Some(items.as_slice()),
            Some(other) => {
                return Err(type_error(format!(
                    "has one_of that is not a List: {}",
                    other.type_name()
                )))
            }
        };
        let flag = |key: &str| map.get(key).is_some_and(Value::is_truthy);
        let given = |key: &str| map.get(key).filter(|v| !v.is_null());
        Ok(Rule {
            message,
            value: map.get("value"),
            valid: map.get("valid"),
            required: flag("required"),
            email: flag("email"),
            phone: flag("phone"),
            min_length: length("min_length")?,
            max_length: length("max_length")?,
            min: given("min"),
            max: given("max"),
            one_of,
        })
    }

    /// Whether `v` passes every active check of the rule. A blank value
    /// (empty, or Text of whitespace only) is only checked by `required` and
    /// `valid`: an optional field may be left empty.
    fn passes(&self, cx: &CallCtx<'_>, v: &Value) -> Result<bool> {
        if self.valid.is_some_and(|valid| !valid.is_truthy()) {
            return Ok(false);
        }
        let blank = is_empty(v) || matches!(v, Value::Text(t) if t.trim().is_empty());
        if blank {
            return Ok(!self.required);
        }
        let text = |test: fn(&str) -> bool| matches!(v, Value::Text(t) if test(t));
        let length = || match v {
            Value::Text(t) => Some(Decimal::from(t.chars().count())),
            Value::List(l) => Some(Decimal::from(l.len())),
            Value::Object(o) => Some(Decimal::from(o.len())),
            _ => None,
        };
        let at_least = |min: Decimal| length().is_some_and(|n| n >= min);
        let at_most = |max: Decimal| length().is_some_and(|n| n <= max);
        let others = (!self.email || text(is_email))
            && (!self.phone || text(is_phone))
            && self.min_length.is_none_or(at_least)
            && self.max_length.is_none_or(at_most)
            && self.min.is_none_or(|min| {
                matches!(compare(v, min), Some(Ordering::Greater | Ordering::Equal))
            })
            && self.max.is_none_or(|max| {
                matches!(compare(v, max), Some(Ordering::Less | Ordering::Equal))
            });
        if !others {
            return Ok(false);
        }
        // Each item compared ticks (a long List of large values).
        match self.one_of {
            None => Ok(true),
            Some(items) => {
                for x in items {
                    if bounded::equal(cx, x, v)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
        }
    }
}

/// The complaint about an unknown rule key, with the known key it is
/// probably a typo of.
fn unknown_key(key: &str) -> String {
    // Typos are short; a long key is compared with nothing.
    let short = key.chars().count() <= 20;
    let guess = CHECKS
        .iter()
        .chain(OTHERS.iter())
        .filter(|_| short)
        .map(|k| (strsim::damerau_levenshtein(key, k), *k))
        .filter(|(d, k)| *d <= 2 || k.eq_ignore_ascii_case(key))
        .min_by_key(|(d, _)| *d);
    let key = excerpt(key);
    match guess {
        Some((_, k)) => format!("has an unknown key {key}; did you mean \"{k}\"?"),
        None => format!(
            "has an unknown key {key}; rule keys are {}, {}",
            CHECKS.join(", "),
            OTHERS.join(", ")
        ),
    }
}

#[cfg(test)]
mod tests;
