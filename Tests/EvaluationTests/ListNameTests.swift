import LineupTestSupport
import Testing

@testable import Evaluation

/// Issue 23, item 4: names that stay apart in every list, at every width.
@Suite struct ListNameTests {
    /// The bundled lineup plus two revised quotes of one product: at every width from 8 to 60
    /// columns, no two products get the same name, and each fits.
    @Test func noTwoProductsShareANameAtAnyWidth() throws {
        var (_, products) = try bundledLineup()
        var revised = try #require(products.first { $0.id == "digital-ally-firstvu-hd" })
        revised.id = "firstvu-quote"
        revised.model = "FirstVu HD (quote 2015-04-24)"
        var again = revised
        again.id = "firstvu-quote-2"
        again.model = "FirstVu HD (quote 2015-05-02)"
        products += [revised, again]
        let names = ListName.of(products)
        for width in 8...60 {
            let shown = products.map { names[$0.id]!.fitted(width) }
            #expect(Set(shown).count == products.count, "width \(width): \(shown)")
            for s in shown { #expect(SafeText.width(s) <= width, "\(s) at \(width)") }
        }
        // At the terminal's 13 columns: what differs stays.
        #expect(names["firstvu-quote"]!.fitted(13) == "Firs…5-04-24)")
        #expect(names["digital-ally-firstvu-hd"]!.fitted(13) == "FirstVu HD")
        #expect(names["panasonic-wv-tw310"]!.fitted(13) == "WV-TW310")
        // Wide enough, the whole name as written.
        #expect(names["firstvu-quote"]!.fitted(60) == "Digital Ally FirstVu HD (quote 2015-04-24)")
    }
}
