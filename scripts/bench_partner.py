"""Partner channels for `make bench`: a full sync of the change feed and the CSV export,
timed against a running server, with the server's resident memory sampled meanwhile.

Usage: bench_partner.py BASE KEY PID  → prints one line per channel:
  name rows seconds rows_per_s peak_rss_mb rss_before_mb
"""

import json
import sys
import threading
import time
import urllib.request

base, key, pid = sys.argv[1], sys.argv[2], sys.argv[3]


def rss_mb():
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class Peak:
    def __enter__(self):
        self.before = rss_mb()
        self.peak = self.before
        self.stop = False
        self.t = threading.Thread(target=self.run, daemon=True)
        self.t.start()
        return self

    def run(self):
        while not self.stop:
            self.peak = max(self.peak, rss_mb())
            time.sleep(0.05)

    def __exit__(self, *_):
        self.stop = True
        self.t.join()


def get(path):
    req = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + key})
    return urllib.request.urlopen(req, timeout=600)


with Peak() as p:
    start = time.time()
    cursor, rows, pages = 0, set(), 0
    while True:
        page = json.load(get(f"/api/v1/partner/changes?after={cursor}&limit=1000"))
        pages += 1
        for item in page["items"]:
            if item["op"] == "upsert":
                rows.add(item["posting_id"])
            else:
                rows.discard(item["posting_id"])
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    took = time.time() - start
print(f"feed_full_sync {len(rows)} {took:.2f} {len(rows) / took:.0f} {p.peak:.0f} {p.before:.0f}")

with Peak() as p:
    start = time.time()
    n, last = 0, b""
    with get("/api/v1/partner/postings.csv") as res:
        while True:
            chunk = res.read(1 << 16)
            if not chunk:
                break
            # A line end may fall across two chunks.
            n += (last + chunk).count(b"\r\n")
            last = chunk[-1:]
    took = time.time() - start
print(f"csv_export {n - 1} {took:.2f} {(n - 1) / took:.0f} {p.peak:.0f} {p.before:.0f}")
