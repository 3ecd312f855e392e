extension Int64 {
    /// `self / divisor` rounded toward negative infinity (Swift's `/` rounds toward zero), so a
    /// time before 1970 lands in the bucket, day or unit that contains it. `divisor` must be > 0.
    @inlinable public func flooredDivision(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return self % divisor < 0 ? quotient - 1 : quotient
    }
}
