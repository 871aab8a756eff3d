"""The peer for `lineup rank --format csv`: the same work in Python with tomllib and numpy.

Reads every *.toml in a folder (the profile and the product specs), computes each product's
TCO, year-one cost and the four criterion scores with Lineup's default formulas (README,
"Scoring"), ranks by the weighted sum, optionally runs the same simulation (each price,
licence and date range drawn uniformly, each weight within +/-20%, DRAWS draws; chance of
ranking first and the 5th/95th percentile rank among the first 100 places), and writes the
ranking as CSV. It is a peer for timing, not an oracle: its figures are close to Lineup's,
not checked to the cent.

    python3 bench_peer.py FOLDER DRAWS OUTPUT.csv
"""
import csv, datetime, os, sys, tomllib
import numpy as np

folder, draws, output = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(os.path.join(folder, "department.toml"), "rb") as f:
    profile = tomllib.load(f)
specs = []
for name in sorted(os.listdir(folder)):
    if name.lower().endswith(".toml") and name != "department.toml" and not name.startswith("."):
        with open(os.path.join(folder, name), "rb") as f:
            specs.append((name[:-5], tomllib.load(f)))

cams = profile["cameras"]; users = profile["licensed_users"]; years = profile["horizon_years"]
funds = sum(f["amount"] for f in profile.get("funding", []))
gb = profile["officers_per_shift"] * profile["shifts_per_day"] * profile["recorded_hours_per_shift"]
ev0 = profile["evaluation_date"]; need = profile["need_by"]
span = (need - ev0).days
w = profile["weights"]; total_w = sum(w.values())
shares = np.array([w["cost"], w["integration"], w["storage"], w["availability"]]) / total_w
points = {"shared_evidence_software": 40, "car_triggers": 25, "synchronised_playback": 20, "shared_upload": 15}

def rng(v):
    return (v[0], v[1]) if isinstance(v, list) else (v, v)

n = len(specs)
lo = np.zeros((n, 3)); hi = np.zeros((n, 3))          # price, per user, per camera
fixed_up = np.zeros(n); fixed_year = np.zeros(n); integ = np.zeros(n); stor = np.zeros(n)
d_lo = np.zeros(n); d_hi = np.zeros(n)
for k, (pid, s) in enumerate(specs):
    cam = s.get("camera", {}); dock = s.get("dock", {}); st = s.get("storage", {}); vid = s.get("video", {})
    lo[k, 0], hi[k, 0] = rng(cam.get("price", 0))
    lo[k, 1], hi[k, 1] = rng(st.get("per_user_per_month", 0))
    lo[k, 2], hi[k, 2] = rng(st.get("per_camera_per_month", 0))
    docks = -(-cams // dock.get("cameras_per_dock", cams)) if dock else 0
    fixed_up[k] = cams * cam.get("accessories", 0) + docks * dock.get("price", 0) + st.get("setup", 0) + st.get("server_price", 0)
    stored_tb = gb * vid.get("gb_per_hour", 2) * profile["routine_retention_days"] / 1000
    fixed_year[k] = st.get("upkeep_per_tb_year", 0) * stored_tb
    ig = s.get("integration", {})
    integ[k] = sum(p for key, p in points.items() if ig.get(key) is True)
    stor[k] = 100 if stored_tb <= st.get("server_tb", profile.get("in_car", {}).get("backend_free_tb", 6)) else 50
    av = s.get("availability", {}).get("date", ev0)
    a, b = rng(av)
    d_lo[k] = max(0, (a - ev0).days); d_hi[k] = max(0, (b - ev0).days)

def evaluate(price, per_user, per_cam, days, sh):
    up = cams * price + fixed_up[None, :] if price.ndim == 2 else cams * price + fixed_up
    yearly = 12 * (users * per_user + cams * per_cam) + fixed_year
    tco = up + years * yearly
    cost = tco.min(axis=-1, keepdims=True) / tco * 100
    avail = np.clip(100 * (span - days) / span, 0, 100)
    total = sh[..., 0:1] * cost + sh[..., 1:2] * integ + sh[..., 2:3] * stor + sh[..., 3:4] * avail
    return tco, up + yearly, total

mid = (lo + hi) / 2
tco, year_one, score = evaluate(mid[:, 0], mid[:, 1], mid[:, 2], (d_lo + d_hi) / 2, shares[None, :])
score = score[0]
order = np.argsort(-score, kind="stable")

first = np.zeros(n); counts = {}
if draws:
    g = np.random.default_rng(2015)
    chunk = max(1, min(draws, 2_000_000 // max(n, 1)))
    done = 0
    while done < draws:
        m = min(chunk, draws - done)
        u = g.random((m, n, 3))
        price = lo[None, :, 0] + (hi - lo)[None, :, 0] * u[:, :, 0]
        pu = lo[None, :, 1] + (hi - lo)[None, :, 1] * u[:, :, 1]
        pc = lo[None, :, 2] + (hi - lo)[None, :, 2] * u[:, :, 2]
        days = np.floor(d_lo + (d_hi - d_lo + 1) * g.random((m, n)))
        sh = shares * g.uniform(0.8, 1.2, (m, 4)); sh /= sh.sum(axis=1, keepdims=True)
        _, _, tot = evaluate(price, pu, pc, days, sh)
        np.add.at(first, tot.argmax(axis=1), 1)
        top = np.argpartition(-tot, min(99, n - 1), axis=1)[:, :100] if n > 100 else np.tile(np.arange(n), (m, 1))
        for r in range(m):
            t = top[r][np.argsort(-tot[r, top[r]])]
            for place, k in enumerate(t):
                counts.setdefault(k, np.zeros(100, dtype=np.int64))[place] += 1
        done += m

def pct(k, q):
    c = counts.get(k)
    if c is None: return ""
    hit = np.nonzero(np.cumsum(c) >= q * draws)[0]
    return int(hit[0]) + 1 if len(hit) else ""

with open(output, "w", newline="") as f:
    out = csv.writer(f)
    out.writerow(["rank", "id", "vendor", "model", "score", "tco", "year_one_cost", "within_funds", "chance_first", "rank_p5", "rank_p95"])
    for rank, k in enumerate(order, 1):
        pid, s = specs[k]
        out.writerow([rank, pid, s["vendor"], s["model"], f"{score[k]:.2f}", f"{tco[0][k] if tco.ndim == 2 else tco[k]:.2f}",
                      f"{year_one[0][k] if year_one.ndim == 2 else year_one[k]:.2f}", "yes" if (year_one.ravel()[k]) <= funds else "no",
                      f"{first[k] / draws:.4f}" if draws else "", pct(k, 0.05) if draws else "", pct(k, 0.95) if draws else ""])
