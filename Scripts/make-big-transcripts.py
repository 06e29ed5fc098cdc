#!/usr/bin/env python3
"""Writes large synthetic call transcripts for throughput runs (not test data):
big.txt (20,000 timestamped "Name: text" turns), big.vtt (20,000 WebVTT cues with voices)
and big.json (Amazon Transcribe JSON, 100,000 items on one line).

Usage: Scripts/make-big-transcripts.py OUT_DIR
Then:  time .build/debug/tonecheck OUT_DIR/big.vtt --format json > /dev/null
"""
import json
import os
import random
import sys

out = sys.argv[1] if len(sys.argv) > 1 else "."
os.makedirs(out, exist_ok=True)
random.seed(1)
words = ("the queue is stuck again and we need to look at refunds billing tickets tonight "
         "thanks please could you check whether it works now").split()
names = ["Dana", "Lee", "Sam"]


def sentence():
    s = " ".join(random.choice(words) for _ in range(random.randint(6, 18))).capitalize()
    return s + random.choice([".", "?", "--", " [sigh]", "."])


def ts(ms):
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


with open(os.path.join(out, "big.txt"), "w") as f:
    for i in range(20000):
        f.write(f"[{i // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d}] {random.choice(names)}: {sentence()}\n")
with open(os.path.join(out, "big.vtt"), "w") as f:
    f.write("WEBVTT\n\n")
    t = 0
    for i in range(20000):
        f.write(f"{i + 1}\n{ts(t)} --> {ts(t + 2000)}\n<v {random.choice(names)}>{sentence()}</v>\n\n")
        t += 2100
items, t = [], 0.0
for i in range(100000):
    items.append({"start_time": f"{t:.2f}", "end_time": f"{t + 0.3:.2f}", "type": "pronunciation",
                  "speaker_label": f"spk_{(i // 12) % 2}",
                  "alternatives": [{"confidence": "0.9", "content": random.choice(words)}]})
    t += 0.35
with open(os.path.join(out, "big.json"), "w") as f:
    json.dump({"jobName": "big", "results": {"transcripts": [{"transcript": "(omitted)"}], "items": items}}, f)
