//! Roman numerals (functions-text-data.md §8.4–8.5), as Excel's ROMAN (the
//! classic form) and ARABIC (lenient) write and read them.

/// The classic numeral of `n` (0–3999) in upper-case letters with the
/// subtractive pairs; `0` is the empty text.
pub fn to_roman(mut n: u16) -> String {
    const STEPS: [(u16, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, letters) in STEPS {
        while n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}

/// The value of one numeral letter, in either case.
fn letter(c: char) -> Option<i64> {
    Some(match c.to_ascii_uppercase() {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        'L' => 50,
        'C' => 100,
        'D' => 500,
        'M' => 1000,
        _ => return None,
    })
}

/// Reads a numeral the lenient Excel way: surrounding whitespace ignored, an
/// optional leading `-`, then letters each adding their value, except that a
/// letter followed by a larger one subtracts it (`"IIII"` is 4, `"IM"` 999).
/// The empty text is 0. The error is the 0-based character position of the
/// first character that is not a numeral letter.
pub fn from_roman(text: &str) -> Result<i64, usize> {
    let lead = text.chars().count() - text.trim_start().chars().count();
    let body = text.trim();
    let (sign, numeral, offset) = match body.strip_prefix('-') {
        Some(rest) => (-1, rest, lead + 1),
        None => (1, body, lead),
    };
    if numeral.is_empty() && sign < 0 {
        return Err(offset);
    }
    // One pass, each letter against the next (no list of their values: a
    // numeral may be millions of letters long).
    let mut total: i64 = 0;
    let mut previous: Option<i64> = None;
    for (i, c) in numeral.chars().enumerate() {
        let v = letter(c).ok_or(offset + i)?;
        if let Some(p) = previous {
            total = if v > p { total - p } else { total + p };
        }
        previous = Some(v);
    }
    Ok(sign * (total + previous.unwrap_or(0)))
}
