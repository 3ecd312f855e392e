import CLinux
import Glibc
import Synchronization

/// Something registered with an ``EventLoop`` for readiness events on one descriptor.
/// Called only on the loop's thread.
protocol EventHandler: AnyObject {
    /// `events` is the `EPOLL*` mask epoll reported.
    func handleEvents(_ events: UInt32)
    /// A timer scheduled with ``EventLoop/schedule(at:fd:id:)`` for this registration passed;
    /// `deadline` is the one it was scheduled for (an owner that moved its deadline since
    /// ignores the entry).
    func timerFired(deadline: UInt64)
}

extension EventHandler {
    /// Handlers that schedule no timers ignore them.
    func timerFired(deadline: UInt64) {}
}

/// Something with work to finish right after the loop's current event (see
/// ``EventLoop/runAfterEvent(_:)``). Called only on the loop's thread.
protocol AfterEventWork: AnyObject {
    func runAfterEvent()
}

/// One epoll loop on its own thread.
///
/// Registrations carry a 32-bit id next to the descriptor in the epoll data word, so an event
/// that was already queued for a descriptor that has since been closed and reused is dropped.
/// Other threads talk to the loop only through ``execute(_:)``: a locked job queue plus an
/// eventfd that wakes `epoll_wait`.
///
/// `@unchecked Sendable`: everything but `inbox` and `wakeArmed` is touched only by the loop's
/// own thread (every entry point other than `execute` is documented "loop thread only").
final class EventLoop: @unchecked Sendable {
    typealias Job = @Sendable (EventLoop) -> Void

    private struct Registration {
        let id: UInt32
        let handler: EventHandler
    }

    /// Position of this loop among the server's loops.
    let index: Int
    private let epollFD: Int32
    private let wakeFD: Int32
    private let inbox = Mutex<[Job]>([])
    private let wakeArmed = Atomic<Bool>(false)

    private var registrations: [Registration?] = []
    private var nextID: UInt32 = 1
    private var timers = TimerHeap()
    private var running = true
    /// The loop's thread, set when ``run()`` starts.
    private var thread: pthread_t?
    /// Jobs posted from the loop's own thread: run after the current event, without the
    /// lock and the eventfd (loop thread only).
    private var deferred: [Job] = []
    /// Objects that asked to run right after the current event, in the same pass as
    /// `deferred` but without a closure to allocate per request (loop thread only).
    private var afterEvent: [any AfterEventWork] = []
    /// The jobs taken from `inbox`, run outside its lock; swapped with it so that neither
    /// array is reallocated per wake-up (loop thread only).
    private var drained: [Job] = []
    /// The monotonic time when the current batch of events started (loop thread only).
    private(set) var now: UInt64 = MonotonicClock.now()
    /// Scratch space every connection of this loop reads into (loop thread only).
    let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)

    private static let wakeToken: UInt64 = UInt64.max

    /// Creates the epoll instance and its eventfd.
    init(index: Int) throws(IOError) {
        self.index = index
        epollFD = try Syscall.blocking("epoll_create1") { epoll_create1(Int32(EPOLL_CLOEXEC)) }
        wakeFD = try Syscall.blocking("eventfd") { eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC)) }
        var event = epoll_event(events: EPOLLIN.rawValue, data: epoll_data_t(u64: EventLoop.wakeToken))
        try Syscall.blocking("epoll_ctl") { epoll_ctl(epollFD, EPOLL_CTL_ADD, wakeFD, &event) }
    }

    deinit {
        Syscall.close(wakeFD)
        Syscall.close(epollFD)
        readBuffer.deallocate()
    }

    /// Registers `fd` for `events`; returns the registration id (loop thread only).
    @discardableResult
    func register(_ fd: Int32, events: UInt32, handler: EventHandler) throws(IOError) -> UInt32 {
        nextID = nextID == UInt32.max - 1 ? 1 : nextID + 1
        let id = nextID
        if Int(fd) >= registrations.count {
            registrations.append(contentsOf: repeatElement(nil, count: Int(fd) + 1 - registrations.count + 64))
        }
        var event = epoll_event(events: events, data: epoll_data_t(u64: UInt64(id) << 32 | UInt64(UInt32(fd))))
        try Syscall.blocking("epoll_ctl") { epoll_ctl(epollFD, EPOLL_CTL_ADD, fd, &event) }
        registrations[Int(fd)] = Registration(id: id, handler: handler)
        return id
    }

    /// Changes the interest set of a registered descriptor (loop thread only).
    func modify(_ fd: Int32, id: UInt32, events: UInt32) {
        var event = epoll_event(events: events, data: epoll_data_t(u64: UInt64(id) << 32 | UInt64(UInt32(fd))))
        // Only ENOMEM/ENOSPC can fail here; the connection then simply stops getting events
        // and its timeout closes it.
        _ = try? Syscall.blocking("epoll_ctl") { epoll_ctl(epollFD, EPOLL_CTL_MOD, fd, &event) }
    }

    /// Hands a registered descriptor to another handler, keeping its id (loop thread only).
    func replaceHandler(_ fd: Int32, id: UInt32, with handler: EventHandler) {
        registrations[Int(fd)] = Registration(id: id, handler: handler)
    }

    /// Stops watching a descriptor without closing it (a socket other loops share).
    func deregister(_ fd: Int32) {
        _ = try? Syscall.blocking("epoll_ctl") { epoll_ctl(epollFD, EPOLL_CTL_DEL, fd, nil) }
        registrations[Int(fd)] = nil
    }

    /// Removes and closes a descriptor (loop thread only). Events already fetched for it
    /// are dropped because its registration is gone.
    func close(_ fd: Int32) {
        deregister(fd)
        Syscall.close(fd)
    }

    /// The handler of `fd` if it still has registration `id` (loop thread only).
    func handler(_ fd: Int32, id: UInt32) -> EventHandler? {
        guard Int(fd) < registrations.count, let registration = registrations[Int(fd)], registration.id == id else { return nil }
        return registration.handler
    }

    /// Whether the caller runs on this loop's thread.
    var inEventLoop: Bool {
        guard let thread else { return false }
        return pthread_equal(thread, pthread_self()) != 0
    }

    /// Runs `job` on the loop thread soon. Safe from any thread; from the loop's own thread
    /// (a handler that completed without suspending) it skips the lock and the wake-up.
    func execute(_ job: @escaping Job) {
        if inEventLoop {
            deferred.append(job)
            return
        }
        inbox.withLock { $0.append(job) }
        if !wakeArmed.exchange(true, ordering: .acquiringAndReleasing) {
            var one: UInt64 = 1
            _ = Glibc.write(wakeFD, &one, 8)
        }
    }

    /// Calls `work.runAfterEvent()` right after the current event (loop thread only); the caller
    /// asks once per event (it keeps its own pending work).
    func runAfterEvent(_ work: any AfterEventWork) {
        afterEvent.append(work)
    }

    /// Runs `action` on the loop thread once `deadline` (monotonic ns) has passed (loop thread only).
    func schedule(at deadline: UInt64, _ action: @escaping () -> Void) {
        timers.schedule(at: deadline, .action(action))
    }

    /// Calls `timerFired(deadline:)` on the handler of `fd` once `deadline` (monotonic ns) has
    /// passed, if `fd` still has registration `id` then (loop thread only).
    func schedule(at deadline: UInt64, fd: Int32, id: UInt32) {
        timers.schedule(at: deadline, .registration(fd: fd, id: id))
    }

    /// Makes ``run()`` return after the current batch (loop thread only).
    func stop() {
        running = false
    }

    /// Waits for and dispatches events until ``stop()``; call on the loop's own thread.
    func run() {
        let capacity = 256
        let events = UnsafeMutablePointer<epoll_event>.allocate(capacity: capacity)
        defer { events.deallocate() }
        thread = pthread_self()
        while running {
            var timeout: Int32 = -1
            if let deadline = timers.earliestDeadline {
                let current = MonotonicClock.now()
                timeout = deadline <= current ? 0 : Int32(min((deadline - current + 999_999) / 1_000_000, 60_000))
            }
            let count = epoll_wait(epollFD, events, Int32(capacity), timeout)
            now = MonotonicClock.now()
            if count > 0 {
                for index in 0..<Int(count) {
                    let event = events[index]
                    if event.data.u64 == EventLoop.wakeToken {
                        drainInbox()
                        continue
                    }
                    let fd = Int32(truncatingIfNeeded: event.data.u64 & 0xFFFF_FFFF)
                    let id = UInt32(truncatingIfNeeded: event.data.u64 >> 32)
                    handler(fd, id: id)?.handleEvents(event.events)
                    runDeferred()
                }
            } else if count < 0 && errno != EINTR {
                fatalError("epoll_wait failed with errno \(errno)")
            }
            while let timer = timers.popDue(now: now) {
                switch timer.target {
                case .action(let action): action()
                case .registration(let fd, let id): handler(fd, id: id)?.timerFired(deadline: timer.deadline)
                }
                runDeferred()
            }
        }
        drainInbox()
        runDeferred()
    }

    /// Runs the deferred jobs and after-event work, including any they add, by index (a copy
    /// of the array would make clearing it allocate a new one each time).
    private func runDeferred() {
        while !deferred.isEmpty || !afterEvent.isEmpty {
            var index = 0
            while index < deferred.count {
                let job = deferred[index]
                index += 1
                job(self)
            }
            deferred.removeAll(keepingCapacity: true)
            index = 0
            while index < afterEvent.count {
                let work = afterEvent[index]
                index += 1
                work.runAfterEvent()
            }
            afterEvent.removeAll(keepingCapacity: true)
        }
    }

    private func drainInbox() {
        var counter: UInt64 = 0
        _ = Glibc.read(wakeFD, &counter, 8)
        // Disarm before taking the jobs: a job appended after the swap then writes the
        // eventfd again, so none can be stranded.
        wakeArmed.store(false, ordering: .sequentiallyConsistent)
        inbox.withLock { swap(&$0, &drained) }
        for job in drained { job(self) }
        drained.removeAll(keepingCapacity: true)
        runDeferred()
    }
}
