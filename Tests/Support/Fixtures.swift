import Evaluation
// Fixtures shared by the test targets: the Wilton profile and three sample products.
import TOML

/// The Wilton profile of the sample data, built in code so the tests do not read files.
public func wilton(weights: Weights = .standard, method: Method = .weightedSum) -> Profile {
    Profile(
        name: "Wilton Police Department", evaluationDate: TOMLDate(year: 2015, month: 4, day: 21),
        needBy: TOMLDate(year: 2015, month: 12, day: 31), cameras: 15, licensedUsers: 30, officersPerShift: 5,
        shiftsPerDay: 3, recordedHoursPerShift: 2, routineRetentionDays: 90, evidenceShare: 0.05,
        evidenceRetentionDays: 1095, horizonYears: 5,
        funding: [FundingSource(source: "JAG", amount: 12000), FundingSource(source: "donation", amount: 5000)],
        inCarSystem: "Panasonic Arbitrator", backendFreeTB: 6, weights: weights, method: method)
}

/// Decodes a product from TOML text, failing loudly on any problem.
public func product(_ id: String, _ text: String) -> Product {
    let loaded = SpecDecoder.product(Array(text.utf8), file: "vendors/\(id).toml", id: id)
    precondition(loaded.value != nil, "fixture \(id) does not load: \(loaded.diagnostics)")
    return loaded.value!
}

public let panasonicBWC = product(
    "panasonic-arbitrator-bwc",
    """
    vendor = "Panasonic"
    model = "Arbitrator BWC"
    [availability]
    status = "announced"
    date = [2015-07-21, 2015-08-21]
    [camera]
    price = [800, 1000]
    [video]
    gb_per_hour = 1.0
    [storage]
    model = "existing-backend"
    [integration]
    in_car_system = "Panasonic Arbitrator"
    shared_evidence_software = true
    """)

public let vievuCloud = product(
    "vievu-le3-cloud",
    """
    vendor = "VIEVU"
    model = "LE3 (cloud)"
    [availability]
    status = "shipping"
    [camera]
    price = 899
    [video]
    gb_per_hour = 2.7
    [storage]
    model = "cloud"
    per_user_per_month = 55
    included_gb_per_user = 60
    overage_per_gb_month = 0.125
    [integration]
    shared_evidence_software = false
    """)

public let axonBody = product(
    "axon-body",
    """
    vendor = "TASER"
    model = "Axon Body"
    [availability]
    status = "shipping"
    [camera]
    price = 399
    [storage]
    model = "cloud"
    per_user_per_month = [15, 79]
    """)
