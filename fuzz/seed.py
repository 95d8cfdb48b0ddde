#!/usr/bin/env python3
"""Writes the seed corpus of every fuzz target from the repository's own cases.

    python3 fuzz/seed.py [OUT]        (OUT defaults to target/fuzz-corpus)

One file per input, named by a hash of its content, in OUT/<target>/:

- parse:     every conformance expression (tests/conformance/*.toml), every
             example program (examples/*.air, tests/syntax/**/*.air,
             tests/errors/**/*.air) and every stdlib example (stdlib/*.md,
             the part before the arrow of each air-examples line).
- eval:      the same expressions, each prefixed with the line `//seed`: the
             eval target's input is otherwise read as generator choices, and
             this prefix tells it to take the input as source text instead
             (see fuzz/src/gen.rs). Mutations of these seeds are evaluated too.
- template:  each expression inside `{{ }}` with text around it, and the
             string literals of the cases without their quotes.
- context:   the context JSON of the conformance cases and of examples/*.json,
             and a few CSV files made from them.
- messaging: none; its input is structured (fuzz/src/message.rs), so the
             fuzzer starts from the generator's choices.

The corpus is not committed: scripts/fuzz.sh writes it before each run.
"""

import hashlib
import json
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_PREFIX = "//seed\n"


def expressions():
    """Conformance expressions, stdlib examples and example programs."""
    out = []
    for f in sorted((ROOT / "tests" / "conformance").glob("*.toml")):
        data = tomllib.loads(f.read_text(encoding="utf-8"))
        for case in data.get("case", []):
            out.append(case["expr"])
    for f in sorted((ROOT / "stdlib").glob("*.md")):
        inside = False
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.startswith("```"):
                inside = line.strip() == "```air-examples"
                continue
            if inside and "⇒" in line:
                out.append(line.split("⇒", 1)[0].strip())
    return out


def programs():
    """Whole .air files: examples and the syntax and error fixtures."""
    files = sorted((ROOT / "examples").glob("*.air"))
    for sub in ("syntax", "errors"):
        files += sorted((ROOT / "tests" / sub).rglob("*.air"))
    return [f.read_text(encoding="utf-8", errors="replace") for f in files]


def contexts():
    """JSON documents: the cases' contexts and the examples' data."""
    out = []
    for f in sorted((ROOT / "tests" / "conformance").glob("*.toml")):
        data = tomllib.loads(f.read_text(encoding="utf-8"))
        default = data.get("defaults", {}).get("context")
        if default:
            out.append(default)
        for case in data.get("case", []):
            if "context" in case:
                out.append(case["context"])
    for f in sorted((ROOT / "examples").glob("*.json")):
        out.append(f.read_text(encoding="utf-8"))
    return out


def csv_of(doc):
    """A CSV file of a JSON array of flat objects, or of one object."""
    try:
        j = json.loads(doc)
    except ValueError:
        return None
    rows = j if isinstance(j, list) else [j]
    rows = [r for r in rows if isinstance(r, dict)]
    if not rows:
        return None
    header = list(dict.fromkeys(k for r in rows for k in r))

    def cell(v):
        if v is None:
            return ""
        text = v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
        if re.search(r'[",\r\n]', text):
            return '"' + text.replace('"', '""') + '"'
        return text

    lines = [",".join(cell(h) for h in header)]
    lines += [",".join(cell(r.get(h)) for h in header) for r in rows]
    return "\n".join(lines) + "\n"


def string_literal_insides(expr):
    """The text of each plain string literal in an expression."""
    return re.findall(r'"((?:[^"\\]|\\.)*)"', expr)


def write(out, target, texts):
    d = out / target
    d.mkdir(parents=True, exist_ok=True)
    seen = set()
    for t in texts:
        data = t.encode("utf-8")
        name = hashlib.sha1(data).hexdigest()
        if name in seen:
            continue
        seen.add(name)
        (d / name).write_bytes(data)
    return len(seen)


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "target" / "fuzz-corpus"
    exprs = expressions()
    progs = programs()
    docs = contexts()
    counts = {
        "parse": write(out, "parse", exprs + progs),
        "eval": write(out, "eval", [SEED_PREFIX + e for e in exprs]),
        "template": write(
            out,
            "template",
            ["Dear {{ " + e + " }},\n" for e in exprs]
            + [s for e in exprs for s in string_literal_insides(e) if "{{" in s],
        ),
        "context": write(out, "context", docs + [c for c in map(csv_of, docs) if c]),
        "messaging": write(out, "messaging", []),
    }
    print("seeds: " + ", ".join(f"{t} {n}" for t, n in counts.items()))


if __name__ == "__main__":
    main()
