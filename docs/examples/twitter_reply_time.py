# Sentiment and reply time on the Twitter support sample (docs/examples/twitter-support.md).
# Reads two outputs of supportlens: the report by team, and the sentiment per ticket. Prints per
# brand (30+ conversations) volume, first reply time and sentiment, their rank correlation, and
# every conversation by how long the first reply took.
# usage: python3 twitter_reply_time.py by_team.json tickets.json
import json, statistics, sys
team, tickets = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))["tickets"]
brands = [(r["group"]["team"], r["kpis"]) for r in team["rows"] if r["kpis"]["ticket_volume"]["value"] >= 30]
brands.sort(key=lambda b: -b[1]["ticket_volume"]["value"])
print("brand | conversations | answered (n) | first reply median (s) | p90 (s) | sentiment | negative %")
for name, k in brands:
    s = k["sentiment_score"]
    print(f'{name} | {k["ticket_volume"]["value"]} | {k["first_reply_time"]["n"]} | {k["first_reply_time"]["median"]} | {k["first_reply_time"]["p90"]} | {s["value"]} | {s["negative_pct"]}')
def ranks(v):
    order = sorted(range(len(v)), key=lambda i: v[i]); r = [0.0] * len(v); i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and v[order[j + 1]] == v[order[i]]: j += 1
        for k in range(i, j + 1): r[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return r
a = ranks([k["first_reply_time"]["median"] for _, k in brands]); b = ranks([k["sentiment_score"]["value"] for _, k in brands])
ma, mb = statistics.mean(a), statistics.mean(b)
rho = sum((x - ma) * (y - mb) for x, y in zip(a, b)) / (sum((x - ma) ** 2 for x in a) * sum((y - mb) ** 2 for y in b)) ** 0.5
print(f"Spearman rank correlation, first reply median vs sentiment, {len(brands)} brands: {rho:.2f}")
print("first reply | conversations | first message | mean | with a follow-up | trend | last message")
for name, lo, hi in [("< 15 min", 0, 900), ("15-60 min", 900, 3600), ("1-4 h", 3600, 14400), ("> 4 h", 14400, float("inf"))]:
    sel = [t for t in tickets if t["first_reply_seconds"] is not None and lo <= t["first_reply_seconds"] < hi]
    more = [t for t in sel if len(t["messages"]) > 1]
    m = lambda xs, f: round(statistics.mean(f(x) for x in xs), 2)
    print(f'{name} | {len(sel)} | {m(sel, lambda t: t["first_score"])} | {m(sel, lambda t: t["score"])} | {len(more)} | {m(more, lambda t: t["trend"]):+} | {m(more, lambda t: t["last_score"])}')
