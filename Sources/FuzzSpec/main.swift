// libFuzzer driver for the spec decoder and the scoring: every input goes through
// `SpecPipeline.exercise` (decode as a product and as a profile, rank by both methods,
// sensitivity, simulation, explanations, CSV, JSON, table). Built only with LINEUP_FUZZ=1
// (see .ci/fuzz); new crashers land in Tests/EvaluationTests/Crashers, replayed by swift test.
import LineupTestSupport

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
    SpecPipeline.exercise(size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(llvmFuzzerRunDriver(&argc, &argv, callback))
