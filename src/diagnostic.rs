//! Renders an error against its source: `Kind: message`, the line and column,
//! and an excerpt with a caret under the offending span.

use ariadne::{CharSet, Config, Label, Report, ReportKind, Source};

use crate::error::Error;

/// The error as text: `Kind: message`, then ariadne's excerpt: the location
/// `name:line:col`, the source line and a caret under the span, and the help.
pub fn render(err: &Error, src: &str, name: &str, color: bool) -> String {
    let mut out = format!("{err}\n");
    let Some(span) = err.span() else {
        if let Some(help) = err.help() {
            out.push_str(&format!("  help: {help}\n"));
        }
        return out;
    };
    // ariadne counts characters; convert the byte span.
    let start = src
        .get(..span.start as usize)
        .map_or(0, |s| s.chars().count());
    let len = src
        .get(span.start as usize..span.end as usize)
        .map_or(0, |s| s.chars().count());
    let end = start + len.max(1);
    let mut report = Report::build(
        ReportKind::Custom(err.kind().name(), ariadne::Color::Red),
        (name, start..end),
    )
    .with_config(
        Config::default()
            .with_color(color)
            .with_char_set(CharSet::Ascii),
    )
    .with_label(Label::new((name, start..end)).with_message(err.message()));
    if let Some(help) = err.help() {
        report = report.with_help(help);
    }
    let mut buf = Vec::new();
    let _ = report.finish().write((name, Source::from(src)), &mut buf);
    let text = String::from_utf8_lossy(&buf);
    // ariadne's first line repeats the kind; we print ours above.
    for l in text.lines().skip(1) {
        out.push_str(l.trim_end());
        out.push('\n');
    }
    out
}
