//! The `air` binary, run as a user runs it: exit codes, stdout, stderr.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn air(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_air"))
        .args(args)
        .output()
        .expect("air runs")
}

fn air_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_air"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("air runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn temp_file(name: &str, content: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("air-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

#[test]
fn eval_prints_the_display_form() {
    let o = air(&["eval", "1 + 2 * 3"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "7\n");
    let o = air(&[
        "eval",
        r#"{title: "Dune", tags: ["a", NULL], at: DATE(2007, 1, 9)}"#,
    ]);
    assert_eq!(
        stdout(&o),
        "{\"title\": \"Dune\", \"tags\": [\"a\", NULL], \"at\": DATE(2007, 1, 9)}\n"
    );
}

#[test]
fn eval_json_prints_the_json_form() {
    let o = air(&[
        "eval",
        "--json",
        "{a: [1, 2.50, TRUE, NULL], d: DATE(2021, 4, 7)}",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        "{\"a\":[1,2.5,true,null],\"d\":{\"year\":2021,\"month\":4,\"day\":7}}\n"
    );
}

#[test]
fn eval_reads_context_inline_and_from_a_file() {
    let o = air(&[
        "eval",
        "--context",
        r#"{"name": "Bob", "n": 0.1}"#,
        r#""Hi {{name}}" + "!""#,
    ]);
    assert_eq!(stdout(&o), "\"Hi Bob!\"\n");
    let o = air(&["eval", "--context", r#"{"n": 0.1}"#, "n + 0.2 = 0.3"]);
    assert_eq!(stdout(&o), "TRUE\n");
    let p = temp_file("ctx.json", r#"{"items": [1, 2, 3]}"#);
    let arg = format!("@{}", p.display());
    let o = air(&["eval", "--context", &arg, "items[-1]"]);
    assert_eq!(stdout(&o), "3\n");
}

#[test]
fn eval_now_and_tz_fix_the_clock_and_zone() {
    let o = air(&[
        "eval",
        "--now",
        "2020-05-20T15:30:00Z",
        "--tz",
        "Asia/Tokyo",
        "NOW()",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "DATETIME(DATE(2020, 5, 21), TIME(0, 30, 0), \"Asia/Tokyo\")\n"
    );
}

#[test]
fn eval_errors_exit_1_with_the_kind_first() {
    for (expr, kind) in [
        ("1 / 0", "ArithmeticError: "),
        ("1 + \"a\"", "TypeError: "),
        ("1 +", "SyntaxError: "),
        ("NOSUCH(1)", "SyntaxError: "),
        ("THROW(\"boom\")", "UserError: boom"),
        ("LET f(n) = f(n + 1) IN f(0)", "LimitError: "),
    ] {
        let o = air(&["eval", expr]);
        assert_eq!(o.status.code(), Some(1), "{expr}");
        assert!(stdout(&o).is_empty(), "{expr}");
        let err = stderr(&o);
        assert!(
            err.lines().next().unwrap_or("").starts_with(kind),
            "{expr}: {err}"
        );
    }
}

#[test]
fn eval_accepts_a_leading_minus_after_double_dash() {
    let o = air(&["eval", "--", "-1 - 2"]);
    assert_eq!(stdout(&o), "-3\n");
}

#[test]
fn eval_bad_flags_exit_2() {
    let o = air(&["eval", "--tz", "Mars/Olympus", "1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("Mars/Olympus"));
    let o = air(&["eval", "--context", "{not json", "1"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn run_prints_each_expression_item() {
    let p = temp_file(
        "invoice.air",
        "LET items = [{name: \"Pen\", price: 1.5, qty: 4}, {name: \"Pad\", price: 3, qty: 2}]\n\
         LET line_total(i) = i.price * i.qty\n\
         FROM i IN items SELECT \"{{i.name}}: {{line_total(i)}}\"\n\
         SUM(FROM i IN items SELECT line_total(i))\n",
    );
    let o = air(&["run", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "[\"Pen: 6\", \"Pad: 6\"]\n12\n");
}

#[test]
fn run_stops_at_a_runtime_error_with_exit_1() {
    let p = temp_file("fails.air", "1 + 1\n\"a\" + 1\n3\n");
    let o = air(&["run", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "2\n");
    let err = stderr(&o);
    assert!(err.starts_with("TypeError: "), "{err}");
    assert!(err.contains("fails.air:2:"), "{err}");
}

#[test]
fn run_with_a_syntax_error_runs_nothing_and_exits_2() {
    let p = temp_file("bad.air", "1 + 1\n(2 +\n");
    let o = air(&["run", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o), "");
    assert!(stderr(&o).starts_with("SyntaxError: "));
    let p = temp_file("unknown.air", "1 + 1\nNOSUCH(2)\n");
    let o = air(&["run", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o), "");
}

#[test]
fn run_reads_a_context_file() {
    let ctx = temp_file("run-ctx.json", r#"{"who": "world"}"#);
    let p = temp_file("hello.air", "\"hello, {{who}}\"\n");
    let o = air(&[
        "run",
        p.to_str().unwrap(),
        "--context",
        ctx.to_str().unwrap(),
    ]);
    assert_eq!(stdout(&o), "\"hello, world\"\n");
}

#[test]
fn check_reports_every_error_and_exits_1() {
    let p = temp_file(
        "check-bad.air",
        "LET a = 1\nNOSUCH(a)\n1 +* 2\nLENGTH(a)\nOTHER(2)\nIF(a, UPPERCASE(\"x\", \"y\"))\n",
    );
    let o = air(&["check", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("unknown function `NOSUCH`"), "{err}");
    assert!(err.contains("unknown function `OTHER`"), "{err}");
    assert!(err.contains("check-bad.air:3:"), "{err}");
    assert!(
        err.contains("ArgumentError: UPPERCASE takes 1 argument, got 2"),
        "{err}"
    );
    assert!(err.contains("4 errors"), "{err}");
}

#[test]
fn check_of_a_clean_program_exits_0_and_notes_context_names() {
    let p = temp_file("check-ok.air", "LET total_price = 1\ntotal_prise + b\n");
    let o = air(&["check", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("from the context (NULL when the context lacks them): total_prise, b"),
        "{err}"
    );
    assert!(
        err.contains("`total_prise` is not declared: did you mean `total_price`?"),
        "{err}"
    );
}

#[test]
fn check_does_not_count_the_try_error_binding_as_a_context_read() {
    let src = "TRY(1/0, error.message)\n";
    let p = temp_file("check-try.air", src);
    let o = air(&["check", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(!err.contains("from the context"), "{err}");
    let o = air(&["eval", src.trim_end()]);
    assert_eq!(stdout(&o), "\"division by zero\"\n", "{}", stderr(&o));
}

#[test]
fn conformance_counts_passes_and_failures() {
    let p = temp_file(
        "cases.toml",
        "[[case]]\nid = \"t.pass\"\nexpr = '1 + 1'\nexpect = '2'\n\n\
         [[case]]\nid = \"t.fail\"\nexpr = '1 + 1'\nexpect = '3'\n\n\
         [[case]]\nid = \"t.error\"\nexpr = '1 / 0'\nerror = \"ArithmeticError\"\n\n\
         [[case]]\nid = \"t.pending\"\nexpr = 'NO_SUCH_FN(1)'\nexpect = '1'\n",
    );
    let o = air(&["conformance", "--verbose", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("cases.toml: 2 passed, 1 pending, 1 failed"),
        "{out}"
    );
    assert!(out.contains("FAIL t.fail"), "{out}");
    assert!(
        out.contains("PENDING t.pending (missing NO_SUCH_FN)"),
        "{out}"
    );
    assert!(
        out.contains("missing functions (1): NO_SUCH_FN (1)"),
        "{out}"
    );
    assert_eq!(out.lines().last(), Some("2 passed, 1 pending, 1 failed"));
}

#[test]
fn conformance_pending_cases_do_not_fail_the_run() {
    let p = temp_file(
        "pending.toml",
        "[[case]]\nid = \"t.pass\"\nexpr = '1 + 1'\nexpect = '2'\n\n\
         [[case]]\nid = \"t.pending\"\nexpr = 'NO_SUCH_FN(1)'\nexpect = '1'\n",
    );
    let o = air(&["conformance", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(
        stdout(&o).lines().last(),
        Some("1 passed, 1 pending, 0 failed")
    );
}

#[test]
fn repl_keeps_declarations_and_survives_errors() {
    let o = air_stdin(
        &[],
        "LET x = 2\nx * 3\n(1 +\n2)\n1 / 0\n\"still here\"\nLET double(n) = n * 2\ndouble(x)\n:reset\nx\n:quit\n",
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        "6\n3\n\"still here\"\n4\nAll declarations forgotten.\nNULL\n"
    );
    assert!(
        stderr(&o).starts_with("ArithmeticError: division by zero"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn repl_help_and_syntax_errors() {
    let o = air_stdin(&[], ":help\n1 +* 2\n5\n");
    let out = stdout(&o);
    assert!(out.contains(":reset"), "{out}");
    assert!(out.ends_with("5\n"), "{out}");
    assert!(stderr(&o).starts_with("SyntaxError: "), "{}", stderr(&o));
}

#[test]
fn repl_help_shows_a_function_entry_and_suggests_names() {
    let o = air_stdin(&[], ":help FORMAT_NUMBER\n:help format_numbr\n:help\n");
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.starts_with("FORMAT_NUMBER(number: Number, [format: Text], [locale: Text]) → Text\n"),
        "{out}"
    );
    assert!(out.contains("\nExamples:\n  FORMAT_NUMBER("), "{out}");
    assert!(
        out.contains("No function or category is named format_numbr. Did you mean FORMAT_NUMBER? (:help FORMAT_NUMBER)\n"),
        "{out}"
    );
    assert!(out.contains("Function categories:\n  text "), "{out}");
    assert!(!out.contains("Unknown command"), "{out}");
}

#[test]
fn file_assets_resolve_against_the_script_or_the_current_directory() {
    let dir = std::env::temp_dir().join(format!("air-cli-assets-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("scripts")).unwrap();
    std::fs::write(dir.join("scripts/logo.png"), b"\x89PNG\r\n").unwrap();
    std::fs::write(dir.join("notes.txt"), "hello").unwrap();
    // air eval: the current directory.
    let o = Command::new(env!("CARGO_BIN_EXE_air"))
        .args([
            "eval",
            r#"LET a = URI_TO_ASSET("./notes.txt") IN [a.size, a.type, MD5(a)]"#,
        ])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(
        stdout(&o),
        "[5, \"text/plain\", \"5d41402abc4b2a76b9719d911017c592\"]\n",
        "{}",
        stderr(&o)
    );
    // air run: the script's directory, wherever it is run from.
    let script = dir.join("scripts/thumb.air");
    std::fs::write(
        &script,
        "LET logo = URI_TO_ASSET(\"./logo.png\")\n[ASSET_STATE(logo), ASSET_SIZE(logo), ASSET_THUMBNAIL_URL(logo) = ASSET_TO_URI(logo)]\n",
    )
    .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_air"))
        .args(["run", script.to_str().unwrap(), "--mode", "preview"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(stdout(&o), "[\"ACTIVE\", 6, TRUE]\n", "{}", stderr(&o));
}

#[test]
fn the_locale_sets_separators_and_the_phone_region() {
    let o = air(&[
        "eval",
        "--locale",
        "de-DE",
        "FORMAT_NUMBER(1234.5, \",.2f\")",
    ]);
    assert_eq!(stdout(&o), "\"1.234,50\"\n", "{}", stderr(&o));
    let o = air(&[
        "eval",
        "--locale",
        "en-GB",
        "PARSE_PHONE(\"020 7183 8750\")",
    ]);
    assert_eq!(stdout(&o), "\"+442071838750\"\n", "{}", stderr(&o));
    let o = air(&["eval", "PARSE_PHONE(\"020 7183 8750\")"]);
    assert_eq!(o.status.code(), Some(1), "US numbers have ten digits");
    let o = air(&["eval", "--locale", "en_GB!", "1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--locale \"en_GB!\" is not a BCP 47 language tag"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn every_limit_has_a_flag_before_or_after_the_subcommand() {
    let deep = "LET f(n) = IF(n = 0, 0, [f(n - 1)]) IN f(5)";
    let o = air(&["--max-depth", "3", "eval", deep]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with("LimitError: value nested 4 levels deep, over the limit of 3"),
        "{}",
        stderr(&o)
    );
    let o = air(&["eval", "--max-depth", "5", deep]);
    assert_eq!(stdout(&o), "[[[[[0]]]]]\n");

    let cases: &[(&[&str], &str, &str)] = &[
        (
            &["--max-memory", "1M"],
            r#"LENGTH(REPT("x", 2000000))"#,
            "over the memory limit of 1 MiB",
        ),
        (
            &["--max-steps", "1000"],
            "LET f(n) = IF(n = 0, 0, f(n - 1)) IN f(900)",
            "more than 1000 steps",
        ),
        (
            &["--max-call-depth", "10"],
            "LET f(n) = IF(n = 0, 0, f(n - 1)) IN f(20)",
            "the limit is 10",
        ),
        (
            &["--max-size", "10"],
            r#"REPT("x", 11)"#,
            "11 exceeds the limit of 10",
        ),
        (&["--max-nesting", "3"], "((((1))))", "nested too deeply"),
        (
            &["--max-source", "5"],
            "1+2+3+4",
            "source too long: 7 bytes, the limit is 5",
        ),
        (
            &["--max-time", "0.1"],
            "LENGTH(FROM x IN RANGE(1, 3000000) ORDER BY -x SELECT x)",
            "longer than 0.1 s",
        ),
    ];
    for (flags, expr, message) in cases {
        let mut args = flags.to_vec();
        args.extend(["eval", expr]);
        let o = air(&args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let err = stderr(&o);
        assert!(err.starts_with("LimitError: "), "{args:?}: {err}");
        assert!(err.contains(message), "{args:?}: {err}");
    }
}

#[test]
fn a_limit_flag_with_a_bad_value_is_a_usage_error() {
    let o = air(&["eval", "--max-memory", "12Q", "1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("\"12Q\" is not a size such as 512M or 2G"),
        "{}",
        stderr(&o)
    );
    let o = air(&["--max-time", "NaN", "eval", "1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--max-time NaN is not a number of seconds"),
        "{}",
        stderr(&o)
    );
    let o = air(&["--max-time", "0", "eval", "1 + 1"]);
    assert_eq!(stdout(&o), "2\n", "0 means no time limit");
}
