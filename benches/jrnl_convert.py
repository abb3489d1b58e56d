#!/usr/bin/env python3
"""Convert a mentorlog data directory's meetings into one jrnl journal file.

    python3 benches/jrnl_convert.py DATA_DIR OUT_FILE [CONFIG_FILE JRNL_VERSION]
                                                        # prints how many entries it wrote
    python3 benches/jrnl_convert.py --tui-journal=JSON_FILE DATA_DIR OUT_FILE ...
                                                        # also the same entries for tui-journal

Each meeting is an entry: its date and time, the focus as the title, the notes as the body;
entries in date order. With CONFIG_FILE, also the jrnl configuration that reads OUT_FILE
as its one journal, plain (no colours, no editor, no encryption). Used by
benches/whole_process.sh and benches/scale.sh.
"""
import os, re, sys

import json

tui_journal = None
args = []
for a in sys.argv[1:]:
    if a.startswith("--tui-journal="):
        tui_journal = a.split("=", 1)[1]
    else:
        args.append(a)
root, out = args[0], args[1]
config, version = (args[2], args[3]) if len(args) > 3 else (None, None)

CONFIG = """colors:
  body: none
  date: none
  tags: none
  title: none
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%F %r'
version: '{version}'
"""


def ron_string(s, i):
    """A RON string literal starting at s[i]: (text, index after it)."""
    if s[i] == "r":  # raw string r#"..."#
        j = i + 1
        while s[j] == "#":
            j += 1
        close = '"' + "#" * (j - i - 1)
        end = s.index(close, j + 1)
        return s[j + 1 : end], end + len(close)
    assert s[i] == '"', s[i : i + 20]
    simple = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "\\": "\\", '"': '"', "'": "'"}
    i += 1
    buf = []
    while True:
        c = s[i]
        if c == '"':
            return "".join(buf), i + 1
        if c != "\\":
            buf.append(c)
            i += 1
            continue
        e = s[i + 1]
        if e in simple:
            buf.append(simple[e])
            i += 2
        elif e == "x":
            buf.append(chr(int(s[i + 2 : i + 4], 16)))
            i += 4
        elif e == "u":
            end = s.index("}", i)
            buf.append(chr(int(s[i + 3 : end], 16)))
            i = end + 1
        elif e == "\n":
            i += 2
            while s[i] in " \t\n":
                i += 1
        else:
            raise ValueError("unknown escape \\" + e)


def field(s, name):
    m = re.search(r"^\s*" + name + r":\s*", s, re.M)
    if not m:
        return None
    j = m.end()
    if s.startswith("Some(", j):
        j += 5
    if s.startswith("None", j):
        return None
    return ron_string(s, j)[0]


entries = []
for dirpath, _, files in os.walk(os.path.join(root, "partnerships")):
    if os.path.basename(dirpath) != "meetings":
        continue
    for f in files:
        if not f.endswith(".ron") or ".conflict-" in f:
            continue
        with open(os.path.join(dirpath, f), encoding="utf-8") as fh:
            s = fh.read()
        date = field(s, "date")
        time = field(s, "time") or "09:00:00"  # jrnl's default_hour and default_minute
        focus = (field(s, "focus") or "").strip()
        notes = (field(s, "notes") or "").strip()
        hh, mm, ss = (int(x) for x in (time.split(":") + ["0"])[:3])
        stamp = f"{date} {hh % 12 or 12:02d}:{mm:02d}:{ss:02d} {'AM' if hh < 12 else 'PM'}"
        # jrnl's title ends at the first sentence end: the focus with a full stop.
        entries.append(
            (
                (date, hh, mm, ss, f),
                f"[{stamp}] {focus.rstrip('.')}.\n{notes}\n\n",
                {"date": f"{date}T{hh:02d}:{mm:02d}:{ss:02d}Z", "title": focus, "content": notes},
            )
        )
entries.sort(key=lambda e: e[0])
with open(out, "w", encoding="utf-8") as w:
    for _, text, _ in entries:
        w.write(text)
if tui_journal:
    # tui-journal's JSON back end: one array of entries, ids from 1.
    rows = [dict(id=i + 1, tags=[], priority=None, **e[2]) for i, e in enumerate(entries)]
    with open(tui_journal, "w", encoding="utf-8") as w:
        json.dump(rows, w)
if config:
    with open(config, "w", encoding="utf-8") as w:
        w.write(CONFIG.format(journal=out, version=version.lstrip("v")))
print(len(entries))
