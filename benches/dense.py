#!/usr/bin/env python3
"""Builds the dense benchmark's tree: every e2e program, fixture and example of the
repository (Flexy client code in every supported language and style, v2 and v3; the inputs
that do not parse left out) copied into COPIES folders, benches/dense/c00 ... ; and the
ast-grep rules the benchmark times against: one rule per v2 construct per language
(rules.yml) and one rule per language that never matches (never.yml: its walk and parse).

Usage: python3 benches/dense.py [COPIES]     (default 12: about 11 MB)
"""
import os
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "benches", "dense")
SOURCES = ["tests/e2e", "fixtures", "examples"]
EXTS = (".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx", ".php", ".py", ".vue", ".html")

# ast-grep's language names, and the node kinds of strings and of property names in each.
LANGS = {
    "JavaScript": (["string", "template_string"], "property_identifier"),
    "TypeScript": (["string", "template_string"], "property_identifier"),
    "Tsx": (["string", "template_string"], "property_identifier"),
    "Php": (["string", "encapsed_string"], "name"),
    "Python": (["string"], "identifier"),
}
# One rule per construct the tool reports: the v2 host, a v2 path, the auth header, the
# plans typo, a v2 error string, a pagination field at the root.
CONSTRUCTS = {
    "v2-host": ("string", r"flexy-api\.oneclickdz\.com"),
    "v2-path": ("string", r"/v2/(topup|plans|internet|gift-cards|account|validate)"),
    "auth-header": ("both", r"^['\"]?[Aa]uthorization['\"]?$"),
    "typo": ("both", r"dymanicPlans"),
    "error-string": ("string", r"NO-BALANCE|DUPLICATED-REF|ERR_PHONE|Access token missing"),
    "pagination": ("property", r"^(totalPages|currentPage|totalResults)$"),
}


def sources():
    files = []
    for top in SOURCES:
        for d, _, names in os.walk(os.path.join(ROOT, top)):
            for n in sorted(names):
                if n.endswith(EXTS) and not n.startswith("broken_"):
                    files.append(os.path.join(d, n))
    return sorted(files)


def rule(rid, lang, kinds, regex):
    lines = [f"id: {rid}", f"language: {lang}", "severity: warning", f"message: {rid}", "rule:", "  any:"]
    for k in kinds:
        lines += [f"    - kind: {k}", f"      regex: '{regex}'"]
    return "\n".join(lines) + "\n"


def main():
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 12
    shutil.rmtree(OUT, ignore_errors=True)
    files = sources()
    size = 0
    for c in range(copies):
        for f in files:
            rel = os.path.relpath(f, ROOT)
            dst = os.path.join(OUT, f"c{c:02}", rel)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copyfile(f, dst)
            size += os.path.getsize(f)
    rules, never = [], []
    for lang, (strings, prop) in LANGS.items():
        for name, (what, regex) in CONSTRUCTS.items():
            kinds = {"string": strings, "property": [prop], "both": strings + [prop]}[what]
            rules.append(rule(f"{name}-{lang.lower()}", lang, kinds, regex.replace("'", "''")))
        never.append(rule(f"never-{lang.lower()}", lang, strings + [prop], "^NEVER_MATCHES_0xdeadbeef$"))
    with open(os.path.join(OUT, "rules.yml"), "w") as f:
        f.write("---\n".join(rules))
    with open(os.path.join(OUT, "never.yml"), "w") as f:
        f.write("---\n".join(never))
    print(f"dense: {copies} copies of {len(files)} files, {size / 1e6:.1f} MB in {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
