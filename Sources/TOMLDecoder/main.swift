import TOML

// toml-decoder: the toml-test suite's decoder interface. TOML on stdin; the tagged JSON on
// stdout and exit 0, or a message on stderr and exit 1.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

var input: [UInt8] = []
var buffer = [UInt8](repeating: 0, count: 65536)
while true {
    let n = read(0, &buffer, buffer.count)
    if n <= 0 { break }
    input.append(contentsOf: buffer[0..<n])
}
do {
    let document = try TOML.parse(input, file: "<stdin>")
    print(document.root.taggedJSON())
} catch {
    var message = error.description + "\n"
    _ = message.withUTF8 { write(2, $0.baseAddress, $0.count) }
    exit(1)
}
