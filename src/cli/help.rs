//! `:help` in the REPL: the standard-library reference of `stdlib/`, built
//! into the binary, so `:help NAME` shows exactly the documentation that the
//! tests run (signature, paragraph, examples).

use crate::builtins::{self, Category, FunctionSpec};
use crate::compile::closest;

/// The categories in the order `:help` lists them, with their documentation file.
const FILES: &[(Category, &str)] = &[
    (Category::Text, include_str!("../../stdlib/text.md")),
    (Category::List, include_str!("../../stdlib/list.md")),
    (Category::Object, include_str!("../../stdlib/object.md")),
    (
        Category::Conditional,
        include_str!("../../stdlib/conditional.md"),
    ),
    (Category::Phone, include_str!("../../stdlib/phone.md")),
    (Category::Email, include_str!("../../stdlib/email.md")),
    (
        Category::NumberFormat,
        include_str!("../../stdlib/numberformat.md"),
    ),
    (Category::DataType, include_str!("../../stdlib/datatype.md")),
    (Category::Asset, include_str!("../../stdlib/asset.md")),
    (Category::Encoding, include_str!("../../stdlib/encoding.md")),
    (Category::Error, include_str!("../../stdlib/error.md")),
    (
        Category::Validation,
        include_str!("../../stdlib/validation.md"),
    ),
    (Category::DateTime, include_str!("../../stdlib/datetime.md")),
    (Category::Math, include_str!("../../stdlib/math.md")),
    (Category::Currency, include_str!("../../stdlib/currency.md")),
    (
        Category::Messaging,
        include_str!("../../stdlib/messaging.md"),
    ),
];

const GENERAL: &str = "\
Type an expression and press Enter to see its value, e.g. 1 + 2 * 3
  LET name = value        declares a variable for the rest of the session
  LET f(x) = x * 2        declares a function
  FROM b IN books WHERE b.year > 2000 SELECT b.title
Input continues on a `...>` line while a bracket, string or query is open.
Commands:
  :help            this text
  :help NAME       a function's signature, description and examples (:help round)
  :help CATEGORY   the functions of a category (:help text)
  :reset           forget all declarations
  :quit            leave (or Ctrl-D)
Tab completes function and declared names.";

/// The answer to `:help TOPIC` (`topic` empty for `:help` alone).
pub fn help(topic: &str) -> String {
    let topic = topic.trim();
    if topic.is_empty() {
        return format!("{GENERAL}\n\nFunction categories:\n{}", categories());
    }
    let bare = topic.trim_end_matches("()");
    if let Some(id) = builtins::lookup(bare) {
        return entry(builtins::spec(id));
    }
    if let Some(&(cat, text)) = FILES
        .iter()
        .find(|(c, _)| c.name().eq_ignore_ascii_case(bare))
    {
        return category(cat, text);
    }
    let names = builtins::all()
        .iter()
        .map(|f| f.name)
        .chain(FILES.iter().map(|(c, _)| c.name()));
    match closest(bare, names) {
        Some(near) => {
            format!("No function or category is named {bare}. Did you mean {near}? (:help {near})")
        }
        None => format!("No function or category is named {bare}. :help lists the categories."),
    }
}

/// One line per category: its name, how many functions, and the first few.
fn categories() -> String {
    FILES
        .iter()
        .map(|(cat, _)| {
            let names: Vec<&str> = in_category(*cat).map(|f| f.name).collect();
            let shown = names.iter().take(5).copied().collect::<Vec<_>>().join(", ");
            let more = if names.len() > 5 { ", ..." } else { "" };
            let plural = if names.len() == 1 { "" } else { "s" };
            let noun = format!("function{plural}:");
            format!(
                "  {:<13} {:>2} {noun:<10} {shown}{more}",
                cat.name(),
                names.len()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n:help CATEGORY lists a category; :help NAME shows a function."
}

fn in_category(cat: Category) -> impl Iterator<Item = &'static &'static FunctionSpec> {
    builtins::all().iter().filter(move |f| f.category == cat)
}

/// A category's title line and each function's name and summary.
fn category(cat: Category, text: &str) -> String {
    let title = text
        .lines()
        .next()
        .unwrap_or_default()
        .trim_start_matches("# ");
    let mut out = format!("{title}\n");
    for f in in_category(cat) {
        out.push_str(&format!("  {:<24} {}\n", f.name, f.summary));
    }
    out.push_str(":help NAME shows a function.");
    out
}

/// A function's section of its category file, with the example block shown
/// as `Examples:` lines; the table's summary when the file has no section.
fn entry(spec: &FunctionSpec) -> String {
    let text = FILES
        .iter()
        .find(|(c, _)| *c == spec.category)
        .map_or("", |(_, t)| t);
    match section(text, spec.name) {
        Some(body) => render(&body),
        None => format!("{}\n\n{}", spec.signature_lines().join("\n"), spec.summary),
    }
}

/// The lines under `## NAME`, up to the next heading.
fn section(text: &str, name: &str) -> Option<String> {
    let heading = format!("## {name}");
    let mut lines = text.lines().skip_while(|l| l.trim_end() != heading);
    lines.next()?;
    let body: Vec<&str> = lines.take_while(|l| !l.starts_with("## ")).collect();
    Some(body.join("\n").trim().to_owned())
}

/// Markdown made readable in a terminal: signature lines without their
/// backquotes, paragraphs wrapped at [`WIDTH`], the example fence as an
/// `Examples:` block whose errors read `⇒ FormatError`.
fn render(body: &str) -> String {
    let mut out = Vec::new();
    let mut in_examples = false;
    for line in body.lines() {
        if line.starts_with("```air-examples") {
            out.push("Examples:".to_owned());
            in_examples = true;
        } else if line.starts_with("```") {
            in_examples = false;
        } else if in_examples {
            out.push(format!("  {}", line.replacen(" ⇒ !", " ⇒ ", 1)));
        } else if line.starts_with('`') && line.ends_with('`') && line.len() > 1 {
            out.push(line[1..line.len() - 1].to_owned());
        } else {
            out.extend(wrap(line));
        }
    }
    out.join("\n")
}

/// The width paragraphs are wrapped at.
const WIDTH: usize = 78;

/// `line` broken between words into lines of at most [`WIDTH`] characters
/// (a longer word stands alone).
fn wrap(line: &str) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in line.split(' ') {
        let last = lines.last_mut().expect("one line at least");
        let len = last.chars().count();
        if len > 0 && len + 1 + word.chars().count() > WIDTH {
            lines.push(word.to_owned());
        } else {
            if len > 0 {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_has_its_entry_with_signature_and_examples() {
        for f in builtins::all() {
            let text = help(f.name);
            for sig in f.signature_lines() {
                assert!(text.contains(&sig), "{}: {text}", f.name);
            }
            assert!(text.contains("Examples:\n  "), "{}: {text}", f.name);
            assert!(!text.contains("```"), "{}", f.name);
        }
    }

    #[test]
    fn paragraphs_wrap_and_errors_read_as_in_the_spec() {
        let text = help("XML_TO_OBJECT");
        assert!(
            text.lines()
                .all(|l| l.starts_with("  ") || l.chars().count() <= WIDTH),
            "{text}"
        );
        assert!(
            text.contains("\n  XML_TO_OBJECT(\"<a><b></a>\") ⇒ FormatError\n"),
            "{text}"
        );
        assert_eq!(wrap(""), vec![String::new()]);
        assert_eq!(wrap(&"x".repeat(100)), vec!["x".repeat(100)]);
        assert_eq!(wrap(&["abcd"; 20].join(" ")).len(), 2);
    }

    #[test]
    fn names_in_any_case_and_with_parentheses() {
        assert_eq!(help("format_number"), help("FORMAT_NUMBER"));
        assert_eq!(help("ROUND()"), help("ROUND"));
        assert!(help("ROUND").starts_with("ROUND(value: Number"));
    }

    #[test]
    fn a_misspelt_name_gets_a_suggestion() {
        assert_eq!(
            help("FORMAT_NUMBR"),
            "No function or category is named FORMAT_NUMBR. Did you mean FORMAT_NUMBER? (:help FORMAT_NUMBER)"
        );
        assert_eq!(
            help("qqqqqqqq"),
            "No function or category is named qqqqqqqq. :help lists the categories."
        );
    }

    #[test]
    fn help_alone_lists_every_category_and_a_category_its_functions() {
        let general = help("");
        for (c, _) in FILES {
            assert!(
                general.contains(&format!("\n  {:<13}", c.name())),
                "{}",
                c.name()
            );
        }
        let text = help("Encoding");
        assert!(text.starts_with("Encoding functions\n"), "{text}");
        assert!(text.contains("\n  BASE64_ENCODE "), "{text}");
        assert_eq!(
            text.lines().count(),
            2 + in_category(Category::Encoding).count()
        );
    }

    #[test]
    fn every_category_has_its_file() {
        let mut cats: Vec<&str> = builtins::all().iter().map(|f| f.category.name()).collect();
        cats.dedup();
        for c in cats {
            assert!(FILES.iter().any(|(f, _)| f.name() == c), "{c}");
        }
    }
}
