import LiveSystem
import Xen

extension Failure {
    /// Exit codes for `isokit xen`: 64 for options that can't work, 65 for an image without a usable entry, 66 for a
    /// boot directory without kernels, 69 when pvgrub2's GRUB is missing, 1 for an xl.cfg isokit got wrong.
    static func xenCode(for error: any Error) -> Int32? {
        switch error {
        case XenError.noSuchEntry, XenError.undefinedVariable, XenError.badVariable, XenError.badAddress,
            XenError.invalidOption:
            64
        case XenError.noBootEntry, XenError.noInitrd, XenError.fileNotInImage, XenError.unresolvedPath: 65
        case XenError.badDefaults, XenError.noKernels: 66
        case XenError.pvgrub2Unavailable: 69
        case is XenError: 1
        default: nil
        }
    }
}
