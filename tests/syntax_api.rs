//! Exact behaviour of the public parse functions: spans, limits, flags.

use airscript::span::Span;
use airscript::syntax::ast::{BinaryOp, ExprKind, Item, StrPart};
use airscript::syntax::{
    parse_expression, parse_expression_with, parse_program, parse_template, sexpr, ParseOptions,
};
use airscript::ErrorKind;

fn tree(src: &str) -> String {
    match parse_expression(src) {
        Ok(e) => sexpr::expr(&e),
        Err(e) => format!("ERROR {e}"),
    }
}

fn slice(src: &str, span: Span) -> &str {
    &src[span.range()]
}

#[test]
fn spans_cover_whole_constructs() {
    let src = "  a.b[0] + f(1, 2) * -x ";
    let e = parse_expression(src).unwrap();
    assert_eq!(slice(src, e.span), "a.b[0] + f(1, 2) * -x");
    let ExprKind::Binary { op, lhs, rhs } = &e.kind else {
        panic!("{e:?}")
    };
    assert_eq!(*op, BinaryOp::Add);
    assert_eq!(slice(src, lhs.span), "a.b[0]");
    assert_eq!(slice(src, rhs.span), "f(1, 2) * -x");
    let ExprKind::Binary { lhs: call, .. } = &rhs.kind else {
        panic!()
    };
    let ExprKind::Call { name, args } = &call.kind else {
        panic!()
    };
    assert_eq!(slice(src, name.span), "f");
    assert_eq!(slice(src, call.span), "f(1, 2)");
    assert_eq!(slice(src, args[1].span), "2");

    for (src, whole) in [
        ("LET x = 1 IN x + 1", "LET x = 1 IN x + 1"),
        (
            "FROM b IN bs WHERE b SELECT b.t ",
            "FROM b IN bs WHERE b SELECT b.t",
        ),
        (" \"a {{b}} c\" ", "\"a {{b}} c\""),
        ("(1)", "(1)"),
        ("{a: [1]}", "{a: [1]}"),
        ("NOT x", "NOT x"),
        ("xs[?(@ > 1)]", "xs[?(@ > 1)]"),
    ] {
        let e = parse_expression(src).unwrap();
        assert_eq!(slice(src, e.span), whole);
    }
}

#[test]
fn plain_strings_are_one_text_part() {
    let e = parse_expression(r#""a\nb\{c\}""#).unwrap();
    let ExprKind::Str(lit) = e.kind else { panic!() };
    assert_eq!(lit.parts, vec![StrPart::Text("a\nb{c}".into())]);
    let e = parse_expression(r#""""#).unwrap();
    let ExprKind::Str(lit) = e.kind else { panic!() };
    assert!(lit.parts.is_empty());
    assert_eq!(tree(r#""\{{name}}""#), r#""{{name}}""#);
    assert_eq!(tree("\"line\nbreak\""), r#""line\nbreak""#);
    assert_eq!(tree(r#""\ud83d\ude00""#), r#""😀""#);
}

#[test]
fn keywords_ignore_case_names_do_not() {
    assert_eq!(tree("true AND False OR null"), "(or (and true false) null)");
    assert_eq!(tree("Name = name"), "(= $Name $name)");
    assert_eq!(tree("let x = 1 in x"), "(let ((x 1)) $x)");
    assert_eq!(
        tree("from x in xs select x"),
        "(from x (in $xs) (select $x))"
    );
    assert!(parse_expression("LET Select = 1 IN 2").is_err());
    assert!(parse_expression("LET f(where) = 1 IN 2").is_err());
    assert!(parse_expression("FROM in IN xs SELECT 1").is_err());
}

#[test]
fn operators_follow_the_table() {
    assert_eq!(tree("price ?? 0 * qty"), "(?? $price (* 0 $qty))");
    assert_eq!(tree("x ?? 0 = 0"), "(= (?? $x 0) 0)");
    assert_eq!(tree("a != b"), "(<> $a $b)");
    assert_eq!(tree("NOT(x) = FALSE"), "(= (call NOT $x) false)");
    assert_eq!(tree("-a.b"), "(neg (. $a b))");
    assert_eq!(tree("1 < 2 AND 2 < 3"), "(and (< 1 2) (< 2 3))");
    assert_eq!(tree("a\n[0]"), "([] $a 0)");
    assert_eq!(tree("LET x = 1 IN x\n[0]"), "(let ((x 1)) ([] $x 0))");
}

#[test]
fn incomplete_only_at_end_of_input() {
    for src in [
        "1 +",
        "(",
        "[1,",
        "{a:",
        "\"abc",
        "\"{{",
        "\"{{ x",
        "/* c",
        "LET x =",
        "FROM x",
        "FROM x IN",
        "f(1,",
        "NOT",
        "a.",
        "x[",
        "LET x = 1",
        "FROM x IN xs WHERE",
    ] {
        let e = parse_expression(src).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Syntax, "{src}");
        assert!(e.is_incomplete(), "{src}: {e}");
    }
    for src in ["1 + )", "1 2", "[1,,2]", "\"\\q\"", "5.", "a..b", "'x'"] {
        let e = parse_expression(src).unwrap_err();
        assert!(!e.is_incomplete(), "{src}: {e}");
    }
}

#[test]
fn deep_nesting_is_a_limit_error() {
    for src in [
        "(".repeat(100_000),
        "[".repeat(100_000),
        "- ".repeat(100_000) + "1",
        "NOT ".repeat(100_000) + "x",
        "f(".repeat(100_000),
        "\"{{".repeat(100_000) + "1" + &"}}\"".repeat(100_000),
        "LET x = ".repeat(100_000),
        "a ?? ".repeat(100_000) + "b",
        "1 + ".repeat(100_000) + "1",
        "a".to_string() + &".b".repeat(100_000),
        "{a: ".repeat(100_000),
    ] {
        let e = parse_expression(&src).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Limit, "{}", &src[..10]);
        assert_eq!(e.message(), "expression nested too deeply");
        let (_, errors) = parse_program(&src);
        assert_eq!(errors[0].kind(), ErrorKind::Limit);
    }
    // Nesting within the limit works, in a small thread stack too.
    let ok = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(|| {
            let src = "(".repeat(190) + "1" + &")".repeat(190);
            parse_expression(&src).is_ok()
        })
        .unwrap()
        .join()
        .unwrap();
    assert!(ok);
}

#[test]
fn options_limit_depth_and_length() {
    let opts = ParseOptions {
        max_depth: 3,
        max_len: 20,
    };
    assert!(parse_expression_with("((1))", &opts).is_ok());
    let e = parse_expression_with("((((1))))", &opts).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Limit);
    let e = parse_expression_with(&"1".repeat(21), &opts).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Limit);
    let d = ParseOptions::default();
    assert_eq!((d.max_depth, d.max_len), (1000, 1024 * 1024));
}

#[test]
fn huge_literals_round_or_fail() {
    let long = format!("1.{}", "5".repeat(10_000));
    assert_eq!(tree(&long), format!("1.{}6", "5".repeat(26)));
    let e = parse_expression(&"9".repeat(10_000)).unwrap_err();
    assert_eq!(e.message(), "number out of range");
    assert_eq!(tree("1e-99999999999999999999"), "0");
    assert_eq!(
        parse_expression("1e99999999999999999")
            .unwrap_err()
            .message(),
        "number out of range"
    );
}

#[test]
fn programs_separate_items() {
    let (p, errors) = parse_program("\u{feff}LET a = 1\nLET f(x) = x IN f(a)\n");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(p.items.len(), 2);
    let Item::Decl { span, .. } = &p.items[0] else {
        panic!()
    };
    assert_eq!(*span, Span::new(3, 12));
    assert!(matches!(p.items[1], Item::Expr(_)));

    let (p, errors) = parse_program("");
    assert!(p.items.is_empty() && errors.is_empty());

    // Errors come in source order, one per broken item.
    let (p, errors) = parse_program("1 +\n)\n2 3\n5\n(4\n");
    let lines: Vec<u32> = errors.iter().map(|e| e.span().unwrap().start).collect();
    assert_eq!(lines, vec![4, 8, 15]);
    assert!(errors[2].is_incomplete());
    assert_eq!(p.items.len(), 1);
}

#[test]
fn templates() {
    let t = parse_template("Hi \\{{x}} \\n {{ name }}!").unwrap();
    assert_eq!(
        sexpr::template(&t),
        "(template \"Hi {{x}} \\\\n \" $name \"!\")"
    );
    assert_eq!(parse_template("").unwrap().parts, vec![]);
    assert!(parse_template("{{ }}").is_err());
    assert!(parse_template("{{ x").unwrap_err().is_incomplete());
    assert_eq!(
        sexpr::template(&parse_template("say \"{{ \"a}}b\" }}\"").unwrap()),
        "(template \"say \\\"\" \"a}}b\" \"\\\"\")"
    );
}

#[test]
fn large_sources_parse_in_linear_time() {
    // About 1 MiB of brackets, calls and strings in one list.
    let item = "f((1), [2], {a: \"x{{y}}\"}), ";
    let src = format!("[{}]", item.repeat(1024 * 1024 / item.len() - 1));
    let start = std::time::Instant::now();
    let e = parse_expression(&src).unwrap();
    let ExprKind::List(items) = e.kind else {
        panic!()
    };
    assert_eq!(items.len(), 1024 * 1024 / item.len() - 1);
    assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
}

#[test]
fn random_inputs_never_panic() {
    const PIECES: &[&str] = &[
        "(", ")", "[", "]", "{", "}", "{{", "}}", "\"", "\\", "\\u", "d83d", "a", "LET", "IN",
        "FROM", "SELECT", "WHERE", "ORDER", "BY", "LIMIT", "OFFSET", "DISTINCT", "NOT", ",", ".",
        ":", ";", "?", "@", "*", "+", "-", "=", "<", ">", "??", "1", "2.5", "1e", "e5", " ", "\n",
        "/*", "*/", "//", "é", "“", "#!", "'", "\r", "\u{feff}",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..20_000 {
        let len = (next() % 12) as usize;
        let src: String = (0..len)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        let _ = parse_expression(&src);
        let (_, errors) = parse_program(&src);
        for e in errors {
            let span = e.span().unwrap_or_default();
            assert!(
                src.get(span.range()).is_some(),
                "{src:?}: bad span {span:?}"
            );
        }
        let _ = parse_template(&src);
    }
}

#[test]
fn program_line_rules() {
    let show = |src: &str| {
        let (p, errors) = parse_program(src);
        assert!(errors.is_empty(), "{src}: {errors:?}");
        sexpr::program(&p)
    };
    assert_eq!(
        show("FROM x IN xs\nLIMIT 2\nSELECT x"),
        "(from x (in $xs) (limit 2) (select $x))\n"
    );
    assert_eq!(show("LET x = 1\n(x)"), "(decl (x 1))\n(paren $x)\n");
    assert_eq!(show("f\n(1)"), "$f\n(paren 1)\n");
    assert_eq!(show("(f\n(1))"), "(paren (call f 1))\n");
    assert_eq!(show("\"a\n{{ x\n}}\""), "(str \"a\\n\" $x)\n");
    assert_eq!(show("a OR\nb"), "(or $a $b)\n");
}
