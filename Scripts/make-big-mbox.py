#!/usr/bin/env python3
"""Builds a large mbox for throughput measurements from Corpus/email (not committed).

usage: Scripts/make-big-mbox.py [OUT] [MEGABYTES]   (default /tmp/tonecheck-big.mbox, 200)

Every .eml in Corpus/email and every message of Corpus/email/week.mbox is repeated, with
a unique Message-ID per copy, until the file reaches the size asked for. Body lines that
start with "From " (or ">From ") are escaped mboxrd-style.
"""
import os
import re
import sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Corpus", "email")
out_path = sys.argv[1] if len(sys.argv) > 1 else "/tmp/tonecheck-big.mbox"
target = int(sys.argv[2] if len(sys.argv) > 2 else 200) * 1024 * 1024

messages = []
for name in sorted(os.listdir(root)):
    path = os.path.join(root, name)
    if name.endswith(".eml"):
        messages.append(open(path, "rb").read())
    elif name.endswith(".mbox"):
        data = open(path, "rb").read()
        for part in re.split(rb"(?:^|\n\n)From [^\n]*\n", data):
            if part.strip():
                messages.append(re.sub(rb"\n>(>*From )", rb"\n\1", part))

escape = re.compile(rb"^(>*From )", re.M)
size = 0
n = 0
with open(out_path, "wb") as f:
    while size < target:
        for m in messages:
            n += 1
            body = re.sub(rb"(?im)^(Message-ID:\s*<)", b"\\1copy%d." % n, m, count=1)
            head, sep, rest = body.partition(b"\n\n")
            chunk = b"From ops@example.com Mon Nov 23 09:00:00 2026\n" + head + sep + escape.sub(rb">\1", rest)
            if not chunk.endswith(b"\n"):
                chunk += b"\n"
            chunk += b"\n"
            f.write(chunk)
            size += len(chunk)
print(f"{out_path}: {n} messages, {size / 1048576:.1f} MB")
