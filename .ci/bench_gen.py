"""Writes N generated product spec files (the same template as lineup-benchmark's) and the
bundled profile (without its example committee) into a folder:
    python3 bench_gen.py FOLDER N
With a committee of E evaluators scoring every product on C judged criteria (0-10, seeded):
    python3 bench_gen.py FOLDER N --committee E C"""
import os, random, sys

def spec(i):
    status = "announced" if i % 3 == 0 else "shipping"
    storage = ["cloud", "on-premises", "existing-backend"][i % 3]
    system = "Panasonic Arbitrator" if i % 5 == 0 else "Other"
    gb = 0.5 + (i % 40) / 10
    return f'''# generated product {i}
vendor = "Vendor {i % 97}"
model = "Model {i}"
summary = "A generated camera for benchmarking, number {i}."
sources = ["https://example.com/{i}", "generated"]
quote_date = 2015-04-01

[availability]
status = "{status}"
date = [2015-0{1 + i % 9}-01, 2015-{10 + i % 3}-15]

[camera]
price = [{300 + i % 700}, {400 + i % 700 + i % 200}]
accessories = {i % 50}
warranty_years = 1

[dock]
price = {500 + i % 1000}
cameras_per_dock = {1 + i % 8}

[video]
resolution = "720p"
gb_per_hour = {gb!r}
field_of_view = {90 + i % 60}
battery_hours = {8 + i % 6}
pre_event_seconds = 30
pre_event_audio = false

[storage]
model = "{storage}"
per_user_per_month = [{10 + i % 20}, {30 + i % 50}]
included_gb_per_user = 60
overage_per_gb_month = 0.125
server_price = {5000 + i % 5000}
server_tb = {4 + i % 10}
upkeep_per_tb_year = 120
setup = 1500

[integration]
in_car_system = "{system}"
shared_evidence_software = {"true" if i % 2 == 0 else "false"}
car_triggers = {"true" if i % 3 == 0 else "false"}
synchronised_playback = false
shared_upload = true
'''

folder, n = sys.argv[1], int(sys.argv[2])
evaluators, criteria = (int(sys.argv[4]), int(sys.argv[5])) if "--committee" in sys.argv else (0, 0)
os.makedirs(folder, exist_ok=True)
profile = open(os.path.join(os.path.dirname(__file__), "..", "vendors", "department.toml")).read()
# The bundled example committee out: the profile's four measured criteria only.
profile = profile.split("# EXAMPLE committee")[0]
profile = "\n".join(l for l in profile.split("\n") if not l.startswith("committee = "))
if criteria:
    profile = profile.replace("[weights]", "[weights]\ncommittee = 20", 1)
    profile += "\n[committee]\nblind_to_price = true\nchair = \"Chair\"\n"
    for c in range(criteria):
        profile += (f'\n[[committee.criterion]]\nkey = "c{c}"\nname = "Judged criterion {c}"\nweight = {10 + c}\n'
                    f'scale = [0, 10]\nlow = "poor"\nmiddle = "adequate"\nhigh = "excellent"\n')
with open(os.path.join(folder, "department.toml"), "w") as f:
    f.write(profile)
if evaluators:
    os.makedirs(os.path.join(folder, "evaluations"), exist_ok=True)
    rng = random.Random(2015)
    for e in range(evaluators):
        out = [f'name = "Evaluator {e}"', 'role = "generated"', 'conflict_of_interest = "none"',
               "date = 2015-04-15", "submitted = true"]
        for i in range(n):
            out.append(f"\n[scores.product-{i}]")
            for c in range(criteria):
                out.append(f"c{c} = {rng.randint(0, 10)}")
        with open(os.path.join(folder, "evaluations", f"evaluator-{e}.toml"), "w") as f:
            f.write("\n".join(out) + "\n")
for i in range(n):
    with open(os.path.join(folder, f"product-{i}.toml"), "w") as f:
        f.write(spec(i))
