/// GRUB's serial terminal settings (GRUB manual §16.3 "serial", "terminal_input", "terminal_output").
public struct GrubSerialConsole: Hashable, Sendable, Codable {
    /// The serial unit: 0 is COM1 (ttyS0).
    public var unit: Int
    /// Bits per second.
    public var speed: Int

    /// Creates settings for one serial port.
    public init(unit: Int = 0, speed: Int = 115_200) {
        self.unit = unit
        self.speed = speed
    }

    /// Lines that turn on the serial port and use it beside the screen for both input and output.
    func render() -> String {
        """
        serial --unit=\(unit) --speed=\(speed)
        terminal_input console serial
        terminal_output console serial
        """
    }
}
