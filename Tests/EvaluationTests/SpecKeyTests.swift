import Testing

@testable import Evaluation

/// Issue 17: a spec key is spelled once (`SpecKey`); the decoder, the form and the template
/// all follow it.
@Suite struct SpecKeyTests {
    /// Every key is in the template, in its table; uncommented, the template loads with no
    /// unknown key; every form field but the new source names a key.
    @Test func theDecoderTheFormAndTheTemplateFollowTheKeys() {
        let template = SpecTemplate.text(vendor: "Acme", model: "One")
        var section = ""
        var found: [SpecKey] = []
        for line in template.split(separator: "\n") {
            if line.hasPrefix("[") {
                section = String(line.dropFirst().dropLast())
                continue
            }
            let body = line.hasPrefix("# ") ? line.dropFirst(2) : line
            guard let eq = body.range(of: " = ") else { continue }
            let key = String(body[..<eq.lowerBound])
            if let k = SpecKey.all.first(where: { $0.section == section && $0.key == key }) { found.append(k) }
        }
        #expect(found == SpecKey.all)
        // Every value uncommented: the decoder knows every key (no "unknown key" warning).
        let uncommented = template.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.hasPrefix("# "), line.contains(" = ") else { return String(line) }
            let body = line.dropFirst(2)
            return String(body.range(of: "  #").map { body[..<$0.lowerBound] } ?? body)
        }.joined(separator: "\n")
        let loaded = SpecDecoder.product(Array(uncommented.utf8), file: "t.toml", id: "t")
        #expect(loaded.value != nil, "\(loaded.diagnostics)")
        #expect(!loaded.diagnostics.contains { $0.message.contains("unknown key") }, "\(loaded.diagnostics)")
        // The form's fields are keys (the new source's two fields are added to `sources`).
        let paths = Set(SpecKey.all.map(\.path))
        for f in SpecForm.fields where f.path != SpecForm.newSource && f.path != SpecForm.newSourceDate {
            #expect(paths.contains(f.path), "form field \(f.path) is not a spec key")
        }
        #expect(SpecDecoder.productKeys == SpecKey.allowed)
    }
}
