//! The operators over every pair of types (functions-time-math.md §2): one
//! sample value of each type against one of each other, for every operator,
//! checked against the rules of the spec's tables rather than case by case.

mod table;

use airscript::Value;
use table::eval;

/// One value of each type, as source text, with the type's name.
const SAMPLES: &[(&str, &str)] = &[
    ("Null", "NULL"),
    ("Boolean", "TRUE"),
    ("Number", "4"),
    ("Text", "\"ab\""),
    ("List", "[1, 2]"),
    ("Object", "{\"a\": 1}"),
    ("Date", "DATE(2021, 4, 7)"),
    ("Time", "TIME(9, 41, 0)"),
    (
        "DateTime",
        "DATETIME(DATE(2021, 4, 7), TIME(9, 41, 0), \"UTC\")",
    ),
    ("USD", "CURRENCY(250, \"USD\")"),
    ("EUR", "CURRENCY(250, \"EUR\")"),
    ("Asset", "URI_TO_ASSET(\"data:text/plain,hi\")"),
];

/// What §2.1 says `l op r` gives: `Some(true)` a value, `Some(false)` a
/// TypeError, `None` NULL.
fn arithmetic(op: &str, l: &str, r: &str) -> Option<bool> {
    if l == "Null" || r == "Null" {
        return None;
    }
    let money = |t: &str| t == "USD" || t == "EUR";
    Some(match (op, l, r) {
        (_, "Number", "Number") => true,
        ("+", "Text", "Text") | ("+", "List", "List") => true,
        ("+" | "-", a, b) if money(a) && a == b => true,
        ("*", a, "Number") | ("/", a, "Number") if money(a) => true,
        ("*", "Number", b) if money(b) => true,
        _ => false,
    })
}

/// Whether §2.2 orders the pair (both of one orderable type; Currencies of
/// one code).
fn orderable(l: &str, r: &str) -> bool {
    l == r
        && matches!(
            l,
            "Number" | "Text" | "Date" | "Time" | "DateTime" | "USD" | "EUR"
        )
}

#[test]
fn arithmetic_operators_follow_the_table_for_every_pair_of_types() {
    let mut wrong = Vec::new();
    for op in ["+", "-", "*", "/", "%"] {
        for (lt, l) in SAMPLES {
            for (rt, r) in SAMPLES {
                let src = format!("{l} {op} {r}");
                let got = eval(&src);
                let ok = match (arithmetic(op, lt, rt), &got) {
                    (None, Ok(Value::Null)) => true,
                    (Some(true), Ok(v)) => !v.is_null(),
                    (Some(false), Err(e)) => e.kind().name() == "TypeError",
                    _ => false,
                };
                if !ok {
                    wrong.push(format!("{lt} {op} {rt}: {src} gave {got:?}"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn unary_minus_negates_numbers_and_currencies_only() {
    for (t, v) in SAMPLES {
        let got = eval(&format!("-({v})"));
        let ok = match *t {
            "Null" => matches!(got, Ok(Value::Null)),
            "Number" | "USD" | "EUR" => got.is_ok(),
            _ => matches!(&got, Err(e) if e.kind().name() == "TypeError"),
        };
        assert!(ok, "-{t}: {got:?}");
    }
}

#[test]
fn comparisons_never_fail_and_order_only_one_orderable_type() {
    let mut wrong = Vec::new();
    for (lt, l) in SAMPLES {
        for (rt, r) in SAMPLES {
            let same = lt == rt;
            // `=` is deep equality: a sample equals itself and nothing of another type.
            for (op, want) in [("=", same), ("<>", !same), ("!=", !same)] {
                let src = format!("{l} {op} {r}");
                if eval(&src).ok() != Some(Value::Bool(want)) {
                    wrong.push(format!("{src} should be {want}"));
                }
            }
            // Each sample equals itself, so of the orderings only <= and >=
            // hold, and only for an orderable pair.
            for (op, holds) in [("<", false), (">", false), ("<=", true), (">=", true)] {
                let want = holds && orderable(lt, rt);
                let src = format!("{l} {op} {r}");
                if eval(&src).ok() != Some(Value::Bool(want)) {
                    wrong.push(format!("{src} should be {want}, got {:?}", eval(&src)));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn logical_operators_judge_truthiness_for_every_type() {
    // Falsy: FALSE, NULL, 0, "", [], {}; everything else is truthy.
    let falsy = ["FALSE", "NULL", "0", "\"\"", "[]", "{}"];
    for (t, v) in SAMPLES {
        let truthy = *t != "Null";
        assert_eq!(
            eval(&format!("{v} AND TRUE")).ok(),
            Some(Value::Bool(truthy)),
            "{t}"
        );
        assert_eq!(
            eval(&format!("{v} OR FALSE")).ok(),
            Some(Value::Bool(truthy)),
            "{t}"
        );
        assert_eq!(
            eval(&format!("{v} XOR TRUE")).ok(),
            Some(Value::Bool(!truthy)),
            "{t}"
        );
        assert_eq!(
            eval(&format!("NOT ({v})")).ok(),
            Some(Value::Bool(!truthy)),
            "{t}"
        );
    }
    for v in falsy {
        assert_eq!(
            eval(&format!("{v} OR FALSE")).ok(),
            Some(Value::Bool(false)),
            "{v}"
        );
    }
}

#[test]
fn null_coalescing_replaces_only_null() {
    for (t, v) in SAMPLES {
        let got = eval(&format!("({v}) ?? \"other\""));
        let want = if *t == "Null" {
            eval("\"other\"")
        } else {
            eval(v)
        };
        assert_eq!(got.ok(), want.ok(), "{t}");
    }
}
