import Dispatch

/// Work spread over every core, with results in order: the simulation's blocks of draws and
/// the folder loader's spec files both use it.
public enum Parallel {
    /// `body(i)` for i in 0..<count, on every core; results in order of i.
    public static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        if count <= 1 { return (0..<count).map(body) }
        let buffer = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        buffer.initialize(repeating: nil)
        defer {
            _ = buffer.deinitialize()
            buffer.deallocate()
        }
        // Each iteration writes only its own slot.
        nonisolated(unsafe) let slots = buffer
        DispatchQueue.concurrentPerform(iterations: count) { i in slots[i] = body(i) }
        return buffer.map { $0! }
    }
}
