/// One concrete way to apply a menu option: the option, the plan text the planning phase
/// returns (specific to the parent code; its last line is `schedule: ...`), and the schedule
/// the coding phase implements.
public struct OfflineProposal: Sendable, Equatable {
    /// The menu option's stable id (OptimizationMenu).
    public var optionID: String
    /// The plan: what changes, where and why, ending with the machine-readable schedule line.
    public var plan: String
    /// The schedule the plan describes.
    public var schedule: OfflineSchedule

    public init(optionID: String, plan: String, schedule: OfflineSchedule) {
        self.optionID = optionID
        self.plan = plan
        self.schedule = schedule
    }
}
