/// The times of a periodic job on a fixed beat: each run starts one interval after the
/// previous beat — not after the previous run ended, which would stretch the period by each
/// run's time — and a run that overran skips the beats it missed instead of the job running
/// back to back to catch up.
struct FixedBeat<Instant: InstantProtocol> where Instant.Duration == Duration {
    /// The beat the last run started on (or the start).
    private(set) var last: Instant
    let interval: Duration

    /// A beat whose first run comes one `interval` after `start`.
    init(start: Instant, interval: Duration) {
        precondition(interval > .zero, "a beat needs a positive interval")
        last = start
        self.interval = interval
    }

    /// The beat the next run starts on, seen at `now`: the first beat after the last one that
    /// is not already past.
    mutating func next(now: Instant) -> Instant {
        last = last.advanced(by: interval)
        if last < now {
            // Whole intervals missed, counted rather than stepped through one by one.
            let missed = Int((last.duration(to: now) / interval).rounded(.up))
            last = last.advanced(by: interval * missed)
            if last < now { last = last.advanced(by: interval) }
        }
        return last
    }
}
