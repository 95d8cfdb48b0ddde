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
//! benchmark: how fast a built-in is belongs to the benchmarks). The time is
//! the processor time of the calling thread where the system tells it
//! (Linux), so that a machine busy with other work does not make a call
//! look hung; the wall clock elsewhere. The inputs are built once, by
//! evaluations without a time limit, and handed to each call as context
//! variables, so that the time measured is the call's own. Calls that ran
//! past the limit and still gave a value are listed on stderr
//! (`--nocapture`), for information; `HEAVY_TRACE=1` lists every call and
//! `HEAVY_ONLY=NAME` sweeps one built-in.

use std::sync::LazyLock;
use std::time::{Duration, Instant};

use airscript::builtins::{self, Category, ParamKind, Ty};
use airscript::value::ObjectMap;
use airscript::{Context, Engine, ErrorKind, Limits, Value};

/// The time limit of each call.
const LIMIT: Duration = Duration::from_millis(300);
/// A call that takes longer than this (processor time) is taken for a hang.
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
            build(r#"LET f(n) = IF(n = 0, "xxxxxxxxxxxxxx", LET x = f(n - 1) IN [x, x]) IN f(24)"#),
        ),
    ];
    let thousand = Value::text("x".repeat(1000));
    heavy.push(("copies", Value::list(vec![thousand; 400_000])));
    let mut keys = ObjectMap::default();
    for i in 0..500_000 {
        keys.insert(format!("k{i}").into(), Value::from(i as i64));
    }
    heavy.push(("keys", Value::object(keys)));
    let mut empties = ObjectMap::default();
    for i in 0..200_000 {
        empties.insert(format!("e{i}").into(), Value::list(vec![]));
    }
    let empties = Value::object(empties);
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
    // Only for the named cases: 200 references to one Object of 200,000
    // members that are all empty Lists (written out as nothing).
    ctx.set("empties", Value::list(vec![empties; 200]));
    // An empty Text: `+ x` keeps an argument from being a constant, which
    // the compiler would fold under the default limits instead.
    ctx.set("x", "");
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
        (
            Ty::CURRENCY,
            ["CURRENCY(5, \"USD\")", "CURRENCY(5, \"USD\")"],
        ),
        (
            Ty::ASSET,
            ["URI_TO_ASSET(\"data:,x\")", "URI_TO_ASSET(\"data:,x\")"],
        ),
    ];
    options
        .iter()
        .find(|(t, _)| ty.intersects(*t))
        .map_or("NULL", |(_, s)| s[set])
}

/// The processor time this thread has used, where the system tells it
/// (Linux: `/proc/thread-self/stat`, in clock ticks of 10 ms).
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // The fields after the command name (which is in parentheses).
    let fields: Vec<&str> = stat.get(stat.rfind(')')? + 2..)?.split(' ').collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 here.
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// One call, timed: the time it took, by this thread's processor time when
/// the system tells it (so that a machine busy with other work does not
/// make a call look hung), else by the wall clock.
fn eval(src: &str) -> (Duration, Result<Value, airscript::Error>) {
    let engine = limited();
    let (start, cpu_start) = (Instant::now(), thread_cpu());
    let result = match engine.compile_expression(src) {
        Ok(expr) => expr.eval(&INPUTS.ctx),
        Err(e) => Err(e.first().clone()),
    };
    let wall = start.elapsed();
    let took = match (cpu_start, thread_cpu()) {
        (Some(a), Some(b)) => b.saturating_sub(a),
        _ => wall,
    };
    if std::env::var_os("HEAVY_TRACE").is_some() {
        let kind = result.as_ref().err().map(|e| e.kind());
        eprintln!("{wall:>12?} {took:>8?} {kind:?} {src}");
    }
    (took, result)
}

/// One call of the sweep: a description of the failure when it hung.
fn run(src: &str) -> Option<String> {
    let (took, result) = eval(src);
    let kind = result.as_ref().err().map(|e| e.kind());
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
        // The second set differs in its large numbers: only worth a sweep
        // where a number is taken.
        let sets = if params.iter().any(|p| p.ty.intersects(Ty::NUMBER)) {
            2
        } else {
            1
        };
        for set in 0..sets {
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
                        // The items of a variadic parameter go where the
                        // first argument goes (CONCAT, SUM, MAX): a heavy
                        // value the first parameter takes is tried there.
                        if p.kind == ParamKind::Variadic && i > 0 && params[0].ty.accepts(v) {
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
    // HEAVY_ONLY=NAME sweeps one built-in (to look into it).
    let only = std::env::var("HEAVY_ONLY").ok();
    for f in builtins::all() {
        if categories.contains(&f.category) && only.as_deref().is_none_or(|n| n == f.name) {
            for call in sweep_calls(f.name) {
                hung.extend(run(&call));
            }
        }
    }
    eprintln!("{categories:?}: {:?}", start.elapsed());
    assert!(hung.is_empty(), "{}", hung.join("\n"));
}

#[test]
fn text_built_ins_stop_in_time() {
    sweep(&[Category::Text, Category::Conditional]);
}

#[test]
fn list_and_object_built_ins_stop_in_time() {
    sweep(&[Category::List, Category::Object]);
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

/// What a named case must give (besides finishing in time).
#[derive(Debug)]
enum Outcome {
    /// A `LimitError`: the size, memory or time limit.
    Limit,
    /// This value, or a `LimitError` when the time ran out first (how far
    /// a call gets in 300 ms depends on the machine).
    ValueOrLimit(&'static str),
}

/// Regression cases: each once ran far past the time limit, built far more
/// than the size limits, or ran in time that grows faster than its input.
/// `t` is 16 MiB of "ab", `wide` 16 MiB of "é", `digits` 16 million "1",
/// `spaces` 16 million spaces, `shared` a List of 2^24 shared leaves (about
/// 400 MiB written out), `copies` 400,000 copies of a 1000-character text,
/// `keys` an Object of 500,000 keys, `empties` a List of 200 references to
/// one Object of 200,000 empty Lists.
const NAMED: &[(&str, &str, Outcome)] = &[
    // Rendering a shared List wrote it out in full (hundreds of MiB) before
    // checking the size: CONCAT took 27 s, THROW 21 s, TO_JSON 18 s.
    ("CONCAT over a shared list", "CONCAT(\"a\", shared)", Outcome::Limit),
    ("CONCAT over copies", "CONCAT(copies)", Outcome::Limit),
    ("JOIN over a shared list", "JOIN([shared], \",\")", Outcome::Limit),
    ("THROW of a shared list", "THROW(shared)", Outcome::Limit),
    ("TO_JSON of a shared list", "TO_JSON(shared, 2)", Outcome::Limit),
    ("TO_JSON of copies", "TO_JSON(copies)", Outcome::Limit),
    // A 16 MiB text was escaped in one go without looking at the clock.
    ("TO_JSON of a long text", "LENGTH(TO_JSON(big))", Outcome::ValueOrLimit("16000002")),
    // FROM_JSON built serde_json's tree (several times the text) first, and
    // read a 16-million-digit number in 4 s.
    (
        "FROM_JSON of a 16 MiB array",
        "LENGTH(FROM_JSON(\"[\" + REPT(\"0,\", 8000000) + \"0]\" + x))",
        Outcome::ValueOrLimit("8000001"),
    ),
    ("FROM_JSON of a long number", "TRY(FROM_JSON(digits), \"too large\")", Outcome::ValueOrLimit("\"too large\"")),
    (
        "FROM_JSON of a long fraction",
        "FROM_JSON(\"0.\" + REPT(\"0\", 16000000) + \"1\" + x)",
        Outcome::ValueOrLimit("0"),
    ),
    // The aggregates collected every item of a shared List (16 million
    // references, 400 MB) before adding any.
    ("SUM over a shared list", "SUM(LET f(n) = IF(n = 0, 1, LET x = f(n - 1) IN [x, x]) IN f(24))", Outcome::ValueOrLimit("16777216")),
    ("MAX over a shared list", "MAX(shared)", Outcome::ValueOrLimit("\"xxxxxxxxxxxxxx\"")),
    ("GCD over a range", "GCD(range)", Outcome::ValueOrLimit("1")),
    // FLAT copied the whole list once per level, and built past the list limit.
    ("FLAT of a shared list", "FLAT(shared, 30)", Outcome::Limit),
    ("FLAT of a deep list", "FLAT(deep, 1000)", Outcome::ValueOrLimit("[1]")),
    // Equality walked shared parts without looking at the clock.
    (
        "EQUAL of two shared lists built apart",
        "EQUAL(shared, LET f(n) = IF(n = 0, \"xxxxxxxxxxxxxx\", LET x = f(n - 1) IN [x, x]) IN f(24))",
        Outcome::ValueOrLimit("TRUE"),
    ),
    ("CONTAINS of a shared list", "CONTAINS(range, shared)", Outcome::ValueOrLimit("FALSE")),
    // STRIP scanned the whole set of characters for each character: O(n·m).
    ("STRIP with a long set", "STRIP(big, wide)", Outcome::ValueOrLimit("big")),
    // SUBSTITUTE counted the matches, then built the text in one go.
    ("SUBSTITUTE growing the text", "SUBSTITUTE(big, \"a\", \"xyz\")", Outcome::Limit),
    // SPLIT built 16 million pieces past the list limit, and split a long
    // run of spaces without looking at the clock.
    ("SPLIT into characters", "SPLIT(big, \"\")", Outcome::Limit),
    ("SPLIT a run of spaces", "SPLIT(spaces)", Outcome::ValueOrLimit("[]")),
    ("PADSTRING to 16 million", "LENGTH(PADSTRING(\"x\" + x, 16000000, \"ab\"))", Outcome::ValueOrLimit("16000000")),
    // SMS_SEGMENTS scanned the GSM-7 table for every character: 8 s.
    ("SMS_SEGMENTS of a long text", "SMS_SEGMENTS(big)", Outcome::ValueOrLimit("{\"segments\": 104576, \"encoding\": \"GSM-7\", \"units\": 16000000}")),
    // PARSE_CURRENCY counted a whole run of letters to see whether it is a
    // three-letter code.
    ("PARSE_CURRENCY of a run of letters", "TRY(PARSE_CURRENCY(big), \"no\")", Outcome::ValueOrLimit("\"no\"")),
    ("PARSE_NUMBER of 16 million digits", "TRY(PARSE_NUMBER(digits), \"too large\")", Outcome::ValueOrLimit("\"too large\"")),
    (
        "PARSE_NUMBER of a long fraction",
        "PARSE_NUMBER(\"0.\" + REPT(\"0\", 16000000) + \"5\" + x)",
        Outcome::ValueOrLimit("0"),
    ),
    // Date formats were listed piece by piece (16 million pieces) and
    // written past the size limit.
    ("FORMAT_DATE growing the text", "FORMAT_DATE(DATE(2020, 1, 1), REPT(\"MMMM\", 4000000) + x)", Outcome::Limit),
    ("FORMAT_TIME of a long format", "LENGTH(FORMAT_TIME(TIME(1, 2, 3), digits))", Outcome::ValueOrLimit("16000000")),
    // ARABIC listed the value of every letter first (128 MB for 16
    // million); REPLACE built a text past the size limit.
    ("ARABIC of 16 million letters", "ARABIC(REPT(\"M\", 16000000) + x)", Outcome::ValueOrLimit("16000000000")),
    ("REPLACE growing the text", "REPLACE(big, \"a\", big)", Outcome::Limit),
    // Reading a date format listed its pieces and kept every hour token
    // read: 8.8 s and 620 MB for four million hours.
    (
        "TIME_FROM_FORMAT of millions of hour tokens",
        "TIME_FROM_FORMAT(REPT(\"1 \", 8000000) + x, REPT(\"H \", 8000000) + x)",
        Outcome::ValueOrLimit("TIME(1, 0, 0)"),
    ),
    // URL_ENCODE tripled the text before the size check.
    ("URL_ENCODE growing the text", "URL_ENCODE(spaces)", Outcome::Limit),
    ("BASE64_DECODE of a long text", "TRY(BASE64_DECODE(big), \"no\")", Outcome::ValueOrLimit("\"no\"")),
    ("UPPERCASE growing the text", "UPPERCASE(REPT(\"ΐ\", 8000000) + x)", Outcome::Limit),
    ("TITLECASE of a long text", "LENGTH(TITLECASE(big))", Outcome::ValueOrLimit("16000000")),
    ("REVERSE of a long text", "LENGTH(REVERSE(wide))", Outcome::ValueOrLimit("8000000")),
    ("SUBSTRING of a long text", "LENGTH(SUBSTRING(wide, 1, 7999999))", Outcome::ValueOrLimit("7999998")),
    ("STRING_FIND of a long search", "STRING_FIND(big, REPT(\"ab\", 4000000) + \"c\")", Outcome::ValueOrLimit("-1")),
    // OBJECT_TO_XML and MERGE_OBJECTS went through shared Objects without
    // looking at the clock.
    (
        "OBJECT_TO_XML of shared empty members",
        "OBJECT_TO_XML({\"r\": {\"e\": empties}})",
        Outcome::ValueOrLimit("\"<r>\" + REPT(\"<e/>\", 200) + \"</r>\""),
    ),
    ("MERGE_OBJECTS of many copies", "MERGE_OBJECTS([keys, keys, keys, keys, keys, keys, keys, keys, keys, keys, keys, keys, keys, keys, keys, keys, keys, keys, keys, keys, keys, keys, keys, keys, keys, keys, keys, keys, keys, keys])", Outcome::ValueOrLimit("keys")),
    (
        "XML_TO_OBJECT of many elements",
        "LENGTH(XML_TO_OBJECT(\"<a>\" + REPT(\"<b/>\", 4000000) + \"</a>\" + x).a.b)",
        Outcome::ValueOrLimit("4000000"),
    ),
];

#[test]
fn named_regression_cases_stop_in_time() {
    LazyLock::force(&INPUTS);
    let mut failed = Vec::new();
    for (name, src, outcome) in NAMED {
        let (took, result) = eval(src);
        if took > LIVENESS {
            failed.push(format!("{name}: {src} took {took:?}"));
            continue;
        }
        let fine = match (outcome, &result) {
            (_, Err(e)) if e.kind() == ErrorKind::Limit => true,
            (Outcome::Limit, _) => false,
            (Outcome::ValueOrLimit(want), Ok(v)) => {
                let (_, want) = eval(want);
                want.as_ref() == Ok(v)
            }
            (Outcome::ValueOrLimit(_), Err(_)) => false,
        };
        if !fine {
            let got = match &result {
                Ok(v) => type_and_start(v),
                Err(e) => format!("{}: {}", e.kind().name(), e.message()),
            };
            failed.push(format!("{name}: {src} gave {got}, expected {outcome:?}"));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// A value's type and the start of its display, for a failure message.
fn type_and_start(v: &Value) -> String {
    let shown = format!("{v:?}");
    format!(
        "{} {}",
        v.type_name(),
        shown.chars().take(200).collect::<String>()
    )
}
