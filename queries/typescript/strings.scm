;; TypeScript additions to queries/javascript/strings.scm (read first).
