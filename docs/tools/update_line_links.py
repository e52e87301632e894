"""Re-points the [Lnn](path#Lnn): `code` links in docs/*.md at the lines that now hold the quoted code.

Run after editing a linked source file:  python3 docs/tools/update_line_links.py
DocsTests fails when a link no longer points at its quoted code.
"""
import os
import re
import sys

docs = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
link = re.compile(r"\[L(\d+)\]\(([^)#]+)#L\1\):(\s*)`([^`]+)`")
for name in os.listdir(docs):
    if not name.endswith(".md"):
        continue
    path = os.path.join(docs, name)
    text = open(path, encoding="utf-8").read()

    def repoint(match):
        source = os.path.normpath(os.path.join(docs, match.group(2)))
        lines = open(source, encoding="utf-8").read().split("\n")
        hits = [i + 1 for i, line in enumerate(lines) if match.group(4) in line]
        if len(hits) != 1:
            sys.exit(f"{name}: `{match.group(4)}` found {len(hits)} times in {match.group(2)}; make the quote unique")
        n = hits[0]
        return f"[L{n}]({match.group(2)}#L{n}):{match.group(3)}`{match.group(4)}`"

    updated = link.sub(repoint, text)
    if updated != text:
        open(path, "w", encoding="utf-8").write(updated)
        print("updated", name)
