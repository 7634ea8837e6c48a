import Bounds
import PGFCommandLine
import Foundation

// `pgf`: the command line of the perturbed-gradient-flow suite, run on this
// package's catalogue. A client package writes the same lines with its own
// catalogue (see Examples/).
exit(await PGFCommand(catalogue: .standard).run())
