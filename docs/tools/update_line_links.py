"""Re-points every link from docs and tools to a source line at the line that now holds the quoted code.

Run after editing (or moving) a linked source file:  python3 docs/tools/update_line_links.py

It updates
  * the [Lnn](path#Lnn): `code` links in docs/*.md (LinkTests in tests/Perceptron.Repository.Tests checks them), and
  * the Line("path", nn, "code") entries of src/Perceptron/Explain/SourceLines.cs, the file:line labels of
    `perceptron explain` (ExplainSourcesTests checks them).
Each quote must occur exactly once in its file. When it is no longer in the file named (the code moved), the
script looks for it in every .cs file under src/ and, if it occurs in exactly one, points the link there.
"""
import os
import re
import sys

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
docs = os.path.join(root, "docs")
sources_table = os.path.join(root, "src", "Perceptron", "Explain", "SourceLines.cs")
failures = []


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return f.read().split("\n")


def all_sources():
    for folder, _, files in os.walk(os.path.join(root, "src")):
        for name in files:
            if name.endswith(".cs"):
                yield os.path.join(folder, name)


def locate(source, code, where):
    """(absolute path, line) of the one line holding code: in source if it is there, else anywhere under src/."""
    if os.path.exists(source):
        hits = [i + 1 for i, line in enumerate(read_lines(source)) if code in line]
        if len(hits) == 1:
            return source, hits[0]
        if len(hits) > 1:
            failures.append(f"{where}: `{code}` occurs {len(hits)} times in {os.path.relpath(source, root)}; make the quote unique")
            return None
    found = [(path, i + 1) for path in all_sources() for i, line in enumerate(read_lines(path)) if code in line]
    if len(found) == 1:
        return found[0]
    failures.append(f"{where}: `{code}` is in {len(found)} places under src/ (expected 1); update the quote by hand")
    return None


def update_docs():
    link = re.compile(r"\[L(\d+)\]\(([^)#]+)#L\1\):(\s*)`([^`]+)`")
    for name in sorted(os.listdir(docs)):
        if not name.endswith(".md"):
            continue
        path = os.path.join(docs, name)
        with open(path, encoding="utf-8") as f:
            text = f.read()

        def repoint(match):
            source = os.path.normpath(os.path.join(docs, match.group(2)))
            hit = locate(source, match.group(4), name)
            if hit is None:
                return match.group(0)
            target = os.path.relpath(hit[0], docs).replace(os.sep, "/")
            return f"[L{hit[1]}]({target}#L{hit[1]}):{match.group(3)}`{match.group(4)}`"

        updated = link.sub(repoint, text)
        if updated != text:
            with open(path, "w", encoding="utf-8") as f:
                f.write(updated)
            print("updated", os.path.relpath(path, root))


def update_sources_table():
    with open(sources_table, encoding="utf-8") as f:
        text = f.read()
    constants = dict(re.findall(r'private const string (\w+) = "([^"]+)";', text))
    entry = re.compile(r'Line\((?:(\w+)|"([^"]+)"), (\d+), "((?:[^"\\]|\\.)*)"\)')

    def repoint(match):
        file = constants.get(match.group(1)) if match.group(1) else match.group(2)
        code = match.group(4).replace('\\"', '"').replace("\\\\", "\\")
        hit = locate(os.path.join(root, file), code, "SourceLines.cs")
        if hit is None:
            return match.group(0)
        moved = os.path.relpath(hit[0], root).replace(os.sep, "/")
        file_part = match.group(1) if match.group(1) and moved == file else f'"{moved}"'
        return f'Line({file_part}, {hit[1]}, "{match.group(4)}")'

    updated = entry.sub(repoint, text)
    if updated != text:
        with open(sources_table, "w", encoding="utf-8") as f:
            f.write(updated)
        print("updated", os.path.relpath(sources_table, root))


update_docs()
update_sources_table()
if failures:
    sys.exit("\n".join(failures))
