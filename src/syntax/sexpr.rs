//! A compact S-expression form of the syntax tree, for snapshots and tools.
//!
//! Literals print as themselves (`1.5`, `"text"`, `true`, `null`), variables
//! as `$name`, operators as `(+ a b)`, and everything else as `(form ...)`.

use std::fmt::Write;

use super::ast::{
    Binding, Expr, ExprKind, Item, Key, Program, Query, Select, Step, StrPart, Template, UnaryOp,
};

pub fn expr(e: &Expr) -> String {
    let mut out = String::new();
    write_expr(&mut out, e);
    out
}

pub fn program(p: &Program) -> String {
    let mut out = String::new();
    for item in &p.items {
        match item {
            Item::Decl { bindings, .. } => {
                out.push_str("(decl");
                for b in bindings {
                    out.push(' ');
                    write_binding(&mut out, b);
                }
                out.push(')');
            }
            Item::Expr(e) => write_expr(&mut out, e),
        }
        out.push('\n');
    }
    out
}

pub fn template(t: &Template) -> String {
    let mut out = String::new();
    write_parts(&mut out, "template", &t.parts);
    out
}

fn write_parts(out: &mut String, head: &str, parts: &[StrPart]) {
    let _ = write!(out, "({head}");
    for p in parts {
        out.push(' ');
        match p {
            StrPart::Text(t) => {
                let _ = write!(out, "{t:?}");
            }
            StrPart::Interp(e) => write_expr(out, e),
        }
    }
    out.push(')');
}

fn write_key(out: &mut String, k: &Key) {
    match k {
        Key::Word(n) => out.push_str(&n.text),
        Key::Str(lit, _) => match lit.as_plain() {
            Some(t) => {
                let _ = write!(out, "{t:?}");
            }
            None => write_parts(out, "str", &lit.parts),
        },
    }
}

fn write_binding(out: &mut String, b: &Binding) {
    match b {
        Binding::Value { name, value } => {
            let _ = write!(out, "({} ", name.text);
            write_expr(out, value);
            out.push(')');
        }
        Binding::Function { name, params, body } => {
            let ps: Vec<&str> = params.iter().map(|p| p.text.as_str()).collect();
            let _ = write!(out, "(fn {} ({}) ", name.text, ps.join(" "));
            write_expr(out, body);
            out.push(')');
        }
    }
}

fn write_list(out: &mut String, head: &str, items: &[&Expr]) {
    let _ = write!(out, "({head}");
    for e in items {
        out.push(' ');
        write_expr(out, e);
    }
    out.push(')');
}

fn write_expr(out: &mut String, e: &Expr) {
    match &e.kind {
        ExprKind::Null => out.push_str("null"),
        ExprKind::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        ExprKind::Number(n) => {
            let _ = write!(out, "{n}");
        }
        ExprKind::Str(lit) => match lit.as_plain() {
            Some(t) => {
                let _ = write!(out, "{t:?}");
            }
            None => write_parts(out, "str", &lit.parts),
        },
        ExprKind::Var(n) => {
            let _ = write!(out, "${}", n.text);
        }
        ExprKind::At => out.push('@'),
        ExprKind::List(items) => write_list(out, "list", &items.iter().collect::<Vec<_>>()),
        ExprKind::Object(members) => {
            out.push_str("(object");
            for m in members {
                out.push_str(" (");
                write_key(out, &m.key);
                out.push(' ');
                write_expr(out, &m.value);
                out.push(')');
            }
            out.push(')');
        }
        ExprKind::Unary { op, operand } => {
            let head = match op {
                UnaryOp::Neg => "neg",
                UnaryOp::Plus => "pos",
                UnaryOp::Not => "not",
            };
            write_list(out, head, &[operand]);
        }
        ExprKind::Binary { op, lhs, rhs } => {
            write_list(out, &op.symbol().to_ascii_lowercase(), &[lhs, rhs])
        }
        ExprKind::Call { name, args } => write_list(
            out,
            &format!("call {}", name.text),
            &args.iter().collect::<Vec<_>>(),
        ),
        ExprKind::Path { base, step } => write_step(out, base, step),
        ExprKind::Let { bindings, body } => {
            out.push_str("(let (");
            for (i, b) in bindings.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                write_binding(out, b);
            }
            out.push_str(") ");
            write_expr(out, body);
            out.push(')');
        }
        ExprKind::Query(q) => write_query(out, q),
        ExprKind::Paren(inner) => write_list(out, "paren", &[inner]),
    }
}

fn write_step(out: &mut String, base: &Expr, step: &Step) {
    let opt = |out: &mut String, e: &Option<Box<Expr>>| match e {
        Some(e) => write_expr(out, e),
        None => out.push('_'),
    };
    match step {
        Step::Field(n) => {
            out.push_str("(. ");
            write_expr(out, base);
            let _ = write!(out, " {})", n.text);
        }
        Step::Index(i) => write_list(out, "[]", &[base, i]),
        Step::Slice(a, b) => {
            out.push_str("([:] ");
            write_expr(out, base);
            out.push(' ');
            opt(out, a);
            out.push(' ');
            opt(out, b);
            out.push(')');
        }
        Step::Wildcard => write_list(out, "[*]", &[base]),
        Step::Filter(c) => write_list(out, "[?]", &[base, c]),
    }
}

fn write_query(out: &mut String, q: &Query) {
    let _ = write!(out, "(from {}", q.item.text);
    if let Some(i) = &q.index {
        let _ = write!(out, " {}", i.text);
    }
    if let Some(c) = &q.collection {
        let _ = write!(out, " {}", c.text);
    }
    out.push_str(" (in ");
    write_expr(out, &q.source);
    out.push(')');
    if let Some(w) = &q.filter {
        out.push(' ');
        write_list(out, "where", &[w]);
    }
    if let Some(o) = &q.order_by {
        out.push(' ');
        let head = if o.descending {
            "order-by-desc"
        } else {
            "order-by"
        };
        write_list(out, head, &[&o.key]);
    }
    if let Some(l) = &q.limit {
        out.push(' ');
        write_list(out, "limit", &[l]);
    }
    if let Some(o) = &q.offset {
        out.push(' ');
        write_list(out, "offset", &[o]);
    }
    match &q.select {
        Some(Select::Value { distinct, expr }) => {
            out.push(' ');
            write_list(
                out,
                if *distinct {
                    "select-distinct"
                } else {
                    "select"
                },
                &[expr],
            );
        }
        Some(Select::KeyValue { key, value }) => {
            out.push_str(" (select-kv ");
            write_key(out, key);
            out.push(' ');
            write_expr(out, value);
            out.push(')');
        }
        None => {}
    }
    out.push(')');
}
