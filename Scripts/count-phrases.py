#!/usr/bin/env python3
"""Counts the phrases and patterns in the rule packs (Rules/*.json5).

Counted per rule: entries of `phrases`, `patterns`, `starts` and the keys of `swap`;
per pack: entries of each `lists` list that some rule uses as `@name`. Acronyms of a
caps-share metric and `unless` entries are shown separately and not counted.

Usage: Scripts/count-phrases.py [RULES_DIR]   (default: Rules next to this script's folder)
"""
import glob
import json
import os
import re
import sys


def json5_to_json(text):
    """Enough JSON5 for rule files: comments, single-quoted strings, bare keys, trailing commas."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c in "\"'":  # a string: copy it as a double-quoted JSON string
            j, buf = i + 1, []
            while j < n and text[j] != c:
                if text[j] == "\\":
                    buf.append(text[j:j + 2])
                    j += 2
                    continue
                buf.append('\\"' if text[j] == '"' else text[j])
                j += 1
            out.append('"' + "".join(buf).replace("\\'", "'") + '"')
            i = j + 1
        elif text.startswith("//", i):
            while i < n and text[i] != "\n":
                i += 1
        elif text.startswith("/*", i):
            i = text.index("*/", i) + 2
        elif c.isalpha() or c in "_$":  # a bare word: key (quote it) or true/false/null
            m = re.match(r"[A-Za-z_$][A-Za-z0-9_$]*", text[i:])
            word = m.group(0)
            rest = text[i + len(word):].lstrip()
            out.append('"%s"' % word if rest.startswith(":") else word)
            i += len(word)
        else:
            out.append(c)
            i += 1
    return re.sub(r",(\s*[}\]])", r"\1", "".join(out))


def count(path):
    pack = json.loads(json5_to_json(open(path, encoding="utf-8").read()))
    lists = pack.get("lists", {})
    total, used, acronyms, unless = 0, set(), 0, 0
    for rule in pack.get("rules", []):
        items = rule.get("phrases", []) + rule.get("patterns", []) + rule.get("starts", []) + list(rule.get("swap", {}))
        total += len(items)
        for item in items + rule.get("unless", []):
            used.update(re.findall(r"@([A-Za-z0-9_-]+)", item))
        acronyms += len(rule.get("acronyms", []))
        unless += len(rule.get("unless", []))
    list_entries = sum(len(lists[name]) for name in used if name in lists)
    return {
        "pack": pack.get("pack"), "rules": len(pack.get("rules", [])), "phrases": total,
        "list_entries": list_entries, "count": total + list_entries, "acronyms": acronyms, "unless": unless,
    }


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Rules")
    files = sorted(glob.glob(os.path.join(root, "*.json5")))
    if not files:
        sys.exit("count-phrases: no .json5 files in %s" % root)
    grand = 0
    print("%-20s %5s %8s %6s %6s   %s" % ("file", "rules", "phrases", "lists", "count", "(not counted: acronyms, unless)"))
    for f in files:
        c = count(f)
        grand += c["count"]
        print("%-20s %5d %8d %6d %6d   (%d, %d)" % (os.path.basename(f), c["rules"], c["phrases"], c["list_entries"], c["count"], c["acronyms"], c["unless"]))
    print("%-20s %5s %8s %6s %6d" % ("total", "", "", "", grand))


if __name__ == "__main__":
    main()
