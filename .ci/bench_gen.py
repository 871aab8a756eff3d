"""Writes N generated product spec files (the same template as lineup-benchmark's) and the
bundled profile into a folder: python3 bench_gen.py FOLDER N"""
import os, shutil, sys

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
os.makedirs(folder, exist_ok=True)
shutil.copy(os.path.join(os.path.dirname(__file__), "..", "vendors", "department.toml"), folder)
for i in range(n):
    with open(os.path.join(folder, f"product-{i}.toml"), "w") as f:
        f.write(spec(i))
