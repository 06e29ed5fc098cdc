#!/usr/bin/env python3
"""Convert an mbox of plain-text messages to tonecheck JSONL records.

Usage: Scripts/mbox-to-jsonl.py Corpus/report/ops-support.mbox > Corpus/report/ops-support.jsonl

Each record: {"id", "message_id", "from", "to": [...], "subject", "date" (ISO 8601 in the
message's own offset), "text"}. Used to keep a JSONL twin of the report corpus so the
report can be tested without the mbox reader. Standard library only.
"""
import email.utils
import json
import mailbox
import sys


def main(path):
    for msg in mailbox.mbox(path, create=False):
        body = msg.get_payload(decode=True)
        charset = msg.get_content_charset() or "utf-8"
        text = body.decode(charset, errors="replace") if body is not None else ""
        mid = (msg["Message-ID"] or "").strip()
        dt = email.utils.parsedate_to_datetime(msg["Date"]) if msg["Date"] else None
        record = {
            "id": mid.strip("<>") or None,
            "message_id": mid or None,
            "from": msg["From"],
            "to": [email.utils.formataddr(a) for a in email.utils.getaddresses(msg.get_all("To", []))],
            "subject": msg["Subject"],
            "date": dt.isoformat() if dt else None,
            "text": text.rstrip("\n") + "\n",
        }
        print(json.dumps({k: v for k, v in record.items() if v is not None}, ensure_ascii=False))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: mbox-to-jsonl.py FILE.mbox")
    main(sys.argv[1])
