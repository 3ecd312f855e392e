import LakeCore

extension RFC3339 {
    /// Appends epoch-ms `time` as `YYYY-MM-DDTHH:MM:SSZ`, the seeds' timestamp form. Bar labels
    /// are whole minutes, so nothing is lost; a sub-second time is floored.
    @inlinable
    static func appendWholeSeconds(milliseconds time: Int64, to output: inout [UInt8]) {
        append(EpochUnit.milliseconds.convert(time, to: .seconds)!, unit: .seconds, to: &output)
    }
}
