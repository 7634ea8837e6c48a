import ClientStatements
import Foundation
import PGFCommandLine

// The suite's command line on the client's catalogue: check, search, report, …
exit(await PGFCommand(catalogue: .client, name: "client-pgf").run())
