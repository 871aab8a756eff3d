import Evaluation
import Foundation
import Platform
import Report
import TOML
import TerminalUI

// lineup-benchmark: figures, not assertions. Build in release and run:
//   swift run -c release lineup-benchmark [--quick]
// Parse throughput beside Python's tomllib on the same inputs, then load/score/rank times
// and peak memory for 100, 1,000 and 10,000 generated product files.
#if canImport(Glibc)
    import Glibc
#endif

let quick = CommandLine.arguments.contains("--quick")
let clock = ContinuousClock()

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

/// The best of `repeats` timings of `body`, in seconds.
func best(_ repeats: Int, _ body: () -> Void) -> Double {
    var fastest = Double.infinity
    for _ in 0..<repeats {
        let t = clock.measure(body)
        fastest = min(fastest, seconds(t))
    }
    return fastest
}

func peakMemoryMB() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024
}

func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }

// MARK: - Inputs

func spec(_ i: Int) -> String {
    """
    # generated product \(i)
    vendor = "Vendor \(i % 97)"
    model = "Model \(i)"
    summary = "A generated camera for benchmarking, number \(i)."
    sources = ["https://example.com/\(i)", "generated"]
    quote_date = 2015-04-01

    [availability]
    status = "\(i % 3 == 0 ? "announced" : "shipping")"
    date = [2015-0\(1 + i % 9)-01, 2015-\(10 + i % 3)-15]

    [camera]
    price = [\(300 + i % 700), \(400 + i % 700 + i % 200)]
    accessories = \(i % 50)
    warranty_years = 1

    [dock]
    price = \(500 + i % 1000)
    cameras_per_dock = \(1 + i % 8)

    [video]
    resolution = "720p"
    gb_per_hour = \(0.5 + Double(i % 40) / 10)
    field_of_view = \(90 + i % 60)
    battery_hours = \(8 + i % 6)
    pre_event_seconds = 30
    pre_event_audio = false

    [storage]
    model = "\(["cloud", "on-premises", "existing-backend"][i % 3])"
    per_user_per_month = [\(10 + i % 20), \(30 + i % 50)]
    included_gb_per_user = 60
    overage_per_gb_month = 0.125
    server_price = \(5000 + i % 5000)
    server_tb = \(4 + i % 10)
    upkeep_per_tb_year = 120
    setup = 1500

    [integration]
    in_car_system = "\(i % 5 == 0 ? "Panasonic Arbitrator" : "Other")"
    shared_evidence_software = \(i % 2 == 0)
    car_triggers = \(i % 3 == 0)
    synchronised_playback = false
    shared_upload = true

    """
}

func largeDocument(targetBytes: Int) -> String {
    var out = "title = \"large generated document\"\n"
    var i = 0
    while out.utf8.count < targetBytes {
        out +=
            "[[item]]\nid = \(i)\nname = \"item \(i) with a \\\"quoted\\\" word and é\"\nprice = \(Double(i) * 1.25)\n"
        out +=
            "tags = [\"a\", \"b\", \"c\", \(i), \(i + 1)]\nwhen = 2015-04-21T10:00:00Z\npoint = { x = \(i), y = -\(i), ok = true }\n"
        out += "text = '''\nmulti-line literal \(i)\n'''\n\n"
        i += 1
    }
    return out
}

print("Lineup benchmark (\(quick ? "quick" : "full") run)")
// MARK: - Load, score, rank

print("")
print("== Load, validate, score and rank N generated product files")
let profileText = try String(contentsOfFile: "vendors/department.toml", encoding: .utf8)
print(
    pad("N", 8) + lpad("load+validate", 15) + lpad("score+rank", 12) + lpad("total", 10) + lpad("re-rank", 10)
        + lpad("TOPSIS", 10) + lpad("peak MB", 10))
for n in quick ? [100, 1000] : [100, 1000, 10_000] {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lineup-bench-\(getpid())-\(n)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try profileText.write(to: dir.appendingPathComponent("department.toml"), atomically: true, encoding: .utf8)
    for i in 0..<n {
        try spec(i).write(to: dir.appendingPathComponent("product-\(i).toml"), atomically: false, encoding: .utf8)
    }
    var contents: FolderContents?
    let tLoad = seconds(clock.measure { contents = SpecFolder.load(folder: dir.path) })
    let c = contents!
    if c.products.count != n || c.profile == nil {
        FileHandle.standardError.write(Data("generated files did not load: \(c.diagnostics.prefix(3))\n".utf8))
        exit(1)
    }
    let profile = c.profile!
    var assessments: [Assessment] = []
    var ranking: Ranking?
    let tScore = seconds(
        clock.measure {
            assessments = Assessment.assess(c.products, profile: profile)
            ranking = Ranking(
                assessments, weights: profile.weights, method: .weightedSum, evaluationDate: profile.evaluationDate)
        })
    precondition(ranking!.entries.count == n)
    var w = profile.weights
    w[.cost] += 5
    let weights = w
    let tRerank = best(5) {
        _ = Ranking(assessments, weights: weights, method: .weightedSum, evaluationDate: profile.evaluationDate)
    }
    let tTopsis = best(5) {
        _ = Ranking(assessments, weights: weights, method: .topsis, evaluationDate: profile.evaluationDate)
    }
    func ms(_ s: Double) -> String { String(format: "%.1f ms", s * 1000) }
    print(
        pad(String(n), 8) + lpad(ms(tLoad), 15) + lpad(ms(tScore), 12) + lpad(ms(tLoad + tScore), 10)
            + lpad(ms(tRerank), 10)
            + lpad(ms(tTopsis), 10) + lpad(String(format: "%.0f", peakMemoryMB()), 10))
    try? FileManager.default.removeItem(at: dir)
}

// MARK: - Analyses

print("")
print("== Analyses on the bundled vendors/")
do {
    let c = SpecFolder.load(folder: "vendors")
    let profile = c.profile!
    let ranking = Ranking(
        Assessment.assess(c.products, profile: profile), weights: profile.weights, method: .weightedSum,
        evaluationDate: profile.evaluationDate)
    let topsis = Ranking(
        ranking.entries.map(\.assessment), weights: profile.weights, method: .topsis,
        evaluationDate: profile.evaluationDate)
    let tSim = best(3) { _ = Simulation.run(ranking, options: .init(draws: 10_000)) }
    let tSimT = best(3) { _ = Simulation.run(topsis, options: .init(draws: 10_000)) }
    let tSens = best(3) { _ = Sensitivity.analyse(ranking) }
    let tSensT = best(3) { _ = Sensitivity.analyse(topsis) }
    print(
        String(
            format: "simulation, 10,000 draws x %d products: weighted sum %.1f ms, TOPSIS %.1f ms", c.products.count,
            tSim * 1000, tSimT * 1000))
    print(String(format: "sensitivity: weighted sum %.3f ms, TOPSIS (search) %.1f ms", tSens * 1000, tSensT * 1000))
    let tQuestions = best(3) {
        _ = Questions.analyse(c.products, profile: profile, ranking: ranking, options: Simulation.Options())
    }
    print(
        String(
            format:
                "questions (what to ask next): one run of 10,000 draws, each answer's two ends replayed from it: %.0f ms",
            tQuestions * 1000)
    )
    let tReport = best(3) {
        _ =
            BoardReport(
                products: c.products, profile: profile, weights: profile.weights, method: profile.method,
                today: TOMLDate(year: 2026, month: 1, day: 1)
            ).html
    }
    print(
        String(format: "board report (HTML, with its simulation, sensitivity and questions): %.0f ms", tReport * 1000))
    let thousand = (0..<1000).map { i in
        SpecDecoder.product(Array(spec(i).utf8), file: "p\(i).toml", id: "p\(i)").value!
    }
    let generatedProfile = SpecDecoder.profile(Array(profileText.utf8), file: "department.toml").value!
    let tReport1000 = best(1) {
        _ =
            BoardReport(
                products: thousand, profile: generatedProfile, weights: generatedProfile.weights,
                method: generatedProfile.method, today: TOMLDate(year: 2026, month: 1, day: 1)
            ).html
    }
    print(String(format: "board report of 1,000 generated products: %.2f s", tReport1000))
    // The town's share by the funds' rules (the shipped JAG and donation rules), for 10,000
    // products: the allocation at the middle, low and high ends, as each CSV row computes it.
    let tenThousand = (0..<10_000).map { i in
        SpecDecoder.product(Array(spec(i).utf8), file: "p\(i).toml", id: "p\(i)").value!
    }
    let assessed = Assessment.assess(tenThousand, profile: generatedProfile)
    let tAllocate = best(3) {
        for a in assessed {
            _ = FundAllocation.allocate(a.cost, profile: generatedProfile)
            _ = FundAllocation.townRange(a.cost, profile: generatedProfile)
        }
    }
    print(
        String(
            format: "fund allocation by the rules, 10,000 products (middle, low and high ends): %.0f ms on one core",
            tAllocate * 1000))
}

// MARK: - Interface frames

print("")
print("== Terminal UI: key press to finished frame (state update + render into the cell grid)")
do {
    // Start to first frame on the bundled data: load, assess, rank, render at 100x30.
    let tStart = seconds(
        clock.measure {
            let c = SpecFolder.load(folder: "vendors")
            let state = AppState(
                vendorsFolder: "vendors", profilePath: "vendors/department.toml",
                today: TOMLDate(year: 2026, month: 1, day: 1),
                products: c.products, profile: c.profile, diagnostics: c.diagnostics, width: 100, height: 30)
            _ = render(state)
        })
    print(String(format: "start to first frame, bundled vendors/ (in-process): %.1f ms", tStart * 1000))

    let n = quick ? 1000 : 10_000
    let profile = SpecDecoder.profile(Array(profileText.utf8), file: "department.toml").value!
    let products = (0..<n).map { i in SpecDecoder.product(Array(spec(i).utf8), file: "p\(i).toml", id: "p\(i)").value! }
    var state = AppState(
        vendorsFolder: "vendors", profilePath: "department.toml", today: TOMLDate(year: 2026, month: 1, day: 1),
        products: products, profile: profile, diagnostics: [], width: 200, height: 50)
    func frameTime(_ keys: [Key]) -> Double {
        var worst = 0.0
        var total = 0.0
        for key in keys {
            let t = seconds(
                clock.measure {
                    _ = state.apply(.key(key))
                    _ = render(state)
                })
            worst = max(worst, t)
            total += t
        }
        return total / Double(keys.count)
    }
    let move = frameTime(Array(repeating: .down, count: 200))
    let sort = frameTime(Array(repeating: .character("s"), count: 20))
    _ = state.apply(.key(.character("S")))
    while state.sort != .rank { _ = state.apply(.key(.character("s"))) }
    _ = state.apply(.key(.character("w")))
    let weight = frameTime(Array(repeating: .right, count: 20) + Array(repeating: .left, count: 20))
    print(
        String(
            format: "%d products at 200x50: move %.2f ms, sort %.2f ms, weight change %.2f ms (mean per key)", n,
            move * 1000, sort * 1000, weight * 1000))

    // The must-haves panel: each key turns a rule on or off, or moves a limit, and the whole
    // lineup is checked, re-scored and re-ranked.
    _ = state.apply(.key(.escape))
    _ = state.apply(.key(.character("M")))
    let mustHaves = frameTime([
        .character(" "), .down, .down, .down, .down, .down, .right, .right, .left, .up, .character(" "),
        .character(" "),
    ])
    print(
        String(
            format: "%d products at 200x50: must-haves panel %.2f ms a key (rules checked, scores and ranking redone)",
            n, mustHaves * 1000))
    if let p0 = state.profile {
        var p1 = p0
        p1.requirements = Requirements([.availableByNeedBy: 1, .minBatteryHours: 8])
        let tRejudge = best(5) { _ = Assessment.rejudge(state.assessments, profile: p1) }
        let judged = Assessment.rejudge(state.assessments, profile: p1)
        let tRank = best(5) {
            _ = Ranking(judged, weights: p1.weights, method: .weightedSum, evaluationDate: p1.evaluationDate)
        }
        let tCheck = best(5) {
            for a in judged {
                _ = RequirementCheck.evaluate(
                    a.product, p1, cost: a.cost, storage: a.storage, integration: a.integration,
                    availability: a.availability)
            }
        }
        print(
            String(
                format:
                    "  turning two rules on at once: rules checked %.2f ms, rejudge (rules + scores) %.2f ms, ranking %.2f ms",
                tCheck * 1000, tRejudge * 1000, tRank * 1000))
    }

    // The product form at 80x24 over the same products: opening it on a spec (E, then the
    // shell's answer), then each key of a quote typed in, moving between fields, and the
    // save's check (edits applied to the text and the whole spec decoded).
    _ = state.apply(.key(.escape))
    _ = state.apply(.resize(width: 80, height: 24))
    let open = seconds(
        clock.measure {
            _ = state.apply(.specRead(path: "p0.toml", text: spec(0), purpose: .edit))
            _ = render(state)
        })
    var worstKey = 0.0
    var totalKey = 0.0
    var keyCount = 0
    let typed: [Key] =
        Array("$1,250.50").map { Key.character($0) } + [.down, .down] + Array("04/21/2015").map { Key.character($0) }
        + [.control("u"), .up, .tab] + Array("800-1000").map { Key.character($0) } + [.control("s")]
    for key in typed {
        let t = seconds(
            clock.measure {
                _ = state.apply(.key(key))
                _ = render(state)
            })
        worstKey = max(worstKey, t)
        totalKey += t
        keyCount += 1
    }
    print(
        String(
            format:
                "product form, %d products at 80x24: opens in %.2f ms; %d keys typed, moved and saved: mean %.3f ms, worst %.2f ms per key (the save's check included)",
            n, open * 1000, keyCount, totalKey / Double(keyCount) * 1000, worstKey * 1000))

    // A long note (issue 20 item 7): the form opened on a spec whose notes hold 500, 2,000 and
    // 5,000 characters, the notes field selected, then keys typed at its end, the caret moved
    // to its middle and typed there, each key drawn; the worst key is what the user waits for.
    for length in [500, 2000, 4990] {
        _ = state.apply(.key(.escape))
        _ = state.apply(.key(.character("y")))
        let note = String(repeating: "Ask about the dock. ", count: length / 20 + 1).prefix(length)
        _ = state.apply(
            .specRead(path: "p0.toml", text: spec(0) + "notes = \"\(note)\"\n", purpose: .edit))
        while state.form?.field?.path != "notes" && (state.form?.cursor ?? 0) < SpecForm.fields.count {
            _ = state.apply(.key(.down))
        }
        var worst = 0.0
        let keys: [Key] =
            Array("abcde").map { Key.character($0) } + Array(repeating: .left, count: 5) + [.home]
            + Array("xyz").map { Key.character($0) } + [.end, .backspace]
        for key in keys {
            worst = max(
                worst,
                seconds(
                    clock.measure {
                        _ = state.apply(.key(key))
                        _ = render(state)
                    }))
        }
        print(
            String(
                format:
                    "product form, a note of %d characters at 80x24: worst of %d keys %.2f ms (typed, moved, drawn)",
                length, keys.count, worst * 1000))
    }
}

// MARK: - TOML throughput

print("")
print("== TOML parse throughput (best of several runs)")
let realistic = try String(contentsOfFile: "vendors/panasonic-arbitrator-bwc.toml", encoding: .utf8)
let large = largeDocument(targetBytes: quick ? 1_000_000 : 8_000_000)
let smallCount = quick ? 1000 : 10_000
let smalls = (0..<smallCount).map { Array(spec($0).utf8) }
let smallBytes = smalls.reduce(0) { $0 + $1.count }
let realisticBytes = Array(realistic.utf8)
let largeBytes = Array(large.utf8)

let realisticRepeats = quick ? 2000 : 20_000
let tRealistic = best(3) {
    for _ in 0..<realisticRepeats { _ = try? TOML.parse(realisticBytes, file: "r") }
}
let tLarge = best(3) { _ = try? TOML.parse(largeBytes, file: "l") }
let tSmalls = best(3) {
    for s in smalls { _ = try? TOML.parse(s, file: "s") }
}
let swiftRates = [
    Double(realisticBytes.count * realisticRepeats) / tRealistic / 1e6,
    Double(largeBytes.count) / tLarge / 1e6,
    Double(smallBytes) / tSmalls / 1e6,
]

// The same inputs through Python's tomllib, timed inside Python.
let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("lineup-bench-\(getpid())")
try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
try realistic.write(to: tmp.appendingPathComponent("realistic.toml"), atomically: true, encoding: .utf8)
try large.write(to: tmp.appendingPathComponent("large.toml"), atomically: true, encoding: .utf8)
try smalls.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\u{0}").write(
    to: tmp.appendingPathComponent("smalls.txt"), atomically: true, encoding: .utf8)
let python = """
    import sys, time, tomllib
    d = sys.argv[1]; reps = int(sys.argv[2])
    def best(f, n=3):
        b = 1e9
        for _ in range(n):
            t = time.perf_counter(); f(); b = min(b, time.perf_counter() - t)
        return b
    r = open(d + '/realistic.toml', encoding='utf-8').read()
    l = open(d + '/large.toml', encoding='utf-8').read()
    s = open(d + '/smalls.txt', encoding='utf-8').read().split('\\0')
    rb = len(r.encode()); lb = len(l.encode()); sb = sum(len(x.encode()) for x in s)
    t1 = best(lambda: [tomllib.loads(r) for _ in range(reps)])
    t2 = best(lambda: tomllib.loads(l))
    t3 = best(lambda: [tomllib.loads(x) for x in s])
    print(rb * reps / t1 / 1e6, lb / t2 / 1e6, sb / t3 / 1e6)
    """
let process = Process()
process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
process.arguments = ["python3", "-c", python, tmp.path, String(quick ? 200 : 2000)]
let pipe = Pipe()
process.standardOutput = pipe
var pythonRates: [Double]? = nil
do {
    try process.run()
    process.waitUntilExit()
    let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let values = text.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    if process.terminationStatus == 0 && values.count == 3 { pythonRates = values }
} catch {}
try? FileManager.default.removeItem(at: tmp)

let labels = [
    "realistic spec (\(realisticBytes.count) B) x \(realisticRepeats)",
    "large document (\(String(format: "%.1f", Double(largeBytes.count) / 1e6)) MB)",
    "\(smallCount) small files (\(String(format: "%.1f", Double(smallBytes) / 1e6)) MB)",
]
print(pad("input", 38) + lpad("Lineup MB/s", 12) + lpad("tomllib MB/s", 14) + lpad("ratio", 8))
for i in 0..<3 {
    let py = pythonRates.map { String(format: "%.1f", $0[i]) } ?? "n/a"
    let ratio = pythonRates.map { String(format: "%.1fx", swiftRates[i] / $0[i]) } ?? "n/a"
    print(pad(labels[i], 38) + lpad(String(format: "%.1f", swiftRates[i]), 12) + lpad(py, 14) + lpad(ratio, 8))
}

// MARK: - Many tables

/// `[productN]` and `[productN.video]` tables: the shape that was quadratic when a table's
/// sub-tables were found by a linear search.
func manyTables(targetBytes: Int) -> [UInt8] {
    var out = ""
    var i = 0
    while out.utf8.count < targetBytes {
        out +=
            "[product\(i)]\nname = \"Product \(i)\"\nprice = \(i).5\n[product\(i).video]\nresolution = \"720p\"\ngb_per_hour = 1.25\n\n"
        i += 1
    }
    return Array(out.utf8)
}

print("")
print("== TOML documents of many tables (linear if the time per MB stays flat)")
for mb in quick ? [1, 4] : [1, 4, 16] {
    let doc = manyTables(targetBytes: mb * 1_000_000)
    let t = best(3) { _ = try? TOML.parse(doc, file: "many") }
    print(String(format: "%2d MB: %7.1f ms, %.1f ms per MB", mb, t * 1000, t * 1000 / Double(mb)))
}
