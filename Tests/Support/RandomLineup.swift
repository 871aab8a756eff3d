import Evaluation

/// Two digits: 5 -> "05".
private func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

/// A random lineup: 2 to 9 products, each figure stated, a range or left out.
public func randomLineup(_ rng: inout SplitMix64, market: MarketReference?) -> (Profile, [Product]) {
    func pick(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
    func chance(_ p: Double) -> Bool { rng.unit() < p }
    var profile = wilton()
    if chance(0.7) { profile.market = market }
    if chance(0.5) { profile.slip = Slip(chance: 0.5, maxDays: 30 + pick(120)) }
    if chance(0.4) { profile.costBasis = .townShare }
    if chance(0.4) { profile.method = .topsis }
    if chance(0.3) { profile.backendFreeTBRange = Estimate(low: 2, high: 10) }
    switch pick(3) {
    case 0: break  // the pooled $12,000 + $5,000
    case 1:
        profile.funding = [
            FundingSource(source: "JAG", amount: 12000, years: 4, recurring: true),
            FundingSource(source: "gift", amount: 5000, paysFor: [.cameras], years: 1, recurring: false),
        ]
    default: profile.funding = [FundingSource(source: "big", amount: Double(20000 + pick(80000)))]
    }
    var weights: [Double] = (0..<4).map { _ in Double(pick(5)) }
    if chance(0.15) {
        weights = [0, 0, 0, 0]
        weights[pick(4)] = 1
    }
    if weights.reduce(0, +) == 0 { weights[0] = 1 }
    profile.weights = Weights(
        cost: weights[0], integration: weights[1], storage: weights[2], availability: weights[3])
    var rules: [Rule: Double] = [:]
    for rule in [Rule.availableByNeedBy, .yearOneWithinFunds, .worksWithInCar, .storageFitsBackend]
    where chance(0.2) { rules[rule] = 1 }
    profile.requirements = Requirements(rules)

    let count = 2 + pick(8)
    let products = (0..<count).map { i -> Product in
        var t = "vendor = \"V\(pick(3))\"\nmodel = \"M\(i)\"\n[availability]\n"
        let announced = chance(0.35)
        t += "status = \"\(announced ? "announced" : "shipping")\"\n"
        switch pick(3) {
        case 0:
            if announced {
                t += "date = 2015-\(two(5 + pick(8)))-\(two(1 + pick(28)))\n"
            }
        case 1: t += "date = [2015-0\(5 + pick(4))-01, 2015-\(10 + pick(3))-15]\n"
        default: if !announced { t += "date = 2014-0\(1 + pick(9))-01\n" }
        }
        t += "[camera]\n"
        switch pick(3) {
        case 0: t += "price = \(300 + pick(12) * 100)\n"
        case 1: t += "price = [\(300 + pick(5) * 100), \(900 + pick(5) * 100)]\n"
        default: break
        }
        if chance(0.5) { t += "[dock]\nprice = \(pick(4) * 100)\ncameras_per_dock = \(1 + pick(6))\n" }
        if chance(0.6) { t += "[video]\ngb_per_hour = \([1.0, 1.3, 2.0, 2.7][pick(4)])\n" }
        t += "[storage]\n"
        switch pick(3) {
        case 0:
            t += "model = \"cloud\"\n"
            if chance(0.6) {
                t +=
                    "per_user_per_month = \(chance(0.5) ? "\(10 + pick(50))" : "[\(10 + pick(10)), \(40 + pick(30))]")\n"
            } else if chance(0.5) {
                t += "per_camera_per_month = \(10 + pick(90))\n"
            }
        case 1:
            t += "model = \"on-premises\"\nserver_tb = \(4 + pick(12))\n"
            if chance(0.5) { t += "server_price = \(3000 + pick(5) * 1000)\n" }
            if chance(0.5) { t += "per_camera_per_month = \(pick(30))\n" }
        default:
            t += "model = \"existing-backend\"\n"
            if chance(0.4) { t += "per_camera_per_month = \(pick(20))\n" }
        }
        if chance(0.5) { t += "setup = \(pick(6) * 1000)\n" }
        if chance(0.7) {
            t += "[integration]\nin_car_system = \"\(chance(0.8) ? "Panasonic Arbitrator" : "Other")\"\n"
            for f in IntegrationFeature.allCases where chance(0.6) { t += "\(f.rawValue) = \(chance(0.5))\n" }
        }
        return product("p\(i)", t)
    }
    return (profile, products)
}
