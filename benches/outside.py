"""The findings that fall outside the injected snippets of the benchmark corpus.

Usage: v3-migrate check --isolated --exit-zero --output-format json CORPUS_ROOT/full |
           python3 benches/outside.py CORPUS_ROOT/snippets.tsv [FINDINGS.json]
           [--root CORPUS_ROOT/full] [--context N]

Reads the findings (the JSON array of `check --output-format json`) from FINDINGS.json or
standard input, and the snippets' places from snippets.tsv (written by benches/inject.py:
`path<TAB>first line<TAB>last line`, the path relative to CORPUS_ROOT/full). A finding is
outside when its file got no snippet, or when its start line is not within its file's
snippet. The corpus is real code that never calls the Flexy API, so every such finding is a
false positive (a precision bug), as is every finding on a file with no snippet.

Prints each finding outside (`file:line:col: rule message`, then its source line, with N
lines of context either side when --context is given), a count per rule, and last
`findings outside the injected snippets: N`. Exits 0 whatever N is: the caller decides.

Paths: the tool prints a file as the folder it was given joined with the file's path in it
(`benches/corpus/full/npm/...`, or absolute when the folder was). With --root (the folder
given to the tool) a finding's path is taken relative to it; without, it is matched to the
snippet path it ends with, at a `/`.
"""

import argparse
import collections
import json
import os
import sys


def read_snippets(path):
    spans = {}
    with open(path, encoding="utf-8") as f:
        for n, row in enumerate(f, 1):
            row = row.rstrip("\n")
            if not row:
                continue
            try:
                rel, first, last = row.rsplit("\t", 2)
                spans[os.path.normpath(rel)] = (int(first), int(last))
            except ValueError:
                sys.exit(f"outside.py: {path}:{n}: not `path<TAB>first<TAB>last`: {row!r}")
    return spans


class Matcher:
    """The snippet path a finding's file is, or None."""

    def __init__(self, spans, root):
        self.spans = spans
        self.root = os.path.abspath(root) if root else None

    def rel(self, file):
        file = os.path.normpath(file)
        if self.root is not None:
            rel = os.path.relpath(os.path.abspath(file), self.root)
            if not rel.startswith(".." + os.sep) and rel != "..":
                return rel
        if file in self.spans:
            return file
        # The longest snippet path the file ends with, at a separator.
        parts = file.split(os.sep)
        for i in range(1, len(parts)):
            tail = os.sep.join(parts[i:])
            if tail in self.spans:
                return tail
        return None


def source_lines(file, root, rel, cache):
    if file not in cache:
        lines = None
        for candidate in (file, os.path.join(root, rel) if root and rel else None):
            if candidate and os.path.isfile(candidate):
                with open(candidate, "rb") as f:
                    lines = f.read().decode("utf-8", "replace").split("\n")
                break
        cache[file] = lines
    return cache[file]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("snippets", help="snippets.tsv, as benches/inject.py writes it")
    ap.add_argument("findings", nargs="?", help="the JSON findings (default: standard input)")
    ap.add_argument("--root", help="the folder the tool was given (CORPUS_ROOT/full)")
    ap.add_argument("--context", type=int, default=0, help="lines of context either side")
    args = ap.parse_args()

    spans = read_snippets(args.snippets)
    if args.findings:
        with open(args.findings, encoding="utf-8") as f:
            findings = json.load(f)
    else:
        findings = json.load(sys.stdin)
    match = Matcher(spans, args.root)

    outside = []
    for fd in findings:
        file = fd.get("file", "")
        line = (fd.get("start") or {}).get("line", 0)
        rel = match.rel(file)
        span = spans.get(rel) if rel is not None else None
        if span is None or not span[0] <= line <= span[1]:
            outside.append((file, line, fd, rel, span))

    cache = {}
    per_rule = collections.Counter()
    for file, line, fd, rel, span in sorted(outside, key=lambda o: (o[0], o[1])):
        col = (fd.get("start") or {}).get("column", 0)
        per_rule[fd.get("rule", "?")] += 1
        where = "no snippet" if span is None else f"snippet at lines {span[0]}-{span[1]}"
        print(f"{file}:{line}:{col}: {fd.get('rule', '?')} {fd.get('message', '')} ({where})")
        lines = source_lines(file, args.root, rel, cache)
        if lines is None:
            print("    (file not found)")
            continue
        lo, hi = max(1, line - args.context), min(len(lines), line + args.context)
        for n in range(lo, hi + 1):
            mark = ">" if n == line else " "
            text = lines[n - 1].rstrip("\r")
            if len(text) > 300:
                text = text[:300] + " [...]"
            print(f"  {mark}{n:6} | {text}")
    if outside:
        print()
        for rule, n in sorted(per_rule.items(), key=lambda r: (-r[1], r[0])):
            print(f"  {n:5}  {rule}")
    print(f"findings outside the injected snippets: {len(outside)}")


if __name__ == "__main__":
    main()
