//! Every built-in stops in time, whatever it is given.
//!
//! Each registered built-in (the table in `builtins::all()`) is called
//! through an [`Engine`] whose time limit is 300 ms, with adversarial
//! arguments within the size limits:
//!
//! - texts of 16 MiB (ASCII, two-byte characters, digits, spaces),
//! - a list of 5,000,000 numbers, a list nested 1000 levels deep, a list
//!   that shares its parts so that written out it takes about 400 MiB,
//!   a list of 400,000 copies of one 1000-character text,
//! - an object of 500,000 keys and one nested 1000 levels deep,
//! - whole-number arguments of 16,000,000 (widths, counts, positions).
//!
//! For every signature, each parameter in turn gets each heavy value its
//! type accepts while the others get small ordinary values (two sets of
//! them: small numbers and short texts, then large numbers); texts
//! parameters also get all heavy at once (text search in text). Named
//! cases below add the inputs a generic sweep does not reach (many
//! matches, long parses, pathological patterns): each is a regression case
//! for a function that once ran super-linearly or without looking at the
//! clock.
//!
//! Each evaluation must finish, with a value or any error; one that takes
//! longer than ten times the limit fails the test (a hang detector, not a
//! benchmark: how fast a built-in is belongs to the benchmarks). The inputs
//! are built once, by evaluations without a time limit, and handed to each
//! call as context variables, so that the time measured is the call's own.
//! Calls that ran past the limit and still gave a value are listed on
//! stderr (`--nocapture`), for information.

use std::sync::LazyLock;
use std::time::{Duration, Instant};

use airscript::builtins::{self, Category, ParamKind, Ty};
use airscript::value::ObjectMap;
use airscript::{Context, Engine, ErrorKind, Limits, Value};

/// The time limit of each call.
const LIMIT: Duration = Duration::from_millis(300);
/// A call that takes longer than this is taken for a hang.
const LIVENESS: Duration = Duration::from_millis(3000);

fn limited() -> Engine {
    Engine::new().with_limits(Limits {
        max_time: Some(LIMIT),
        ..Limits::default()
    })
}

/// Evaluates `src` without a time limit (to build inputs).
fn build(src: &str) -> Value {
    let engine = Engine::new().with_limits(Limits {
        max_time: None,
        max_steps: u64::MAX,
        ..Limits::default()
    });
    engine
        .compile_expression(src)
        .unwrap_or_else(|e| panic!("{src}: {:?}", e.first()))
        .eval(&Context::new())
        .unwrap_or_else(|e| panic!("{src}: {e:?}"))
}

/// The heavy inputs, as context variables: (name, value).
struct Inputs {
    ctx: Context,
    heavy: Vec<(&'static str, Value)>,
}

static INPUTS: LazyLock<Inputs> = LazyLock::new(|| {
    let mut heavy: Vec<(&'static str, Value)> = vec![
        ("big", build(r#"REPT("ab", 8000000)"#)),
        ("wide", build(r#"REPT("é", 8000000)"#)),
        ("digits", build(r#"REPT("1", 16000000)"#)),
        ("spaces", build(r#"REPT(" ", 16000000)"#)),
        ("range", build("RANGE(1, 5000000)")),
        (
            "deep",
            build("LET f(n) = IF(n = 0, [1], [f(n - 1)]) IN f(999)"),
        ),
        (
            "shared",
            build(
                r#"LET f(n) = IF(n = 0, "xxxxxxxxxxxxxx", LET x = f(n - 1) IN [x, x]) IN f(24)"#,
            ),
        ),
    ];
    let thousand = Value::text("x".repeat(1000));
    heavy.push(("copies", Value::list(vec![thousand; 400_000])));
    let mut keys = ObjectMap::default();
    for i in 0..500_000 {
        keys.insert(format!("k{i}").into(), Value::from(i as i64));
    }
    heavy.push(("keys", Value::object(keys)));
    let mut nested = Value::from(1);
    for _ in 0..1000 {
        let mut m = ObjectMap::default();
        m.insert("a".into(), nested);
        nested = Value::object(m);
    }
    heavy.push(("deepobj", nested));
    let mut ctx = Context::new();
    for (name, v) in &heavy {
        ctx.set(name, v.clone());
    }
    Inputs { ctx, heavy }
});

/// Small ordinary arguments of each type, as source: one set per sweep.
fn small(ty: Ty, set: usize) -> &'static str {
    let options: &[(Ty, [&str; 2])] = &[
        (Ty::TEXT, ["\"a\"", "\"b\""]),
        (Ty::NUMBER, ["2", "16000000"]),
        (Ty::LIST, ["[1, 2]", "[\"a\", 3]"]),
        (Ty::OBJECT, ["{\"a\": 1}", "{\"b\": [1]}"]),
        (Ty::BOOLEAN, ["TRUE", "FALSE"]),
        (Ty::DATE, ["DATE(2020, 1, 1)", "DATE(2020, 1, 1)"]),
        (Ty::TIME, ["TIME(1, 2, 3)", "TIME(1, 2, 3)"]),
        (
            Ty::DATETIME,
            [
                "DATETIME(DATE(2020, 1, 1), TIME(1, 2, 3), \"UTC\")",
                "DATETIME(DATE(2020, 1, 1), TIME(1, 2, 3), \"UTC\")",
            ],
        ),
        (Ty::CURRENCY, ["CURRENCY(5, \"USD\")", "CURRENCY(5, \"USD\")"]),
        (
            Ty::ASSET,
            [
                "URI_TO_ASSET(\"data:,x\")",
                "URI_TO_ASSET(\"data:,x\")",
            ],
        ),
    ];
    options
        .iter()
        .find(|(t, _)| ty.intersects(*t))
        .map_or("NULL", |(_, s)| s[set])
}

/// One call, timed: a description of the failure when it hung.
fn run(src: &str) -> Option<String> {
    let engine = limited();
    let start = Instant::now();
    let result = match engine.compile_expression(src) {
        Ok(expr) => expr.eval(&INPUTS.ctx),
        Err(e) => Err(e.first().clone()),
    };
    let took = start.elapsed();
    let kind = result.as_ref().err().map(|e| e.kind());
    if std::env::var_os("HEAVY_TRACE").is_some() {
        eprintln!("{took:>12?} {kind:?} {src}");
    }
    if took > LIVENESS {
        return Some(format!(
            "{src}: took {took:?} (limit {LIMIT:?}) and gave {}",
            match &kind {
                Some(ErrorKind::Limit) => "a LimitError only then".to_string(),
                Some(k) => format!("a {} instead of a LimitError", k.name()),
                None => "a value instead of a LimitError".to_string(),
            }
        ));
    }
    if took > LIMIT * 2 && kind != Some(ErrorKind::Limit) {
        eprintln!("past the limit but finished: {src}: {took:?} {kind:?}");
    }
    None
}

/// The calls of the sweep for one built-in.
fn sweep_calls(name: &str) -> Vec<String> {
    let spec = builtins::spec(builtins::lookup(name).unwrap());
    let mut calls = Vec::new();
    for sig in spec.signatures {
        let params: Vec<_> = sig.params.iter().collect();
        for set in 0..2 {
            let defaults: Vec<&str> = params.iter().map(|p| small(p.ty, set)).collect();
            let required = params
                .iter()
                .filter(|p| p.kind == ParamKind::Required)
                .count();
            // Every parameter given, and the required ones alone.
            for n in [params.len(), required] {
                if n < required {
                    continue;
                }
                calls.push(format!("{name}({})", defaults[..n].join(", ")));
                for (i, p) in params.iter().enumerate().take(n) {
                    for (h, v) in &INPUTS.heavy {
                        if !p.ty.accepts(v) {
                            continue;
                        }
                        let mut args = defaults[..n].to_vec();
                        args[i] = h;
                        calls.push(format!("{name}({})", args.join(", ")));
                    }
                }
                // Every text parameter heavy at once.
                let texts: Vec<usize> = (0..n)
                    .filter(|&i| params[i].ty.intersects(Ty::TEXT))
                    .collect();
                if texts.len() > 1 {
                    for h in ["big", "wide"] {
                        let mut args = defaults[..n].to_vec();
                        for &i in &texts {
                            args[i] = h;
                        }
                        calls.push(format!("{name}({})", args.join(", ")));
                    }
                }
            }
        }
    }
    calls.sort();
    calls.dedup();
    calls
}

fn sweep(categories: &[Category]) {
    LazyLock::force(&INPUTS);
    let start = Instant::now();
    let mut hung = Vec::new();
    for f in builtins::all() {
        if categories.contains(&f.category) {
            for call in sweep_calls(f.name) {
                hung.extend(run(&call));
            }
        }
    }
    eprintln!("{categories:?}: {:?}", start.elapsed());
    assert!(hung.is_empty(), "{}", hung.join("\n"));
}

#[test]
fn text_list_and_object_built_ins_stop_in_time() {
    sweep(&[
        Category::Text,
        Category::List,
        Category::Object,
        Category::Conditional,
    ]);
}

#[test]
fn data_built_ins_stop_in_time() {
    sweep(&[
        Category::Phone,
        Category::Email,
        Category::NumberFormat,
        Category::DataType,
        Category::Asset,
        Category::Encoding,
        Category::Error,
        Category::Validation,
        Category::Messaging,
    ]);
}

#[test]
fn date_math_and_currency_built_ins_stop_in_time() {
    sweep(&[Category::DateTime, Category::Math, Category::Currency]);
}
