// libFuzzer driver for the TOML parser. Built only with LINEUP_FUZZ=1 (see .ci/fuzz):
// SwiftPM's `main` would otherwise win over an `LLVMFuzzerTestOneInput` symbol, so this
// `main` hands control to libFuzzer's own driver.
import TOML

#if canImport(Glibc)
    import Glibc
#endif

typealias Callback = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

@_silgen_name("LLVMFuzzerRunDriver")
func llvmFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: Callback
) -> Int32

let callback: Callback = { data, size in
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    if let document = try? TOML.parse(bytes, file: "fuzz") {
        // Exercise the whole tree, as the decoder does.
        _ = document.root.taggedJSON()
    }
    return 0
}

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(llvmFuzzerRunDriver(&argc, &argv, callback))
