/// The text of the hand-written pages that `pgf report` installs (see ``StaticDocs``).
public enum DocsText {}
