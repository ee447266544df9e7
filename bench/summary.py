#!/usr/bin/env python3
"""Prints issue 12's table from the figures bench/run.sh recorded in one run ("key value" lines)."""
import sys

ORIGINAL_NODE_RPS = (814, 869)  # the original Node API's GET /api/icons?limit=20, same machine class
LIST_TARGET_RPS = 4100  # >= 5x the original


def main(path):
    values = {}
    for line in open(path):
        key, _, value = line.strip().partition(" ")
        values[key] = value

    def num(key):
        try:
            return float(values[key])
        except (KeyError, ValueError):
            return None

    connections = sorted({int(k.split("@")[1]) for k in values if k.startswith("liveness@")})
    rows = []  # (path, figure, target, met)

    def add(path, figure, target, met):
        rows.append((path, figure, target, "yes" if met else ("no" if met is not None else "n/a")))

    def ratio_row(path, key, base, target):
        a, b = num(key), num(base)
        if a is None or not b:
            add(path, "not measured", f">= {target:.2f}", None)
            return
        add(path, f"{a:,.0f} / {b:,.0f} = {a / b:.2f}", f">= {target:.2f}", a / b >= target)

    for kind, query in (("list", "limit=20"), ("thumbnails", "limit=20&view=thumbnail")):
        for c in connections:
            for size, label in (("small", "100 icons"), ("big", "10k of 1M rows")):
                api, pg = num(f"icons-{kind}-{size}@{c}"), num(f"pgbench-{kind}-{size}@{c}")
                path = f"GET /api/icons?{query} ({label}) @{c}"
                if api is None:
                    add(path, "not measured", "", None)
                    continue
                times = api / (sum(ORIGINAL_NODE_RPS) / 2)
                add(path, f"{api:,.0f} req/s = {times:.1f}x the original",
                    f">= {LIST_TARGET_RPS:,} req/s (5x)", api >= LIST_TARGET_RPS)
                if pg:
                    add(f"  … vs pgbench, same SQL @{c}", f"{api:,.0f} / {pg:,.0f} = {api / pg:.2f}", ">= 0.60",
                        api / pg >= 0.60)
    for c in connections:
        ratio_row(f"liveness vs bare QHttpServer @{c}", f"liveness@{c}", f"hello-ceiling@{c}", 0.80)
    for c in connections:
        ratio_row(f"GET /api/auth/me vs liveness @{c}", f"auth-me@{c}", f"liveness@{c}", 0.50)
    p50, p99 = num("icons-post-p50-ms"), num("icons-post-p99-ms")
    if p50 is not None:
        add("POST /api/icons (built-in, 3 variants) server time, 1 connection", f"p50 {p50:.0f} ms, p99 {p99:.0f} ms",
            "p50 < 5 ms, p99 < 15 ms", p50 < 5 and p99 < 15)
    mbps = num("sanitizer-mbps")
    add("SVG sanitiser", f"{mbps:.1f} MB/s" if mbps else "not measured", ">= 50 MB/s",
        mbps >= 50 if mbps else None)
    peak, idle = num("rss-peak-kb"), num("rss-idle-kb")
    if peak is not None:
        add("server RSS under the list load (idle)", f"{peak / 1024:.0f} MB ({idle / 1024:.0f} MB)", "<= 60 MB",
            peak / 1024 <= 60)

    print(f"== Issue 12's table, this run (load {values.get('load-start', '?')} at the start, "
          f"{values.get('load-end', '?')} at the end)")
    widths = [max(len(r[i]) for r in rows + [("path", "this run", "target", "met")]) for i in range(4)]
    for r in [("path", "this run", "target", "met")] + rows:
        print("  " + "  ".join(cell.ljust(w) for cell, w in zip(r, widths)))


if __name__ == "__main__":
    main(sys.argv[1])
