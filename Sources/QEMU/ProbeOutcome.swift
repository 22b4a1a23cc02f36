/// How a console probe ended.
public enum ProbeOutcome: String, Sendable, Codable, CaseIterable {
    /// The marker appeared on the console; QEMU was stopped at once.
    case matched
    /// The timeout passed without the marker; QEMU was stopped.
    case timedOut
    /// QEMU ended on its own, successfully, before the marker appeared (for example the guest powered off or
    /// rebooted under `-no-reboot`).
    case emulatorExited
}
