"""The fair peer for `lineup rank --format csv`: the same work in Python, vectorised with numpy
on two processes, reading with the fastest TOML library this machine has (tomllib: rtoml and
pytomlpp are not installed and there is no network to install them).

The work, step by step as Lineup does it:
  1. read every *.toml in the folder (the profile and one spec per product);
  2. validate each spec against the schema (known tables and keys, types, ranges, a range's
     low <= high, dates), collecting file:key messages, and skip a bad file without losing the
     others;
  3. each product's costs: cameras, accessories, docks (by cameras per dock), set-up, a server
     for on-premises hosting, a storage shortfall, licences per user and per camera, cloud
     overage beyond the included GB, upkeep per TB; TCO over the horizon and year one, each at
     the middle, low and high ends of the ranges;
  4. stored TB from the recording and retention policy, whether it fits the hosting's space;
     integration points; the availability window and its score; the must-have in force
     (available by the need-by date);
  5. the fund rules: the donation pays only cameras in year one, the grant anything in years
     1-4; the town's share by year, in total and at the ranges' ends; the cameras the funds
     equip in year one;
  6. the weighted-sum ranking and each weight's range that keeps the leader first;
  7. DRAWS simulated draws split over two processes: every price and licence range uniform,
     each date by day, announced dates slipping with the profile's chance, each weight within
     +/-20%; the must-have checked in each draw; the chance of first, of being late and of
     qualifying, and the 5th/95th percentile ranks among the first 100 places;
  8. the ranking as CSV with Lineup's 55 columns.
It is a peer for timing, not an oracle: its figures are close to Lineup's, not checked to the
cent (Lineup's must-have, tie and fund rules are more general than this file's).

    python3 bench_peer.py FOLDER DRAWS OUTPUT.csv
"""
import csv, datetime, math, os, sys, tomllib
import multiprocessing as mp
import numpy as np

NUM = (int, float)
SCHEMA = {
    "": {"vendor": str, "model": str, "summary": str, "sources": list, "quote_date": datetime.date, "notes": str},
    "availability": {"status": str, "date": (datetime.date, list)},
    "camera": {"price": (int, float, list), "accessories": NUM, "warranty_years": NUM,
               "extended_warranty_per_camera_year": NUM},
    "dock": {"price": NUM, "cameras_per_dock": int},
    "video": {"resolution": str, "gb_per_hour": (int, float, list), "field_of_view": NUM, "battery_hours": NUM,
              "pre_event_seconds": NUM, "pre_event_audio": bool},
    "storage": {"model": str, "per_user_per_month": (int, float, list), "per_camera_per_month": (int, float, list),
                "included_gb_per_user": (int, float, str), "overage_per_gb_month": NUM, "server_price": NUM,
                "server_tb": NUM, "upkeep_per_tb_year": NUM, "setup": NUM, "contract_years": NUM},
    "integration": {"in_car_system": str, "shared_evidence_software": bool, "car_triggers": bool,
                    "synchronised_playback": bool, "shared_upload": bool},
}
MODELS = {"cloud": 0, "on-premises": 1, "existing-backend": 2}
FEATURES = ["shared_evidence_software", "car_triggers", "synchronised_playback", "shared_upload"]
POINTS = {"shared_evidence_software": 40, "car_triggers": 25, "synchronised_playback": 20, "shared_upload": 15}


def validate(name, doc):
    errors = []
    for section, value in doc.items():
        table = SCHEMA.get("") if not isinstance(value, dict) else SCHEMA.get(section)
        items = [(section, value)] if not isinstance(value, dict) else list(value.items())
        if table is None:
            errors.append(f"{name}: unknown table [{section}]")
            continue
        for key, v in items:
            want = table.get(key)
            where = key if not isinstance(value, dict) else f"{section}.{key}"
            if want is None:
                errors.append(f"{name}: unknown key {where}")
            elif isinstance(v, bool) and want is not bool and bool not in (want if isinstance(want, tuple) else (want,)):
                errors.append(f"{name}: {where} must be a number, not true/false")
            elif not isinstance(v, want):
                errors.append(f"{name}: {where} has the wrong type")
            elif isinstance(v, list) and key not in ("sources",):
                if len(v) != 2 or type(v[0]) is not type(v[1]) and not all(isinstance(x, NUM) for x in v):
                    errors.append(f"{name}: {where} must be [low, high]")
                elif v[0] > v[1]:
                    errors.append(f"{name}: {where} is [high, low]")
            elif isinstance(v, NUM) and not isinstance(v, bool) and (v < 0 or v > 1e9 or v != v):
                errors.append(f"{name}: {where} is out of range")
    for key in ("vendor", "model"):
        if not isinstance(doc.get(key), str) or not doc.get(key).strip():
            errors.append(f"{name}: {key} is missing")
    return errors


def ends(v, default=0.0):
    if v is None:
        return (default, default)
    return (float(v[0]), float(v[1])) if isinstance(v, list) else (float(v), float(v))


folder, draws, output = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(os.path.join(folder, "department.toml"), "rb") as f:
    profile = tomllib.load(f)
specs, problems = [], []
for name in sorted(os.listdir(folder)):
    if not name.lower().endswith(".toml") or name == "department.toml" or name.startswith("."):
        continue
    try:
        with open(os.path.join(folder, name), "rb") as f:
            doc = tomllib.load(f)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        problems.append(f"{name}: {e}")
        continue
    errors = validate(name, doc)
    if errors:
        problems += errors
    else:
        specs.append((name[:-5], doc))
for p in problems:
    print(p, file=sys.stderr)

cams = profile["cameras"]; users = profile["licensed_users"]; years = int(profile["horizon_years"])
ev0 = profile["evaluation_date"]; need = profile["need_by"]; span = (need - ev0).days
gb_day = profile["officers_per_shift"] * profile["shifts_per_day"] * profile["recorded_hours_per_shift"]
share = profile["evidence_share"]
retention = profile["routine_retention_days"] * (1 - share) + profile["evidence_retention_days"] * share
backend = ends(profile.get("in_car", {}).get("backend_free_tb", 6))
backend_mid = sum(backend) / 2
in_car = profile.get("in_car", {}).get("system", "")
w = profile["weights"]
shares = np.array([w["cost"], w["integration"], w["storage"], w["availability"]], float)
shares /= shares.sum()
slip = profile.get("announcements", {})
slip_chance, slip_days = slip.get("slip_chance", 0.0), int(slip.get("slip_max_days", 0))
funding = profile.get("funding", [])
donation = sum(f["amount"] for f in funding if f.get("pays_for") == ["cameras"])
grant = sum(f["amount"] for f in funding) - donation
grant_years = max([f.get("years", 1) for f in funding if f.get("pays_for") != ["cameras"]] or [1])
funds = donation + grant
need_by_rule = profile.get("requirements", {}).get("available_by_need_by", False)

n = len(specs)
col = lambda: np.zeros(n)
price_lo, price_hi, pu_lo, pu_hi, pc_lo, pc_hi = col(), col(), col(), col(), col(), col()
acc, dock_cost, setup, server, upkeep, overage, included, gbph = col(), col(), col(), col(), col(), col(), col(), col()
cap, integ, d_lo, d_hi, announced, model = col(), col(), col(), col(), col(), np.zeros(n, int)
warranty, ext_warranty = col(), col()
for k, (pid, s) in enumerate(specs):
    cam = s.get("camera", {}); dock = s.get("dock", {}); st = s.get("storage", {}); vid = s.get("video", {})
    price_lo[k], price_hi[k] = ends(cam.get("price"))
    pu_lo[k], pu_hi[k] = ends(st.get("per_user_per_month"))
    pc_lo[k], pc_hi[k] = ends(st.get("per_camera_per_month"))
    acc[k] = cam.get("accessories", 0)
    warranty[k] = cam.get("warranty_years", 0); ext_warranty[k] = cam.get("extended_warranty_per_camera_year", 0)
    per_dock = dock.get("cameras_per_dock", 1)
    dock_cost[k] = -(-cams // per_dock) * dock.get("price", 0) if dock else 0
    model[k] = MODELS.get(st.get("model", "cloud"), 0)
    setup[k] = st.get("setup", 0)
    server[k] = st.get("server_price", 0) if model[k] == 1 else 0
    upkeep[k] = st.get("upkeep_per_tb_year", 0) if model[k] != 0 else 0
    overage[k] = st.get("overage_per_gb_month", 0) if model[k] == 0 else 0
    inc = st.get("included_gb_per_user", 0)
    included[k] = math.inf if inc == "unlimited" else inc
    gbph[k] = sum(ends(vid.get("gb_per_hour"), 2.0)) / 2
    cap[k] = [math.inf, st.get("server_tb", 0), backend_mid][model[k]]
    ig = s.get("integration", {})
    matches = ig.get("in_car_system", "").lower() == in_car.lower()
    integ[k] = sum(POINTS[f] for f in FEATURES if matches and ig.get(f) is True)
    av = s.get("availability", {})
    date = av.get("date", ev0)
    a, b = (date[0], date[1]) if isinstance(date, list) else (date, date)
    d_lo[k] = (a - ev0).days; d_hi[k] = (b - ev0).days
    announced[k] = av.get("status") == "announced"

stored_gb = gb_day * gbph * retention
stored_tb = stored_gb / 1000
fits = stored_tb <= cap
shortfall = np.where(fits, 0, stored_tb - np.where(np.isinf(cap), 0, cap))
fixed_upfront = cams * acc + dock_cost + setup + server
fixed_yearly = upkeep * stored_tb + 12 * overage * np.maximum(0, stored_gb - users * included)


def costs(price, pu, pc):
    upfront = cams * price + fixed_upfront
    yearly = 12 * (users * pu + cams * pc) + fixed_yearly
    return upfront, yearly


mid = lambda lo, hi: (lo + hi) / 2
upfront, yearly = costs(mid(price_lo, price_hi), mid(pu_lo, pu_hi), mid(pc_lo, pc_hi))
tco = upfront + years * yearly
year_one = upfront + yearly
up_lo, yr_lo = costs(price_lo, pu_lo, pc_lo)
up_hi, yr_hi = costs(price_hi, pu_hi, pc_hi)


def town(upfront, yearly, price):
    """The fund rules: the donation pays cameras in year one, the grant anything in years 1-4."""
    camera_cost = cams * price
    by_year = np.tile(yearly[:, None], (1, years))
    by_year[:, 0] += upfront
    donated = np.minimum(donation, camera_cost)
    by_year[:, 0] -= donated
    left = np.full(len(price), float(grant))
    for y in range(min(grant_years, years)):
        paid = np.minimum(left, by_year[:, y])
        by_year[:, y] -= paid
        left -= paid
    return by_year, left


town_by_year, grant_left = town(upfront, yearly, mid(price_lo, price_hi))
town_lo = town(up_lo, yr_lo, price_lo)[0].sum(axis=1)
town_hi = town(up_hi, yr_hi, price_hi)[0].sum(axis=1)
# Cameras the funds equip in year one: the most k whose year one the funds cover.
per_camera = mid(price_lo, price_hi) + acc + dock_cost / cams
equipped = np.zeros(n, int)
for k in range(cams + 1):
    y1 = k * per_camera + setup + server + yearly * k / cams
    equipped = np.where(y1 <= funds, k, equipped)

late_fixed = d_lo > span
qualifies_fixed = ~late_fixed if need_by_rule else np.ones(n, bool)
checked = (d_hi > span) & (d_lo <= span) & bool(need_by_rule)


def scores(tco, days, ok):
    lowest = np.where(ok, tco, np.inf).min(axis=-1, keepdims=True)
    cost = np.minimum(100, lowest / np.maximum(tco, 1) * 100)
    small = np.where(ok, stored_tb, np.inf).min(axis=-1, keepdims=True)
    storage = np.minimum(100, small / stored_tb * 100) * np.where(fits, 1, 0.5)
    avail = np.clip(100 * (span - days) / span, 0, 100)
    return cost, np.broadcast_to(integ, cost.shape), storage, avail


ranked = qualifies_fixed
cost_s, integ_s, stor_s, avail_s = scores(tco, mid(d_lo, d_hi), ranked)
score = shares[0] * cost_s + shares[1] * integ_s + shares[2] * stor_s + shares[3] * avail_s
score = np.where(ranked, score, -np.inf)
order = np.argsort(-score, kind="stable")

# Sensitivity: each weight's range (0-100%) over which the leader stays first.
matrix = np.stack([cost_s, integ_s, stor_s, avail_s], axis=1)
lead = order[0]
keep = []
for c in range(4):
    rest = np.delete(np.arange(4), c)
    other = (matrix[:, rest] * shares[rest]).sum(axis=1) / max(1e-12, shares[rest].sum())
    # total(wc) = wc * score_c + (1 - wc) * other: the leader minus each product, a line in wc.
    g = other[lead] - other
    h = (matrix[lead, c] - matrix[:, c]) - g
    with np.errstate(divide="ignore", invalid="ignore"):
        cross = np.where(ranked & (h != 0), -g / h, np.nan)
    lo_w = np.nanmax(np.where(cross <= shares[c], cross, np.nan), initial=0.0)
    hi_w = np.nanmin(np.where(cross > shares[c], cross, np.nan), initial=1.0)
    keep.append((max(0.0, lo_w), min(1.0, hi_w)))


def simulate(args):
    seed, count = args
    g = np.random.default_rng(seed)
    first = np.zeros(n); late = np.zeros(n); qual = np.zeros(n)
    places = np.zeros((n, 100), np.int32)
    chunk = max(1, min(count, 1_000_000 // max(n, 1)))
    done = 0
    while done < count:
        m = min(chunk, count - done)
        price = price_lo + (price_hi - price_lo) * g.random((m, n))
        pu = pu_lo + (pu_hi - pu_lo) * g.random((m, n))
        pc = pc_lo + (pc_hi - pc_lo) * g.random((m, n))
        up, yr = costs(price, pu, pc)
        t = up + years * yr
        days = d_lo + np.floor((d_hi - d_lo + 1) * g.random((m, n)))
        slipped = (announced == 1) & (g.random((m, n)) < slip_chance)
        days = days + np.where(slipped, 1 + np.floor(slip_days * g.random((m, n))), 0)
        is_late = days > span
        late += is_late.sum(axis=0)
        ok = ranked & ~(checked & is_late)
        qual += ok.sum(axis=0)
        sh = shares * g.uniform(0.8, 1.2, (m, 4))
        sh /= sh.sum(axis=1, keepdims=True)
        c, i, s, a = scores(t, np.maximum(days, 0), ok)
        tot = sh[:, 0:1] * c + sh[:, 1:2] * i + sh[:, 2:3] * s + sh[:, 3:4] * a
        tot = np.where(ok, tot, -np.inf)
        np.add.at(first, tot.argmax(axis=1), 1)
        top_n = min(100, n)
        top = np.argpartition(-tot, top_n - 1, axis=1)[:, :top_n] if n > top_n else np.tile(np.arange(n), (m, 1))
        sorted_top = np.take_along_axis(top, np.argsort(-np.take_along_axis(tot, top, axis=1), axis=1), axis=1)
        np.add.at(places, (sorted_top, np.broadcast_to(np.arange(top_n), sorted_top.shape)), 1)
        done += m
    return first, late, qual, places


if draws:
    with mp.get_context("fork").Pool(2) as pool:
        parts = pool.map(simulate, [(2015, draws // 2), (2016, draws - draws // 2)])
    first = sum(p[0] for p in parts); late = sum(p[1] for p in parts)
    qual = sum(p[2] for p in parts); places = sum(p[3] for p in parts)
    cum = np.cumsum(places, axis=1)


def pct(k, q):
    hit = np.nonzero(cum[k] >= q * draws)[0]
    return int(hit[0]) + 1 if len(hit) else ""


money = lambda v: f"{v:.2f}"
weights_text = ";".join(f"{c}={w[c]}" for c in ("cost", "integration", "storage", "availability"))
with open(output, "w", newline="") as f:
    out = csv.writer(f)
    out.writerow(["rank", "id", "vendor", "model", "score", "cost_score", "integration_score", "storage_score",
                  "availability_score", "upfront_cost", "annual_cost", "tco", "year_one_cost", "funds", "funds_left",
                  "within_funds", "cameras_equipped", "cameras_wanted", "storage_tb", "storage_fits", "available",
                  "meets_need_by", "status", "not_counted", "chance_first", "rank_p5", "rank_p95", "previous_rank",
                  "movement", "swap_with_next", "tco_low", "tco_high", "year_one_low", "year_one_high", "estimated",
                  "storage_tb_low", "storage_tb_high", "available_earliest", "available_latest", "chance_late",
                  "requirements", "requirement_notes", "chance_qualifies", "town_share_year_one", "town_share_by_year",
                  "town_share_total", "town_share_low", "town_share_high", "funds_unused", "not_ranked",
                  "warranty_years", "extended_warranty_per_camera_year", "method", "weights", "evaluation_date"])
    for rank, k in enumerate(order, 1):
        pid, s = specs[k]
        nxt = order[rank] if rank < n else None
        out.writerow([
            rank if ranked[k] else "", pid, s["vendor"], s["model"], f"{score[k]:.2f}", f"{cost_s[k]:.1f}",
            f"{integ_s[k]:.1f}", f"{stor_s[k]:.1f}", f"{avail_s[k]:.1f}", money(upfront[k]), money(yearly[k]),
            money(tco[k]), money(year_one[k]), money(funds), money(funds - year_one[k]),
            "yes" if year_one[k] <= funds else "no", equipped[k], cams, f"{stored_tb[k]:.2f}",
            "yes" if fits[k] else "no", (ev0 + datetime.timedelta(days=int(d_lo[k]))).isoformat(),
            "yes" if d_hi[k] <= span else "no", "announced" if announced[k] else "shipping", "",
            f"{first[k] / draws:.4f}" if draws else "", pct(k, 0.05) if draws else "",
            pct(k, 0.95) if draws else "", "", "", f"{score[k] - score[nxt]:.2f}" if nxt is not None else "",
            money(up_lo[k] + years * yr_lo[k]), money(up_hi[k] + years * yr_hi[k]), money(up_lo[k] + yr_lo[k]),
            money(up_hi[k] + yr_hi[k]), "no", f"{stored_tb[k]:.2f}", f"{stored_tb[k]:.2f}",
            (ev0 + datetime.timedelta(days=int(d_lo[k]))).isoformat(),
            (ev0 + datetime.timedelta(days=int(d_hi[k]))).isoformat(),
            f"{late[k] / draws:.4f}" if draws else "", "available_by_need_by" if need_by_rule else "",
            "checked in each draw" if checked[k] else "", f"{qual[k] / draws:.4f}" if draws else "",
            money(town_by_year[k, 0]), ";".join(money(v) for v in town_by_year[k]), money(town_by_year[k].sum()),
            money(town_lo[k]), money(town_hi[k]), money(grant_left[k]), "" if ranked[k] else "fails a must-have",
            warranty[k], ext_warranty[k], "weighted-sum", weights_text, ev0.isoformat()])
print(f"wrote {n} products; the leader keeps first place for weights " +
      ", ".join(f"{lo:.0%}-{hi:.0%}" for lo, hi in keep), file=sys.stderr)
