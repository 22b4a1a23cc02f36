/// Turns raw serial console bytes into plain text: drops ANSI/VT100 escape sequences and control codes.
///
/// SeaBIOS's VGA mirror, GRUB and OVMF position the cursor and set colours with escape sequences; a marker printed
/// on screen arrives wrapped in them. The filter keeps printable bytes (UTF-8 included), newlines and tabs, and
/// drops everything else, carrying its state across chunks so a sequence split between two reads is still removed.
/// Sequences handled (ECMA-48): CSI (`ESC [ … final`), OSC/DCS/SOS/PM/APC strings (ended by BEL or `ESC \`),
/// and two- or three-byte escapes such as `ESC c` and `ESC ( B`.
struct ConsoleFilter: Sendable {
    private enum State: Sendable {
        case text
        case escape
        case escapeIntermediate
        case controlSequence(length: Int)
        case controlString
        case controlStringEscape
    }

    /// A control sequence longer than this is treated as garbage and ended, so a stray `ESC [` can't hide the rest
    /// of the console.
    static let maximumSequenceLength = 64

    private var state = State.text

    /// Filters one chunk and appends the kept bytes to `output`.
    mutating func filter(_ bytes: some Sequence<UInt8>, into output: inout [UInt8]) {
        for byte in bytes {
            if let kept = filter(byte) { output.append(kept) }
        }
    }

    /// Advances the state machine by one byte; returns the byte if it is text.
    mutating func filter(_ byte: UInt8) -> UInt8? {
        switch state {
        case .text:
            switch byte {
            case 0x1B: state = .escape; return nil
            case 0x0A, 0x09: return byte
            case 0x00..<0x20, 0x7F: return nil
            default: return byte
            }
        case .escape:
            switch byte {
            case UInt8(ascii: "["): state = .controlSequence(length: 0)
            case UInt8(ascii: "]"), UInt8(ascii: "P"), UInt8(ascii: "X"), UInt8(ascii: "^"), UInt8(ascii: "_"):
                state = .controlString
            case 0x20...0x2F: state = .escapeIntermediate
            case 0x1B: state = .escape
            default: state = .text
            }
            return nil
        case .escapeIntermediate:
            if !(0x20...0x2F).contains(byte) { state = .text }
            return nil
        case .controlSequence(let length):
            switch byte {
            case 0x40...0x7E, 0x18, 0x1A: state = .text
            case 0x1B: state = .escape
            default:
                state = length + 1 >= Self.maximumSequenceLength ? .text : .controlSequence(length: length + 1)
            }
            return nil
        case .controlString:
            switch byte {
            case 0x07, 0x18, 0x1A: state = .text
            case 0x1B: state = .controlStringEscape
            default: break
            }
            return nil
        case .controlStringEscape:
            state = byte == UInt8(ascii: "\\") ? .text : .controlString
            return nil
        }
    }
}
