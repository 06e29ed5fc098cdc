#!/usr/bin/env python3
"""Reference extraction for tonecheck's email conformance test.

For each message file given (or every file in a folder), prints one JSON line:
{"file": NAME, "parts": [TEXT, ...], "subject": S, "from": F, "error": null}
where subject and from are the decoded headers (null when absent), and parts are the decoded text/plain leaf parts, in walk() order, exactly as
email.message_from_bytes(data, policy=email.policy.default) gives them via get_content().
"""
import email
import email.policy
import json
import os
import sys


def extract(path):
    with open(path, "rb") as f:
        data = f.read()
    msg = email.message_from_bytes(data, policy=email.policy.default)
    parts = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        if part.get_content_type() != "text/plain":
            continue
        try:
            parts.append(part.get_content())
        except Exception as e:  # a part Python itself cannot decode
            parts.append(None)
    def header(name):
        try:
            v = msg[name]
            return None if v is None else str(v)
        except Exception:
            return None
    return parts, header("subject"), header("from")


def main(argv):
    files = []
    for arg in argv:
        if os.path.isdir(arg):
            files += sorted(os.path.join(arg, n) for n in os.listdir(arg) if not n.startswith("."))
        else:
            files.append(arg)
    for path in files:
        try:
            parts, subject, sender = extract(path)
            out = {"file": os.path.basename(path), "parts": parts, "subject": subject, "from": sender, "error": None}
        except Exception as e:
            out = {"file": os.path.basename(path), "parts": [], "error": str(e)}
        print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1:])
