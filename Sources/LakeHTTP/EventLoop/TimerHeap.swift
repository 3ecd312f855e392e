/// A binary min-heap of deadlines, each with what to run on the loop thread when it passes.
///
/// Timers are never removed early: an owner whose deadline moved checks its own state when
/// the entry fires and schedules again if it is not due yet (lazy cancellation). That keeps
/// "push the idle deadline forward on every read" free of heap operations.
struct TimerHeap {
    /// What a due timer runs.
    enum Target {
        /// A closure (for rare, server-wide timers).
        case action(() -> Void)
        /// The handler registered for a descriptor, if that registration still exists. Connections
        /// use this instead of a closure capturing them weakly: a weak reference gives an object a
        /// side table, and from then on every retain and release of it takes the slow path.
        case registration(fd: Int32, id: UInt32)
    }

    struct Entry {
        var deadline: UInt64
        var sequence: UInt64
        var target: Target
    }

    private var entries: [Entry] = []
    private var nextSequence: UInt64 = 0

    /// Whether no timer is pending.
    var isEmpty: Bool { entries.isEmpty }

    /// The earliest deadline, if any.
    var earliestDeadline: UInt64? { entries.first?.deadline }

    /// Adds a timer; entries with equal deadlines fire in insertion order.
    mutating func schedule(at deadline: UInt64, _ target: Target) {
        nextSequence &+= 1
        entries.append(Entry(deadline: deadline, sequence: nextSequence, target: target))
        siftUp(entries.count - 1)
    }

    /// Removes and returns the earliest entry if it is due at `now`.
    mutating func popDue(now: UInt64) -> Entry? {
        guard let first = entries.first, first.deadline <= now else { return nil }
        let last = entries.removeLast()
        if !entries.isEmpty {
            entries[0] = last
            siftDown(0)
        }
        return first
    }

    private func precedes(_ a: Int, _ b: Int) -> Bool {
        let left = entries[a], right = entries[b]
        return left.deadline != right.deadline ? left.deadline < right.deadline : left.sequence < right.sequence
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard precedes(child, parent) else { return }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < entries.count && precedes(left, smallest) { smallest = left }
            if right < entries.count && precedes(right, smallest) { smallest = right }
            if smallest == parent { return }
            entries.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
